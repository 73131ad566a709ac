import type { Core } from '@strapi/strapi';

import type { PublicRelatedStory } from '../../shared/contracts/public-api';
import type { GetClickOverview, GetStoryClicks } from '../../shared/contracts/reader-stats';
import { UIDS } from '../../shared/manifest';
import type { NewsroomConfig } from '../../server/src/config';
import { TABLES } from '../../server/src/models';
import { BROWSER, CRAWLER, http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { LOCALE, publish, setRelated } from '../helpers/stories';

/**
 * Readers opening a story's related entries: counted exactly under concurrency, bots and repeats
 * not counted, only entries on the published list accepted, and the editors' numbers from known events.
 */
let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;
let owner: { documentId: string; slug: string };
let list: PublicRelatedStory[];
const EXTERNAL = 'https://stat.gov.kz/report';

const text = 'Посевная кампания в Костанайской области: аграрии засеяли пшеницу и ячмень раньше срока.';
const story = (title: string) =>
  strapi.documents(UIDS.article).create({ locale: LOCALE, status: 'published', data: { title, lead: text, tags: ['посевная'], body: [{ type: 'paragraph', children: [{ type: 'text', text }] }] } as never });

const click = (slug: string, body: Record<string, unknown>, userAgent = BROWSER) => http(strapi).post(`/api/newsroom/articles/${slug}/related-click`).set('User-Agent', userAgent).send(body);
const entryBody = (entry: PublicRelatedStory) => ({
  ...(entry.external ? { url: entry.url } : { target: entry.slug }),
  position: list.indexOf(entry) + 1,
  origin: entry.suggested ? 'suggested' : 'editor',
});
const clickRows = async () => Number(((await strapi.db.connection(TABLES.relatedClicks).sum({ n: 'clicks' }).first()) as { n: number | string | null }).n ?? 0);

beforeAll(async () => {
  app = await bootStrapi({ env: { NEWSROOM_VIEWS_DEDUPE_SECONDS: '60' } });
  strapi = app.strapi;
  const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
  strapi.config.set('plugin::newsroom', { ...config, suggestions: { ...config.suggestions, autoFill: true, autoFillTo: 4 } });
  admin = await superAdmin(strapi);
  const made = await story('Посевная в Костанайской области');
  owner = { documentId: made.documentId, slug: made.slug as string };
  for (let i = 0; i < 3; i += 1) await story(`Посевная: неделя ${i + 1}`);
  const pick = await strapi.documents(UIDS.article).create({ locale: LOCALE, status: 'published', data: { title: 'Курс тенге' } as never });
  await setRelated(strapi, owner.documentId, [{ target: pick.documentId }, { url: EXTERNAL, label: 'Отчёт' }]);
  await publish(strapi, owner.documentId);
  await strapi.plugin('newsroom').service('suggestions').idle();
  list = (await http(strapi).get(`/api/newsroom/articles/${owner.slug}/related`)).body.data;
  expect(list.map((entry) => entry.suggested)).toEqual([false, false, true, true]);
}, 180_000);

afterAll(() => app?.stop());

describe('clicks on related stories', () => {
  it('counts concurrent clicks exactly, once per reader, never from crawlers, and gives editors the rates', async () => {
    const [pick, external, suggested] = list;
    const views = await Promise.all(Array.from({ length: 400 }, (_, i) => http(strapi).post(`/api/newsroom/articles/${owner.slug}/view`).set('User-Agent', `${BROWSER} r${i}`)));
    expect(views.every((res) => res.status === 200 && res.body.data.counted)).toBe(true);

    const sent = [
      ...Array.from({ length: 120 }, (_, i) => click(owner.slug, entryBody(pick), `${BROWSER} r${i}`)),
      ...Array.from({ length: 40 }, (_, i) => click(owner.slug, entryBody(external), `${BROWSER} r${i}`)),
      ...Array.from({ length: 60 }, (_, i) => click(owner.slug, entryBody(suggested), `${BROWSER} r${i}`)),
      // Repeats within the dedupe window, and crawlers: answered, not counted.
      ...Array.from({ length: 5 }, () => click(owner.slug, entryBody(pick), `${BROWSER} r0`)),
      ...Array.from({ length: 10 }, () => click(owner.slug, entryBody(suggested), CRAWLER)),
    ];
    const answers = await Promise.all(sent);
    expect(answers.every((res) => res.status === 200 && res.body.data.documentId === owner.documentId)).toBe(true);
    expect(answers.filter((res) => res.body.data.counted)).toHaveLength(220);

    const perStory = await http(strapi).get(`/newsroom/articles/${owner.documentId}/related-clicks?locale=${LOCALE}`).set(admin.auth);
    expect(perStory.status).toBe(200);
    const data = (perStory.body as GetStoryClicks.Response).data;
    expect({ views: data.views, minViews: data.minViews }).toEqual({ views: 400, minViews: 100 });
    const pickId = (await strapi.db.connection(TABLES.articles).where({ slug: pick.slug }).first('document_id')) as { document_id: string };
    expect(data.entries).toEqual([
      { target: pickId.document_id, url: null, title: 'Курс тенге', origin: 'editor', clicks: 120, ctr: 0.3 },
      { target: expect.any(String), url: null, title: suggested.title, origin: 'suggested', clicks: 60, ctr: 0.15 },
      { target: null, url: EXTERNAL, title: null, origin: 'editor', clicks: 40, ctr: 0.1 },
    ]);

    const overview = await http(strapi).get(`/newsroom/stats/related-clicks?locale=${LOCALE}`).set(admin.auth);
    expect(overview.status).toBe(200);
    const windows = (overview.body as GetClickOverview.Response).data.windows;
    for (const [index, days] of [7, 30].entries()) {
      expect(windows[index]).toEqual({
        days,
        views: 400,
        byOrigin: { editor: { clicks: 160, ctr: 0.4 }, suggested: { clicks: 60, ctr: 0.15 } },
        byPosition: [
          { position: 1, editor: 120, suggested: 0, clicks: 120, ctr: 0.3 },
          { position: 2, editor: 40, suggested: 0, clicks: 40, ctr: 0.1 },
          { position: 3, editor: 0, suggested: 60, clicks: 60, ctr: 0.15 },
        ],
      });
    }
    // Fewer views than minViews: counts, but no rate.
    const tiny = (await http(strapi).get(`/newsroom/stats/related-clicks?locale=${LOCALE}&minViews=401`).set(admin.auth)).body as GetClickOverview.Response;
    expect(tiny.data.windows[0].byOrigin).toEqual({ editor: { clicks: 160, ctr: null }, suggested: { clicks: 60, ctr: null } });
    const tinyStory = (await http(strapi).get(`/newsroom/articles/${owner.documentId}/related-clicks?locale=${LOCALE}&minViews=401`).set(admin.auth)).body as GetStoryClicks.Response;
    expect(tinyStory.data.entries.map((entry) => [entry.clicks, entry.ctr])).toEqual([[120, null], [60, null], [40, null]]);
    expect((await http(strapi).get(`/newsroom/stats/related-clicks?minViews=-1`).set(admin.auth)).body.error.details.errors[0].path).toEqual(['minViews']);
    expect((await http(strapi).get(`/newsroom/stats/related-clicks`)).status).toBe(401);
  });

  it('accepts only entries on the published list and names the field it refuses', async () => {
    const before = await clickRows();
    const [pick, external, suggested] = list;
    const other = await strapi.documents(UIDS.article).create({ locale: LOCALE, status: 'published', data: { title: 'Не в списке' } as never });
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ target: other.slug, position: 1, origin: 'editor' }, 'target'],
      [{ url: 'https://example.com/elsewhere', position: 2, origin: 'editor' }, 'url'],
      [{ ...entryBody(pick), origin: 'suggested' }, 'origin'],
      [{ ...entryBody(suggested), origin: 'editor' }, 'origin'],
      [{ ...entryBody(external), position: 9 }, 'position'],
      [{ ...entryBody(pick), position: 0 }, 'position'],
      [{ target: pick.slug, url: EXTERNAL, position: 1, origin: 'editor' }, 'url'],
      [{ position: 1, origin: 'editor' }, 'target'],
      [{ target: pick.slug, position: 1, origin: 'reader' }, 'origin'],
      [{ ...entryBody(pick), extra: 1 }, 'extra'],
    ];
    for (const [body, field] of refusals) {
      const res = await click(owner.slug, body);
      expect({ body, status: res.status, path: res.body.error?.details?.errors?.[0]?.path }).toEqual({ body, status: 400, path: [field] });
    }
    expect((await click('net-takoy-istorii', entryBody(pick))).status).toBe(404);
    const draft = await strapi.documents(UIDS.article).create({ locale: LOCALE, data: { title: 'Черновик со списком' } as never });
    expect((await click(draft.documentId, entryBody(pick))).status).toBe(404);
    await strapi.plugin('newsroom').service('related-clicks').flush();
    expect(await clickRows()).toBe(before);
  });
});
