import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

import { generateArchive, type SyntheticArchive } from '../../tests/helpers/news-archive';
import { PLAYGROUND } from '../../tests/helpers/paths';

export const ARTICLE = 'plugin::newsroom.article';
export const CORRESPONDENT = 'plugin::newsroom.correspondent';
export const RELATED_LINK = 'plugin::newsroom.related-link';
export const LOCALE = 'ru';

const SUBJECTS = [
  'Казахстан', 'Правительство', 'МИД РК', 'Мажилис', 'Сенат', 'Нацбанк', 'Акимат Алматы', 'Минэнерго',
  'Минздрав', 'Астана', 'Делегация Казахстана', 'Глава МИД', 'Премьер-министр', 'Минтранс', 'Минцифры',
];
const VERBS = ['обсуждает', 'представляет', 'расширяет', 'поддерживает', 'развивает', 'укрепляет', 'рассматривает', 'запускает', 'подписывает'];
const OBJECTS = [
  'сотрудничество с ОИС', 'транзитные коридоры', 'программу цифровизации', 'меры поддержки фермеров',
  'соглашение о свободной торговле', 'проекты в сфере энергетики', 'развитие Каспийского региона',
  'водную повестку Центральной Азии', 'новые авиарейсы в Европу', 'реформу здравоохранения',
  'инвестиционный климат', 'экспорт зерна',
];
const PEOPLE = [
  'Калмыков Ануар', 'Сапарова Айгерим', 'Иванов Сергей', 'Нурланов Ерлан', 'Ахметова Динара', 'Петрова Мария',
  'Жумабеков Данияр', 'Абдрахманова Салтанат', 'Ким Виктория', 'Оспанов Бауыржан', 'Смагулова Асель',
  'Кузнецов Андрей', 'Есенова Жанар', 'Бекова Гульнара', 'Мусин Тимур', 'Алиева Камила', 'Серикбаев Нурсултан',
  'Ли Александр', 'Ержанова Мадина', 'Касымов Рустем', 'Орлова Елена', 'Байжанов Марат', 'Шевченко Ольга', 'Утегенова Аружан',
];
const ROLES = ['корреспондент', 'собкор', 'обозреватель', 'фотокорреспондент'];
const TAGS = [['ОИС', 'МИД РК'], ['экономика'], ['транспорт', 'логистика'], ['энергетика'], ['здравоохранение'], ['сельское хозяйство']];
/** Offsets of a story's related targets in the seeded list (7 stories) and where its external link goes. */
const TARGET_OFFSETS = [1, 2, 3, 5, 8, 13, 21];
const EXTERNAL_AT = 3;

interface SampleFile {
  article: { lead: string; body: string[]; source: string };
}

const sample = (): SampleFile['article'] =>
  (JSON.parse(fs.readFileSync(path.join(PLAYGROUND, 'data', 'news-article-ru.json'), 'utf8')) as SampleFile).article;

/** A realistic Russian headline, distinct for every i below 1,620 (and suffixed beyond). */
export const headline = (i: number) => {
  const base = `${SUBJECTS[i % SUBJECTS.length]} ${VERBS[Math.floor(i / SUBJECTS.length) % VERBS.length]} ${OBJECTS[Math.floor(i / (SUBJECTS.length * VERBS.length)) % OBJECTS.length]}`;
  const round = Math.floor(i / (SUBJECTS.length * VERBS.length * OBJECTS.length));
  return round === 0 ? base : `${base} (${round + 1})`;
};

const paragraphs = (texts: string[]) => texts.map((text) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }));

/** Whose words a story carries: the sample page's lead and body in every story, or a synthetic archive's own text per story. */
export type Bodies = 'sample' | 'varied';

let archive: SyntheticArchive | undefined;
/** Story i's title, lead, body and tags from a synthetic archive of distinct stories (deterministic). */
const variedText = (i: number) => {
  archive ??= generateArchive({ stories: 2000, seed: 11 });
  const story = archive.stories[i % archive.stories.length];
  return { title: story.title, lead: story.lead, body: story.paragraphs, tags: story.tags };
};

/** Story fields as an editor would enter them (the sample page's source; its lead and body unless `bodies` is varied). */
/** `textOffset`: where in the synthetic archive story i's text comes from, so written stories never repeat the seeded ones. */
export const storyData = (i: number, correspondents: string[], prefix = '', bodies: Bodies = 'sample', textOffset = 0) => {
  const { lead, body, source } = sample();
  const text = bodies === 'varied' ? variedText(i + textOffset) : { title: headline(i), lead, body, tags: TAGS[i % TAGS.length] };
  return {
    title: `${prefix}${text.title}`,
    lead: text.lead,
    body: paragraphs(text.body),
    source,
    tags: text.tags,
    views: (i * 37) % 500,
    publicationDate: new Date(Date.UTC(2025, 8, 12, 3, 57) - i * 3600_000).toISOString(),
    correspondents: { set: correspondents.map((documentId) => ({ documentId })) },
  };
};

/** 7 other stories of `pool` (never `self`) and one external link at position 3. */
export const relatedEntries = (i: number, pool: string[], self?: string) => {
  const targets = TARGET_OFFSETS.map((offset) => pool[(i + offset) % pool.length]).filter((id, k, all) => id !== self && all.indexOf(id) === k);
  const entries: Array<{ target?: string; url?: string; label?: string }> = targets.map((target) => ({ target }));
  entries.splice(EXTERNAL_AT, 0, { url: `https://www.gov.kz/memleket/entities/mfa/press/news/details/${400000 + i}?lang=ru`, label: `Пресс-релиз МИД РК №${400000 + i}` });
  return entries;
};

export const createCorrespondents = async (strapi: Core.Strapi, count: number) => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = i < PEOPLE.length ? PEOPLE[i] : `${PEOPLE[i % PEOPLE.length]} ${Math.floor(i / PEOPLE.length) + 1}`;
    const created = await strapi.documents(CORRESPONDENT).create({ data: { name, role: ROLES[i % ROLES.length] } });
    ids.push(created.documentId);
  }
  return ids;
};

/**
 * Waits for the plugin's background work to finish (the related-story suggestions queue a publish
 * feeds, when the plugin has it), so a measurement never overlaps work left over from the setup.
 * Answers the milliseconds waited.
 */
export const settle = async (strapi: Core.Strapi): Promise<number> => {
  const started = Date.now();
  const suggestions = strapi.plugin('newsroom').service('suggestions') as { idle?: () => Promise<void> } | undefined;
  if (typeof suggestions?.idle === 'function') await suggestions.idle();
  return Date.now() - started;
};

export interface Seeded {
  documentIds: string[];
  slugs: string[];
  correspondents: string[];
}

/**
 * `stories` published stories, each with 2 correspondents and 8 related entries (7 stories and one
 * external link), written the way editors write them: Document Service create (plugin hooks on),
 * the related-stories service's replaceDraft, then publish.
 */
export const seedStories = async (strapi: Core.Strapi, stories: number, log = (line: string) => console.log(line), bodies: Bodies = 'sample'): Promise<Seeded> => {
  if (stories < 25) throw new Error('seed at least 25 stories (related lists reach 21 stories ahead)');
  const started = Date.now();
  const correspondents = await createCorrespondents(strapi, Math.min(PEOPLE.length, Math.max(4, Math.ceil(stories / 10))));
  const documentIds: string[] = [];
  for (let i = 0; i < stories; i++) {
    const byline = [correspondents[i % correspondents.length], correspondents[(i * 7 + 3) % correspondents.length]];
    if (byline[0] === byline[1]) byline[1] = correspondents[(i + 1) % correspondents.length];
    const created = await strapi.documents(ARTICLE).create({ locale: LOCALE, data: storyData(i, byline, '', bodies) as never });
    documentIds.push(created.documentId);
  }
  const related = strapi.plugin('newsroom').service('related-stories');
  for (const [i, documentId] of documentIds.entries()) {
    await related.replaceDraft({ documentId, locale: LOCALE }, relatedEntries(i, documentIds, documentId));
  }
  for (const documentId of documentIds) await strapi.documents(ARTICLE).publish({ documentId, locale: LOCALE });
  const rows = (await strapi.db.query(ARTICLE).findMany({
    where: { locale: LOCALE, publishedAt: { $notNull: true } },
    select: ['documentId', 'slug'],
  })) as Array<{ documentId: string; slug: string }>;
  const slugOf = new Map(rows.map((row) => [row.documentId, row.slug]));
  const slugs = documentIds.map((id) => slugOf.get(id));
  if (slugs.some((slug) => !slug)) throw new Error('seed: a story has no published slug');
  const waited = await settle(strapi);
  log(
    `seeded ${stories} published stories, ${correspondents.length} correspondents, ${stories * 8} related entries in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (waited > 50 ? ` (of which ${(waited / 1000).toFixed(1)} s waiting for the plugin's background work)` : '')
  );
  return { documentIds, slugs: slugs as string[], correspondents };
};
