import type { NewsroomConfig } from '../../server/src/config';
import type { SuggestionsService } from '../../server/src/services/suggestions';
import type { PublicRelatedStory } from '../../shared/contracts/public-api';
import { http } from '../helpers/http';
import { bootForFile } from '../helpers/strapi';
import { watchPageChanges } from '../helpers/page-changes';
import { createStory, LOCALE } from '../helpers/stories';

/** With autoFill, a story's page shows its stored suggestions: a newly published neighbour must reach its cached page. */
const booted = bootForFile();

const SHARED = 'Паводок в Петропавловске: река Ишим вышла из берегов, эвакуированы жители пригородных сёл.';

describe('autoFill and the page cache', () => {
  it('a story published later shows in the autoFilled related list of an older story whose page was cached, and its path is announced', async () => {
    const { strapi } = booted;
    const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
    strapi.config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, autoFill: true, autoFillTo: 5 } });
    const suggestions = strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
    // Every event, sent by flush or by the coalescing timer (400 ms) while the test waited: a slow machine must not lose one.
    const announced = watchPageChanges(strapi);

    const older = await createStory(strapi, { title: 'Паводок в Петропавловске', lead: SHARED, publicationDate: '2024-04-10T06:00:00.000Z' });
    await suggestions.idle();
    const page = `/api/newsroom/articles/${older.slug}?locale=${LOCALE}`;
    const before = await http(strapi).get(page);
    expect(before.status).toBe(200);
    expect((before.body.data.related as PublicRelatedStory[]).map((entry) => entry.title)).toEqual([]);
    // Served from the cache now: only an invalidation can change it.
    expect((await http(strapi).get(page).set('If-None-Match', before.headers['etag'])).status).toBe(304);
    await announced.take();

    const newer = await createStory(strapi, { title: 'Ишим затопил сёла под Петропавловском', lead: SHARED, publicationDate: '2024-04-11T06:00:00.000Z' });
    await suggestions.idle();
    const after = await http(strapi).get(page);
    expect((after.body.data.related as PublicRelatedStory[]).map((entry) => [entry.title, entry.suggested])).toEqual([['Ишим затопил сёла под Петропавловском', true]]);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    const sent = await announced.take();
    expect([...sent.paths]).toEqual(expect.arrayContaining([`/news/${older.slug}`, `/news/${newer.slug}`]));

    // Recomputed again with nothing changed, alone and in a batch: the older page keeps its place in the cache and is not announced.
    const unrelated = await createStory(strapi, { title: 'Курс тенге на бирже', lead: 'Торги на Казахстанской фондовой бирже закрылись ростом.', publicationDate: '2024-04-12T06:00:00.000Z' });
    await suggestions.idle();
    const cached = await http(strapi).get(page);
    await announced.take();
    for (const burst of [[newer.documentId], [newer.documentId, unrelated.documentId]]) {
      for (const documentId of burst) suggestions.schedule(documentId, [LOCALE]);
      await suggestions.idle();
      const again = await announced.take();
      expect([...again.paths]).toEqual(expect.arrayContaining([`/news/${newer.slug}`]));
      expect([...again.paths]).not.toContain(`/news/${older.slug}`);
      expect((await http(strapi).get(page).set('If-None-Match', cached.headers['etag'])).status).toBe(304);
    }
  });
});
