import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import type { Suggestion, SuggestionReason } from '../../shared/contracts/suggestions';
import type { NewsroomConfig } from '../../server/src/config';
import { TABLES } from '../../server/src/models';
import type { RelatedStoriesService } from '../../server/src/services/related-stories';
import type { StoriesService } from '../../server/src/services/stories';
import type { SuggestionsService } from '../../server/src/services/suggestions';
import { toBlocks } from './news-archive';
import { bootStrapi, type TestApp } from './strapi';

/** What the suggestions tests write and read, against the instance `current()` answers (booted by `suggestionsApp`). */

export interface SuggestionStoryInput {
  title: string;
  lead?: string;
  text?: string | string[];
  tags?: string[];
  by?: string[];
  date: string;
  locale?: string;
  publish?: boolean;
}

export const labels = (reasons: SuggestionReason[]) => reasons.map((reason) => reason.label);

const suggestionKit = (strapi: () => Core.Strapi) => {
  const suggestions = () => strapi().plugin('newsroom').service('suggestions') as SuggestionsService;
  const stories = () => strapi().plugin('newsroom').service('stories') as StoriesService;
  const related = () => strapi().plugin('newsroom').service('related-stories') as RelatedStoriesService;
  const db = () => strapi().db.connection;

  const createStory = (input: SuggestionStoryInput) =>
    strapi().documents(UIDS.article).create({
      locale: input.locale ?? 'ru',
      status: input.publish === false ? 'draft' : 'published',
      data: {
        title: input.title,
        lead: input.lead ?? null,
        body: input.text ? toBlocks(Array.isArray(input.text) ? input.text : [input.text]) : null,
        tags: input.tags ?? [],
        publicationDate: input.date,
        correspondents: { set: (input.by ?? []).map((documentId) => ({ documentId })) },
      } as never,
    });

  const createPerson = async (name: string) => (await strapi().documents(UIDS.correspondent).create({ data: { name } })).documentId;

  /** The stored (or live) list of a story, with titles, after the queue has settled. */
  const listOf = async (documentId: string, locale = 'ru', limit = 20): Promise<Suggestion[]> => {
    await suggestions().idle();
    return (await suggestions().forStory({ documentId, locale }, limit)).suggestions;
  };

  const setConfig = (change: Partial<NewsroomConfig['suggestions']>) => {
    const config = strapi().config.get('plugin::newsroom') as NewsroomConfig;
    strapi().config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, ...change } });
    // A config change at run time is no write: cached pages read under the old settings go by hand.
    strapi().plugin('newsroom').service('page-cache').clear();
  };

  /** Every count the index keeps matches the rows it holds; every published story is indexed, no other. */
  const expectIndexConsistent = async () => {
    await suggestions().idle();
    const counted = (await db()(TABLES.suggestTerms).select('locale', 'term').count({ n: '*' }).groupBy('locale', 'term')) as Array<{ locale: string; term: string; n: number | string }>;
    const stats = (await db()(TABLES.suggestStats).whereNot('term', '').where('df', '>', 0).select('locale', 'term', 'df')) as Array<{ locale: string; term: string; df: number | string }>;
    const asMap = (rows: Array<{ locale: string; term: string }>, value: (row: never) => number) => new Map(rows.map((row) => [`${row.locale}|${row.term}`, value(row as never)]));
    expect(asMap(stats, (row: { df: number | string }) => Number(row.df))).toEqual(asMap(counted, (row: { n: number | string }) => Number(row.n)));
    const docs = (await db()(TABLES.suggestDocs).where({ indexed: 1 }).select('document_id', 'locale')) as Array<{ document_id: string; locale: string }>;
    const published = (await db()(TABLES.articles).whereNotNull('published_at').select('document_id', 'locale')) as Array<{ document_id: string; locale: string }>;
    const key = (row: { document_id: string; locale: string | null }) => `${row.document_id}|${row.locale ?? ''}`;
    expect(docs.map(key).sort()).toEqual(published.map(key).sort());
    const n = (await db()(TABLES.suggestStats).where({ term: '' }).select('locale', 'df')) as Array<{ locale: string; df: number | string }>;
    for (const row of n) expect(Number(row.df)).toBe(docs.filter((doc) => doc.locale === row.locale).length);
  };

  return { suggestions, stories, related, db, createStory, createPerson, listOf, setConfig, expectIndexConsistent };
};

/** One instance for a whole test file: booted before its tests, stopped after the queue has settled; `onBoot` hands the file its `strapi` (and may set up more). */
export const suggestionsApp = (onBoot: (strapi: Core.Strapi) => void | Promise<void>) => {
  let app: TestApp | undefined;
  const kit = suggestionKit(() => app?.strapi as Core.Strapi);
  beforeAll(async () => {
    app = await bootStrapi();
    await onBoot(app.strapi);
  });
  afterAll(async () => {
    if (app) await kit.suggestions().idle();
    await app?.stop();
  });
  return kit;
};
