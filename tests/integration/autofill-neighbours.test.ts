import type { Core } from '@strapi/strapi';

import type { NewsroomConfig } from '../../server/src/config';
import { TABLES } from '../../server/src/models';
import type { SuggestionsService } from '../../server/src/services/suggestions';
import { UIDS } from '../../shared/manifest';
import { http } from '../helpers/http';
import { bootForFile } from '../helpers/strapi';
import { compareAnnounced, GONE, pageState, watchPageChanges, type PageState } from '../helpers/page-changes';
import { createStory, LOCALE } from '../helpers/stories';

/**
 * With autoFill, a page lists its stored suggestions in shared-neighbour order (engine/neighbours.ts): a story's
 * place there depends on the nearest stories of the stories it lists, so a publish, an unpublish or a delete can
 * move a page whose own list did not change. Every such page must be announced, and no cached page may be stale.
 */
const booted = bootForFile();

/** Every indexed story's recorded first stories are the first four of its stored list, by score (then documentId). */
const expectNeighboursRecorded = async (strapi: Core.Strapi) => {
  const db = strapi.db.connection;
  const docs = (await db(TABLES.suggestDocs).where({ indexed: 1 }).select('document_id', 'neighbours')) as Array<{ document_id: string; neighbours: string }>;
  const rows = (await db(TABLES.suggestions).select('document_id', 'suggested_document_id', 'score')) as Array<{ document_id: string; suggested_document_id: string; score: number | string }>;
  for (const doc of docs) {
    const list = rows.filter((row) => row.document_id === doc.document_id).map((row) => ({ documentId: row.suggested_document_id, score: Number(row.score) }));
    list.sort((a, b) => b.score - a.score || (a.documentId < b.documentId ? -1 : 1));
    expect({ story: doc.document_id, neighbours: doc.neighbours ? doc.neighbours.split(',').sort() : [] }).toEqual({ story: doc.document_id, neighbours: list.slice(0, 4).map((entry) => entry.documentId).sort() });
  }
};

const FLOOD = (city: string, river: string) => `Паводок: река ${river} вышла из берегов у города ${city}, эвакуированы жители сёл, спасатели МЧС укрепляют дамбы.`;
const STORIES = [
  { title: 'Паводок в Петропавловске', lead: FLOOD('Петропавловск', 'Ишим') },
  { title: 'Ишим затопил сёла под Петропавловском', lead: FLOOD('Петропавловск', 'Ишим') },
  { title: 'Паводок в Костанае', lead: FLOOD('Костанай', 'Тобол') },
  { title: 'Тобол подтопил дачи у Костаная', lead: FLOOD('Костанай', 'Тобол') },
  { title: 'Эвакуация в Петропавловске продолжается', lead: FLOOD('Петропавловск', 'Ишим') },
  { title: 'В Костанае спасатели укрепляют дамбы', lead: FLOOD('Костанай', 'Тобол') },
  { title: 'Паводок в Атырау', lead: FLOOD('Атырау', 'Урал') },
  { title: 'Урал вышел из берегов в Атырау', lead: FLOOD('Атырау', 'Урал') },
];

const SNOW = 'Снегопад в Астане: коммунальные службы вывели снегоуборочную технику, движение на проспектах затруднено.';

describe('autoFill in shared-neighbour order and the page cache', () => {
  it('announces the pages listing a story whose nearest stories changed, though their own lists did not', async () => {
    const { strapi } = booted;
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    strapi.config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, autoFill: true, autoFillTo: 5 } });
    const suggestions = strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
    const announced = watchPageChanges(strapi);
    const story = async (title: string, lead: string, day: number) => {
      const created = await createStory(strapi, { title, lead, publicationDate: `2025-01-${String(day).padStart(2, '0')}T06:00:00.000Z` });
      await suggestions.idle();
      return { documentId: created.documentId, path: `/news/${created.slug}` };
    };
    const snow = [await story('Снегопад в Астане', SNOW, 10), await story('Астану замело снегом', SNOW, 11), await story('Снегоуборочная техника на проспектах Астаны', SNOW, 12)];
    const festival = await story('Кинофестиваль в Астане перенесли из-за снегопада', `${SNOW} Кинофестиваль «Евразия» с режиссёрами и фильмами перенесли на весну.`, 13);
    const listing = (documentId: string) => strapi.db.connection('newsroom_suggestions').where({ suggested_document_id: documentId, locale: LOCALE }).pluck('document_id');
    for (const page of snow) expect(await listing(festival.documentId)).toContain(page.documentId);
    await announced.take();

    // Only the festival story shares its words: it enters the festival story's nearest four, and no list of the snow stories.
    const films = await story('Кинофестиваль «Евразия» пройдёт весной', 'Режиссёры покажут фильмы на кинофестивале «Евразия» весной.', 14);
    const sent = await announced.take();
    expect(await listing(films.documentId)).toEqual([festival.documentId]);
    expect([...sent.paths]).toEqual(expect.arrayContaining([films.path, festival.path, ...snow.map((page) => page.path)]));

    // Unpublished, it leaves that list: the pages listing the festival story again.
    await strapi.documents(UIDS.article).unpublish({ documentId: films.documentId, locale: LOCALE });
    await suggestions.idle();
    expect([...(await announced.take()).paths]).toEqual(expect.arrayContaining([festival.path, ...snow.map((page) => page.path)]));

    // A burst (published within the queue's quiet time, so usually one batch pass): the festival story's nearest change again.
    await strapi.documents(UIDS.article).publish({ documentId: films.documentId, locale: LOCALE });
    await createStory(strapi, { title: 'Режиссёры «Евразии» покажут фильмы весной', lead: 'Кинофестиваль «Евразия»: фильмы режиссёров покажут весной.', publicationDate: '2025-01-15T06:00:00.000Z' });
    await suggestions.idle();
    expect([...(await announced.take()).paths]).toEqual(expect.arrayContaining([festival.path, ...snow.map((page) => page.path)]));
    await expectNeighboursRecorded(strapi);
  });

  it('announces every page whose order moved, through publishes, an unpublish and a delete, and never serves a stale page', async () => {
    const { strapi } = booted;
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    strapi.config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, autoFill: true, autoFillTo: 5 } });
    const suggestions = strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
    const articles = strapi.documents(UIDS.article);
    const announced = watchPageChanges(strapi);
    const live = new Map<string, string>();

    /** Every live story's page through the cache (filling it), checked against the same read with the cache off. */
    const readPages = async () => {
      const pages = new Map<string, PageState>();
      for (const [documentId, slug] of live) {
        const path = `/api/newsroom/articles/${slug}?locale=${LOCALE}`;
        const cached = await http(strapi).get(path);
        const settings = strapi.config.get('plugin::newsroom.cache');
        strapi.config.set('plugin::newsroom.cache', false);
        const fresh = await Promise.resolve(http(strapi).get(path)).finally(() => strapi.config.set('plugin::newsroom.cache', settings));
        expect({ path, body: cached.body }).toEqual({ path, body: fresh.body });
        pages.set(documentId, fresh.status === 200 ? pageState(`/news/${slug}`, fresh) : GONE);
      }
      return pages;
    };
    /** One step: pages before, the write, the queue worked off, then nothing changed unannounced. */
    const step = async (write: () => Promise<unknown>) => {
      const before = await readPages();
      await announced.take();
      await write();
      await suggestions.idle();
      const sent = await announced.take();
      const after = await readPages();
      expect(compareAnnounced(before, after, sent).missing).toEqual([]);
      await expectNeighboursRecorded(strapi);
    };

    const ids: string[] = [];
    for (const [index, story] of STORIES.entries()) {
      await step(async () => {
        const created = await createStory(strapi, { ...story, publicationDate: `2024-04-${String(10 + index).padStart(2, '0')}T06:00:00.000Z` });
        ids.push(created.documentId);
        live.set(created.documentId, created.slug as string);
      });
    }
    // The order is the neighbours' one: some suggestion was moved up for nearest stories in common.
    const lists = await Promise.all(ids.map((documentId) => suggestions.forStory({ documentId, locale: LOCALE }, 5)));
    expect(lists.flatMap((list) => list.suggestions).some((item) => item.reasons.some((reason) => reason.kind === 'neighbours'))).toBe(true);

    await step(() => articles.unpublish({ documentId: ids[1], locale: LOCALE }));
    await step(() => articles.delete({ documentId: ids[3], locale: '*' }).then(() => live.delete(ids[3])));
    await step(() => articles.publish({ documentId: ids[1], locale: LOCALE }));
    // A full reindex records them too.
    await suggestions.reindex({ fresh: true });
    await expectNeighboursRecorded(strapi);
  });
});
