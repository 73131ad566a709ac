import fs from 'node:fs';
import path from 'node:path';

import { formatStoryDate, formatStoryDateWithZone } from '../../admin/src/utils/dates';
import { MONTH_NAMES } from '../../shared/dates';
import { type DraftEntry, checkLink, fromLink, moveEntry, readProblems, ruleOf, toInput } from '../../admin/src/utils/related';
import { formatDisplayDate } from '../../shared/dates';
import { createIntl } from 'react-intl';

import type { Suggestion, SuggestionReason } from '../../shared/contracts/suggestions';
import { fromSuggestion } from '../../admin/src/utils/related';
import { acceptFailure, reasonMessage, visibleSuggestions } from '../../admin/src/utils/suggestions';
import { isConflict, requestError } from '../../admin/src/utils/errors';
import type { GetStoryClicks } from '../../shared/contracts/reader-stats';
import { clickRate } from '../../shared/schemas/reader-stats';
import { formatRate, rowClicks } from '../../admin/src/utils/clicks';

const story = (target: string): DraftEntry => ({
  key: target,
  target,
  url: null,
  label: null,
  status: 'published',
  story: { documentId: target, title: target, slug: null, publicationDate: null, correspondents: [] },
  domain: null,
});

describe('admin panel: display dates', () => {
  it('prints the sample dates as readers get them (one formatter, shared with the server)', () => {
    expect(formatStoryDate('2025-09-12T03:57:00Z', 'ru')).toBe('12 сентября 2025 г. 8:57');
    expect(formatStoryDate('2025-08-19T19:00:00Z', 'ru')).toBe('20 августа 2025 г. 0:00');
    expect(formatStoryDate('2022-03-23T18:08:00Z', 'kk')).toBe(formatDisplayDate('2022-03-23T18:08:00Z', 'kk', 'Asia/Almaty'));
    expect(formatStoryDate('2022-03-23T18:08:00Z', 'en-GB')).toBe('24 March 2022, 0:08');
    expect(formatStoryDate(null, 'ru')).toBeNull();
    expect(formatStoryDate('not a date', 'ru')).toBeNull();
  });

  it('prints the panel\'s own date as the story\'s readers see it, naming the zone', () => {
    expect(formatStoryDateWithZone('2022-03-23T18:08:00Z', 'ru', 'Asia/Almaty')).toBe('24 марта 2022 г. 0:08, Asia/Almaty');
    expect(formatStoryDateWithZone('2022-03-23T18:08:00Z', 'kk', 'Asia/Almaty')).toBe('24 наурыз 2022 ж. 0:08, Asia/Almaty');
    // Almaty's move to UTC+5 on 2024-03-01: the zone decides the hour.
    expect(formatStoryDateWithZone('2025-09-12T03:57:00Z', 'ru', 'Asia/Almaty')).toBe('12 сентября 2025 г. 8:57, Asia/Almaty');
    expect(formatStoryDateWithZone('2022-03-23T18:08:00Z', 'ru', 'Europe/Moscow')).toBe('23 марта 2022 г. 21:08, Europe/Moscow');
    expect(formatStoryDateWithZone(null, 'ru')).toBeNull();
  });

  it('does not need month names from Intl (Debian chromium has no Kazakh data and prints "M03")', () => {
    const Real = Intl.DateTimeFormat;
    const spy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(((locales?: string | string[], options?: Intl.DateTimeFormatOptions) => {
      const real = new Real(locales, options);
      if (options?.month !== 'long') return real;
      return { formatToParts: (date?: Date | number) => real.formatToParts(date).map((part) => (part.type === 'month' ? { ...part, value: 'M03' } : part)) };
    }) as unknown as typeof Intl.DateTimeFormat);
    try {
      jest.isolateModules(() => {
        const fresh = require('../../admin/src/utils/dates') as typeof import('../../admin/src/utils/dates');
        expect(fresh.formatStoryDate('2022-03-23T18:08:00Z', 'kk')).toBe('24 наурыз 2022 ж. 0:08');
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('has every month name in each language', () => {
    for (let month = 0; month < 12; month += 1) {
      const iso = new Date(Date.UTC(2025, month, 15, 6, 0)).toISOString();
      for (const language of ['ru', 'kk', 'en'] as const) {
        expect(formatDisplayDate(iso, language, 'Asia/Almaty')).toContain(` ${MONTH_NAMES[language][month]} `);
      }
    }
  });
});

describe('admin panel: external links are checked with the server rules', () => {
  const rules = (url: string, label: string, entries: DraftEntry[] = [], max = 10) => checkLink(url, label, entries, max).map((p) => p.rule);

  it('accepts an absolute http(s) address with a label', () => {
    expect(rules('https://www.gov.kz/memleket/entities/mfa?lang=ru', 'МИД РК')).toEqual([]);
    expect(rules('  http://example.kz/a  ', '  Подпись  ')).toEqual([]);
  });

  it.each(['javascript:alert(1)', 'ftp://example.kz/file', '/news/relative', 'www.gov.kz', 'https://'])('refuses %s', (url) => {
    expect(rules(url, 'label')).toEqual(['urlInvalid']);
  });

  it('refuses spaces, missing or long labels and control characters', () => {
    expect(rules('https://gov.kz/a b', 'x')).toEqual(['urlSpaces']);
    expect(rules('', '')).toEqual(['urlRequired', 'labelRequired']);
    expect(rules('https://gov.kz/', 'x'.repeat(256))).toEqual(['labelTooLong']);
    expect(rules('https://gov.kz/', 'x'.repeat(255))).toEqual([]);
    expect(rules('https://gov.kz/', 'a\u0007b')).toEqual(['labelControl']);
    expect(rules(`https://gov.kz/${'a'.repeat(2040)}`, 'x')).toEqual(['urlTooLong']);
  });

  it('refuses the same address twice (case of the host and a trailing slash do not count) and a full list', () => {
    const list = [story('a'), fromLink('https://WWW.Gov.kz/press/', 'Пресса')];
    expect(checkLink('https://www.gov.kz/press', 'x', list, 10)).toEqual([{ field: 'url', rule: 'urlDuplicate', position: 2 }]);
    expect(rules('https://www.gov.kz/press?page=2', 'x', list)).toEqual([]);
    expect(rules('https://gov.kz/other', 'x', list, 2)).toEqual(['full']);
  });
});

describe('admin panel: the list it sends and the refusals it shows', () => {
  it('sends { target }, { target, label } or { url, label }', () => {
    expect(toInput(story('abc'))).toEqual({ target: 'abc' });
    expect(toInput({ ...story('abc'), label: 'Свой заголовок' })).toEqual({ target: 'abc', label: 'Свой заголовок' });
    expect(toInput(fromLink('https://gov.kz/', 'МИД'))).toEqual({ url: 'https://gov.kz/', label: 'МИД' });
  });

  it('moves an entry and leaves the list alone for moves out of range', () => {
    expect(moveEntry(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveEntry(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    const list = ['a', 'b'];
    expect(moveEntry(list, 0, 5)).toBe(list);
  });

  it("reads Strapi's error body: each path to its entry, the rest for the list", () => {
    const body = {
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: 'related[1].target must be an existing story (and 1 more)',
        details: {
          errors: [
            { path: ['related', '1', 'target'], message: 'related[1].target must be an existing story: no story "x" in locale "ru"' },
            { path: ['related'], message: 'related must have at most 10 entries (maxRelated), got 11' },
          ],
        },
      },
    };
    const problems = readProblems(requestError(400, body, body.error.message));
    expect(problems).toEqual([
      { entryIndex: 1, field: 'target', message: 'related[1].target must be an existing story: no story "x" in locale "ru"' },
      { entryIndex: null, field: null, message: 'related must have at most 10 entries (maxRelated), got 11' },
    ]);
    expect(ruleOf(problems[0])).toBe('must be an existing story: no story "x" in locale "ru"');
    expect(readProblems(requestError(400, { error: { message: 'Forbidden' } }, 'Forbidden'))).toEqual([{ entryIndex: null, field: null, message: 'Forbidden' }]);
    expect(readProblems(requestError(null, 'oops', ''))).toEqual([]);
  });
});

describe('admin panel: translations', () => {
  const dir = path.resolve(__dirname, '..', '..', 'admin', 'src', 'translations');
  const load = (language: string) => JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8')) as Record<string, string>;
  const en = load('en');
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((match) => match[1]).sort();

  it.each(['ru', 'kk'])('%s has every English key, translated, with the same placeholders', (language) => {
    const messages = load(language);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim()).not.toBe('');
      expect([key, [...new Set(placeholders(text))]]).toEqual([key, [...new Set(placeholders(en[key]))]]);
      // Real Russian and Kazakh: every string but the domain-only ones has Cyrillic letters.
      if (!/^\{\w+\}$/.test(en[key])) expect([key, /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/.test(text)]).toEqual([key, true]);
    }
  });
});

describe('admin panel: suggestions', () => {
  const dir = path.resolve(__dirname, '..', '..', 'admin', 'src', 'translations');
  const intlOf = (language: string) =>
    createIntl({ locale: language, messages: JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8')) as Record<string, string> });
  const chip = (reason: SuggestionReason, language = 'en') => {
    const { key, values } = reasonMessage(reason);
    return intlOf(language).formatMessage({ id: key }, values);
  };
  const suggestion = (documentId: string, inList = false): Suggestion => ({
    documentId,
    locale: 'ru',
    title: `Story ${documentId}`,
    slug: documentId,
    publicationDate: '2025-09-12T03:57:00Z',
    score: 1,
    reasons: [],
    inList,
  });

  it('prints each reason as the server labels it, in English', () => {
    expect(chip({ kind: 'tag', label: 'tag: ОИС', weight: 0.5, tag: 'ОИС' })).toBe('tag: ОИС');
    expect(chip({ kind: 'correspondent', label: 'same correspondent: Калмыков Ануар', weight: 0.2, name: 'Калмыков Ануар' })).toBe('same correspondent');
    expect(chip({ kind: 'text', label: 'similar text: безопасность, терроризм', weight: 0.3, words: ['безопасность', 'терроризм'] })).toBe('similar text: безопасность, терроризм');
    const time = (days: number) => chip({ kind: 'time', label: '', factor: 1, days });
    expect([0, 1, 3, 59, 60, 729, 730].map(time)).toEqual(['same day', '1 day apart', '3 days apart', '59 days apart', '2 months apart', '24 months apart', '2 years apart']);
  });

  it('prints the reasons in Russian and Kazakh, with their plural forms', () => {
    const time = (days: number, language: string) => chip({ kind: 'time', label: '', factor: 1, days }, language);
    expect([1, 3, 5, 21].map((days) => time(days, 'ru'))).toEqual(['с разницей в 1 день', 'с разницей в 3 дня', 'с разницей в 5 дней', 'с разницей в 21 день']);
    expect(time(400, 'ru')).toBe('с разницей в 13 месяцев');
    expect(time(3, 'kk')).toBe('айырмасы 3 күн');
    expect(time(0, 'kk')).toBe('сол күні');
    expect(chip({ kind: 'tag', label: 'tag: ОИС', weight: 1, tag: 'ОИС' }, 'ru')).toBe('тег: ОИС');
    expect(chip({ kind: 'text', label: '', weight: 1, words: ['қауіпсіздік'] }, 'kk')).toBe('ұқсас мәтін: қауіпсіздік');
  });

  it("offers what is not in the editor's current list (not the saved one), at most five", () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => suggestion(id, id === 'a'));
    // "a" was in the saved list but the editor removed it: offered again. "b" is in the unsaved list: not offered.
    expect(visibleSuggestions(all, 'self', ['b', null]).map((s) => s.documentId)).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect(visibleSuggestions([suggestion('self'), suggestion('x')], 'self', []).map((s) => s.documentId)).toEqual(['x']);
    expect(visibleSuggestions(all, 'self', ['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toEqual([]);
  });

  it('adds a suggestion as a published story entry, sent as { target }', () => {
    const entry = fromSuggestion(suggestion('abc'));
    expect(entry).toMatchObject({ target: 'abc', status: 'published', url: null, label: null, story: { title: 'Story abc', publicationDate: '2025-09-12T03:57:00Z' } });
    expect(toInput(entry)).toEqual({ target: 'abc' });
  });

  it("tells the accept route's refusals apart", () => {
    const conflict = (details: unknown) => ({ data: null, error: { status: 409, name: 'ConflictError', message: 'x', details } });
    const refused = (status: number | null, body: unknown) => acceptFailure(requestError(status, body, 'x'));
    expect(refused(409, conflict({ code: 'STALE_LIST', expectedRevision: 1, currentRevision: 2 }))).toBe('stale');
    expect(refused(409, conflict({ code: 'DRAFT_HAS_CHANGES' }))).toBe('draftHasChanges');
    expect(refused(409, conflict({ code: 'NOT_PUBLISHED' }))).toBe('notPublished');
    expect(refused(409, null)).toBe('stale');
    expect(refused(400, { error: { name: 'ValidationError', message: 'targets has nothing to accept' } })).toBe('invalid');
    expect(refused(500, null)).toBe('error');
    expect(refused(null, null)).toBe('error');
  });
});

describe('admin panel: error bodies', () => {
  const body = (status: number, name: string, details: unknown) => ({ data: null, error: { status, name, message: 'm', details } });

  it("keeps a body only when it is in the contracts' format, and tells a conflict by its status or name", () => {
    expect(requestError(409, body(409, 'ConflictError', { code: 'STALE_LIST' }), 'm').body?.error.name).toBe('ConflictError');
    expect(requestError(404, body(404, 'NotFoundError', {}), 'm').body?.error.name).toBe('NotFoundError');
    // A name with another status, a conflict without its code, field problems that are not a list with string paths: no body, the message stays.
    expect(requestError(500, body(500, 'ValidationError', { errors: [] }), 'm')).toEqual({ status: 500, body: null, message: 'm' });
    expect(requestError(409, body(409, 'ConflictError', {}), 'm').body).toBeNull();
    expect(requestError(400, body(400, 'ValidationError', { errors: 'x' }), 'm').body).toBeNull();
    expect(requestError(400, body(400, 'ValidationError', { errors: [{ path: ['related', 1], message: 'x' }] }), 'm').body).toBeNull();
    expect(requestError(500, '<html>', 'Unknown Server Error').body).toBeNull();
    expect(isConflict(requestError(409, null, 'm'))).toBe(true);
    expect(isConflict(requestError(null, body(409, 'ConflictError', { code: 'STALE_LIST' }), 'm'))).toBe(true);
    expect(isConflict(requestError(400, body(400, 'ValidationError', { errors: [] }), 'm'))).toBe(false);
  });
});

describe('admin panel: readers’ clicks', () => {
  const stats = (views: number): GetStoryClicks.Response['data'] => ({
    documentId: 'owner',
    locale: 'ru',
    days: 30,
    views,
    minViews: 100,
    entries: [
      { target: 'a', url: null, title: 'A', origin: 'suggested', ...clickRate(3, views, 100) },
      { target: 'a', url: null, title: 'A', origin: 'editor', ...clickRate(12, views, 100) },
      { target: null, url: 'https://stat.gov.kz/report', title: null, origin: 'editor', ...clickRate(5, views, 100) },
    ],
  });

  it('gives each entry of the list its clicks by origin, editor picks first, and a zero line when readers never opened it (once there is a rate)', () => {
    expect(rowClicks(stats(400), story('a')).lines).toEqual([
      { target: 'a', url: null, title: 'A', origin: 'editor', clicks: 12, ctr: 0.03 },
      { target: 'a', url: null, title: 'A', origin: 'suggested', clicks: 3, ctr: 0.0075 },
    ]);
    expect(rowClicks(stats(400), fromLink('https://stat.gov.kz/report', 'Отчёт')).lines.map((line) => line.clicks)).toEqual([5]);
    expect(rowClicks(stats(400), story('b')).lines).toEqual([{ origin: 'editor', clicks: 0, ctr: 0 }]);
    // Under the threshold: counts, no rate, and nothing for an entry never opened.
    expect(rowClicks(stats(99), story('b')).lines).toEqual([]);
    expect(rowClicks(stats(99), story('a')).lines.map((line) => line.ctr)).toEqual([null, null]);
  });

  it('prints a rate with one decimal at most, in the admin language', () => {
    expect(formatRate(12 / 400, 'en')).toBe('3%');
    expect(formatRate(0.031, 'en')).toBe('3.1%');
    expect(formatRate(0.031, 'ru')).toBe('3,1\u00a0%');
  });
});
