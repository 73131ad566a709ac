import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

import { appRoot } from './paths';

const ARTICLE = 'plugin::newsroom.article';
const CORRESPONDENT = 'plugin::newsroom.correspondent';
const STORE_KEY = 'sample-story';
const SAMPLE_VERSION = 1;

interface Sample {
  article: {
    title: string;
    publishedAtLocal: string;
    timeZone: string;
    views: number;
    correspondent: { name: string; role: string };
    lead: string;
    body: string[];
    source: string;
  };
  relatedStories: Array<{ displayDate: string; title: string }>;
}

const MONTHS_RU = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** Offset of `timeZone` from UTC at `utc`, in minutes, from the runtime's tz data. */
const offsetMinutes = (utc: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(utc)
      .map((part) => [part.type, part.value])
  );
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
  return (local - utc.getTime()) / 60000;
};

/** A wall-clock time in `timeZone` → the UTC instant (Almaty was UTC+6 until 2024-03-01, UTC+5 since). */
export const zonedToUtc = (year: number, month: number, day: number, hour: number, minute: number, timeZone: string) => {
  const guess = new Date(Date.UTC(year, month - 1, day, hour, minute));
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60000);
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60000);
};

/** "12 сентября 2025 г. 8:57" as printed on the page, read in `timeZone`. */
export const parseRussianDate = (text: string, timeZone: string) => {
  const match = /^(\d{1,2}) (\S+) (\d{4}) г\. (\d{1,2}):(\d{2})$/.exec(text.trim());
  const month = match ? MONTHS_RU.indexOf(match[2]) + 1 : 0;
  if (!match || month === 0) throw new Error(`sample: cannot read the date "${text}"`);
  return zonedToUtc(+match[3], month, +match[1], +match[4], +match[5], timeZone);
};

const paragraphs = (texts: string[]) =>
  texts.map((text) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }));

export const readSample = (): Sample =>
  JSON.parse(fs.readFileSync(path.join(appRoot, 'data', 'news-article-ru.json'), 'utf8')) as Sample;

/**
 * Loads the sample story of data/news-article-ru.json with its correspondent and its five related
 * stories, published, in the page's order. Runs once per database: a marker in Strapi's store,
 * written in the same transaction as the stories, says it is done (also after an editor deletes them).
 */
export const loadSample = async (strapi: Core.Strapi, locale = 'ru') => {
  const store = strapi.store({ type: 'plugin', name: 'newsroom-playground' });
  if (((await store.get({ key: STORE_KEY })) as { version?: number } | null)?.version === SAMPLE_VERSION) return false;

  const sample = readSample();
  const { article } = sample;
  const [date, time] = article.publishedAtLocal.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);

  await strapi.db.transaction(async () => {
    const related = [];
    for (const story of sample.relatedStories) {
      related.push(
        await strapi.documents(ARTICLE).create({
          locale,
          status: 'published',
          data: { title: story.title, publicationDate: parseRussianDate(story.displayDate, article.timeZone).toISOString() },
        })
      );
    }
    const correspondent = await strapi.documents(CORRESPONDENT).create({
      data: { name: article.correspondent.name, role: article.correspondent.role },
    });
    const main = await strapi.documents(ARTICLE).create({
      locale,
      data: {
        title: article.title,
        lead: article.lead,
        body: paragraphs(article.body),
        source: article.source,
        views: article.views,
        publicationDate: zonedToUtc(year, month, day, hour, minute, article.timeZone).toISOString(),
        correspondents: { set: [{ documentId: correspondent.documentId }] },
      },
    });
    await strapi
      .plugin('newsroom')
      .service('related-stories')
      .replaceDraft({ documentId: main.documentId, locale }, related.map((story) => ({ target: story.documentId })));
    await strapi.documents(ARTICLE).publish({ documentId: main.documentId, locale });
    await store.set({ key: STORE_KEY, value: { version: SAMPLE_VERSION, documentId: main.documentId, loadedAt: new Date().toISOString() } });
  });
  strapi.log.info(`[playground] loaded the sample story "${article.title}" with ${sample.relatedStories.length} related stories`);
  return true;
};
