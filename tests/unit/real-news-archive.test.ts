import fs from 'node:fs';
import path from 'node:path';

import { HELD_OUT_2_DIR, HELD_OUT_3_DIR, HELD_OUT_DIR, kOf, loadRealNews, REAL_NEWS_DIR } from '../helpers/real-news';

const archive = loadRealNews();
const readme = fs.readFileSync(path.join(REAL_NEWS_DIR, 'README.md'), 'utf8');
/** Letters Kazakh has and Russian has not: a Kazakh item without any is Russian text in the wrong locale. */
const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

describe('the real-news archive', () => {
  it('holds enough events, each told by several outlets, and unrelated stories', () => {
    const outlets = new Map<string, Set<string>>();
    for (const item of archive.items.filter((entry) => entry.event !== null)) {
      const group = `${item.event}|${item.language}`;
      outlets.set(group, (outlets.get(group) ?? new Set()).add(item.outlet.replace(/ \(.*\)$/, '')));
    }
    const retold = [...outlets.values()].filter((names) => names.size >= 5);
    expect(retold.length).toBeGreaterThanOrEqual(16);
    expect(Math.max(...[...outlets.values()].map((names) => names.size))).toBeLessThanOrEqual(7);
    expect(archive.items.filter((item) => item.event === null).length).toBeGreaterThanOrEqual(20);
    expect(archive.items.length).toBeGreaterThanOrEqual(120);
    expect(archive.items.filter((item) => kOf(archive, item) > 0).length).toBeGreaterThanOrEqual(100);
  });

  it('publishes Kazakh items in Kazakh and keeps every date a real instant', () => {
    for (const item of archive.items) {
      expect({ key: item.key, date: Number.isNaN(Date.parse(item.publishedAt)) }).toEqual({ key: item.key, date: false });
      if (item.language === 'kk') expect({ key: item.key, kazakh: KAZAKH_LETTERS.test(`${item.title} ${item.lead}`) }).toEqual({ key: item.key, kazakh: true });
    }
  });

  it('is described by its README: every event and every source address', () => {
    const missing = [
      ...[...archive.events.keys()].filter((id) => !readme.includes(`\`${id}\``)),
      ...archive.items.flatMap((item) => item.sources.map((source) => source.url)).filter((url) => !readme.includes(url)),
    ];
    expect(missing).toEqual([]);
    const described = new Set(archive.items.map((item) => item.event));
    expect([...archive.events.keys()].filter((id) => !described.has(id))).toEqual([]);
  });
});

describe.each([
  { dir: HELD_OUT_DIR, events: 14, unrelated: 10 },
  { dir: HELD_OUT_2_DIR, events: 6, unrelated: 5 },
  { dir: HELD_OUT_3_DIR, events: 3, unrelated: 3 },
])('the held-out archive $dir', ({ dir, events, unrelated }) => {
  const heldOut = loadRealNews(dir);
  const heldOutReadme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');

  it('tells each event by five or more outlets, with unrelated stories and no tags', () => {
    for (const id of heldOut.events.keys()) {
      const outlets = new Set(heldOut.items.filter((item) => item.event === id && item.language === 'ru').map((item) => item.outlet));
      expect({ id, enough: outlets.size >= 5 }).toEqual({ id, enough: true });
    }
    expect(heldOut.events.size).toBeGreaterThanOrEqual(events);
    expect(heldOut.items.filter((item) => item.event === null).length).toBeGreaterThanOrEqual(unrelated);
    expect(heldOut.items.filter((item) => item.tags.length > 0)).toEqual([]);
  });

  it('names every event and every item with its outlet and date in its README', () => {
    const missing = [
      ...[...heldOut.events.keys()].filter((id) => !heldOutReadme.includes(`\`${id}\``)),
      ...heldOut.items.filter((item) => !heldOutReadme.includes(`\`${item.key}\` (${item.outlet}, ${item.publishedAt.slice(0, 10)}`)).map((item) => item.key),
    ];
    expect(missing).toEqual([]);
  });

  it('publishes Kazakh items in Kazakh', () => {
    for (const item of heldOut.items.filter((entry) => entry.language === 'kk')) expect({ key: item.key, kazakh: KAZAKH_LETTERS.test(`${item.title} ${item.lead}`) }).toEqual({ key: item.key, kazakh: true });
  });
});
