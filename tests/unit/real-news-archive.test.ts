import fs from 'node:fs';
import path from 'node:path';

import { kOf, loadRealNews, REAL_NEWS_DIR } from '../helpers/real-news';

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
