import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { readSample } from '../../playground/src/sample';
import type { SuggestionsService } from '../../server/src/services/suggestions';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { TABLES } from '../../server/src/models';

let app: TestApp;
let strapi: Core.Strapi;
const sample = readSample();

beforeAll(async () => {
  app = await bootStrapi({ sample: true });
  strapi = app.strapi;
});
afterAll(() => app?.stop());

describe('the playground sample story', () => {
  it('is served by the public API exactly as the sample page shows it', async () => {
    const res = await http(strapi).get('/api/newsroom/articles/partnerstvo-radi-razvitiya');
    expect(res.status).toBe(200);
    const story = res.body.data;
    expect(story).toMatchObject({
      slug: 'partnerstvo-radi-razvitiya',
      title: 'Партнерство ради развития',
      lead: sample.article.lead,
      source: 'МИД РК',
      views: 247,
      publicationDate: '2022-03-23T18:08:00.000Z',
      displayDate: '24 марта 2022 г. 0:08',
      correspondents: [{ name: 'Калмыков Ануар', role: 'корреспондент', slug: 'kalmykov-anuar', photo: null }],
    });
    expect(story.body.map((block: { children: Array<{ text: string }> }) => block.children[0].text)).toEqual(sample.article.body);
    expect(story.related.map((r: { displayDate: string; title: string }) => ({ displayDate: r.displayDate, title: r.title }))).toEqual(sample.relatedStories);
    expect(story.related.every((r: { external: boolean; url: string; slug: string }) => !r.external && r.url === `/news/${r.slug}`)).toBe(true);
  });

  it('gets its suggestions computed in the background, although the loader first used the suggestions inside its transaction', async () => {
    const suggestions = strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
    await suggestions.idle();
    const stories = await strapi.documents(UIDS.article).findMany({ locale: 'ru', status: 'published', fields: ['documentId'] });
    const computed = await strapi.db.connection(TABLES.suggestDocs).where({ locale: 'ru' }).whereNotNull('computed_at').pluck('document_id');
    expect([...computed].sort()).toEqual(stories.map((story) => story.documentId).sort());
    // A failed recompute stays queued for a retry: nothing may be left.
    expect(Number(((await strapi.db.connection(TABLES.suggestJobs).count({ n: '*' }).first()) as { n: number | string }).n)).toBe(0);
  });

  it('loads once and only once, also when the app starts again on the same database', async () => {
    await app.stop({ keepDatabase: true });
    app = await bootStrapi({ sample: true, database: app.database });
    strapi = app.strapi;
    const stories = await strapi.documents(UIDS.article).findMany({ locale: 'ru', status: 'published' });
    expect(stories).toHaveLength(6);
    expect(stories.filter((story) => story.slug === 'partnerstvo-radi-razvitiya')).toHaveLength(1);
    expect(await strapi.documents(UIDS.correspondent).count({})).toBe(1);
    const links = await strapi.db.query(UIDS.relatedLink).count({ where: { version: 'published' } });
    expect(links).toBe(5);
  });
});
