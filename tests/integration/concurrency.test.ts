import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, LOCALE, publish } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
});
afterAll(() => app?.stop());

const listPath = (documentId: string) => `/newsroom/articles/${documentId}/related?locale=${LOCALE}`;
const draftTargets = async (documentId: string) =>
  ((await strapi.plugin('newsroom').service('related-stories').read({ documentId, locale: LOCALE }, 'draft')) as Array<{ target: string | null }>).map((e) => e.target);

type Save = (ownerId: string, revision: number, targets: string[]) => ReturnType<ReturnType<typeof http>['put']>;
const saveList: Save = (ownerId, revision, targets) =>
  http(strapi).put(listPath(ownerId)).set(admin.auth).send({ revision, entries: targets.map((target) => ({ target })) });
const acceptSuggestions: Save = (ownerId, revision, targets) =>
  http(strapi).post(`/newsroom/articles/${ownerId}/suggestions/accept?locale=${LOCALE}`).set(admin.auth).send({ revision, targets });

/** Two editors save different lists loaded at the same revision at once: one 200, one 409, the winner's list whole. */
const raceTwoSaves = async (ownerId: string, targets: Array<{ documentId: string }>, save: Save = saveList) => {
  const { body } = await http(strapi).get(listPath(ownerId)).set(admin.auth);
  const half = targets.length / 2;
  const mine = targets.slice(0, half).map((t) => t.documentId);
  const theirs = targets.slice(half).map((t) => t.documentId);
  const [a, b] = await Promise.all([save(ownerId, body.data.revision, mine), save(ownerId, body.data.revision, theirs)]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const loser = a.status === 409 ? a : b;
  expect(loser.body.error.details).toMatchObject({ code: 'STALE_LIST', expectedRevision: body.data.revision, currentRevision: body.data.revision + 1 });
  expect(await draftTargets(ownerId)).toEqual(a.status === 200 ? mine : theirs);
};

describe('concurrent editors', () => {
  it('two editors saving the same list at once: one wins whole, the other is refused, nothing interleaves', async () => {
    const targets = [];
    for (let i = 0; i < 8; i += 1) targets.push(await createStory(strapi, { title: `Конкурент ${i}` }));
    const owner = await createStory(strapi, { title: 'Спорный список' }, { publish: false });
    // MySQL once answered 500 here: both savers' INSERT IGNORE held a shared lock on the revision row and deadlocked.
    for (let round = 0; round < 10; round += 1) await raceTwoSaves(owner.documentId, targets);
  });

  it('two editors making the first save of a never-saved list at once: one wins whole, the other is refused', async () => {
    const targets = [];
    for (let i = 0; i < 4; i += 1) targets.push(await createStory(strapi, { title: `Первая правка ${i}` }));
    for (let round = 0; round < 5; round += 1) {
      const owner = await createStory(strapi, { title: `Новый список ${round}` }, { publish: false });
      await raceTwoSaves(owner.documentId, targets);
    }
  });

  it('two editors accepting suggestions for the same story at once: one list wins whole, the other is refused', async () => {
    const targets = [];
    for (let i = 0; i < 4; i += 1) targets.push(await createStory(strapi, { title: `Предложение ${i}` }));
    for (let round = 0; round < 5; round += 1) {
      const owner = await createStory(strapi, { title: `Архивный материал ${round}` }, { publish: false });
      await raceTwoSaves(owner.documentId, targets, acceptSuggestions);
      await raceTwoSaves(owner.documentId, targets, acceptSuggestions);
    }
  });

  it('a story deleted while a list citing it is saved: no dangling entry, no 500', async () => {
    for (let round = 0; round < 5; round += 1) {
      const doomed = await createStory(strapi, { title: `Исчезающая ${round}` });
      const keeper = await createStory(strapi, { title: `Постоянная ${round}` });
      const owner = await createStory(strapi, { title: `Сохраняемый ${round}` }, { publish: false });
      const { body } = await http(strapi).get(listPath(owner.documentId)).set(admin.auth);
      const [saved, deleted] = await Promise.all([
        http(strapi)
          .put(listPath(owner.documentId))
          .set(admin.auth)
          .send({ revision: body.data.revision, entries: [{ target: doomed.documentId }, { target: keeper.documentId }] }),
        strapi.documents(UIDS.article).delete({ documentId: doomed.documentId, locale: '*' }),
      ]);
      expect(deleted).toBeTruthy();
      // Either order is fine: the save lands first and the deletion removes the entry, or the save is refused.
      expect([200, 400]).toContain(saved.status);
      if (saved.status === 400) expect(saved.body.error.message).toContain('must be an existing story');
      expect(await draftTargets(owner.documentId)).not.toContain(doomed.documentId);
      expect(await strapi.db.query(UIDS.relatedLink).count({ where: { target: doomed.documentId } })).toBe(0);
    }
  });

  it('1,000 simultaneous views while the story is republished: the count is exact', async () => {
    const story = await createStory(strapi, { title: 'Просмотры при переиздании', views: 10 });
    const views = Array.from({ length: 1000 }, () => http(strapi).post('/api/newsroom/articles/prosmotry-pri-pereizdanii/view'));
    const republish = (async () => {
      for (let i = 0; i < 5; i += 1) {
        await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: LOCALE, data: { lead: `Правка ${i}` } });
        await publish(strapi, story.documentId);
      }
    })();
    const responses = await Promise.all(views);
    await republish;
    // While the published row is swapped a request may find no published version for an instant: 404, never 500.
    const counted = responses.filter((res) => res.status === 200).length;
    expect(responses.every((res) => res.status === 200 || res.status === 404)).toBe(true);
    const page = await http(strapi).get('/api/newsroom/articles/prosmotry-pri-pereizdanii');
    expect(page.body.data.views).toBe(10 + counted);
    expect(counted).toBeGreaterThan(900);
  });

  it('two stories created at once with the same title get two slugs, over HTTP too', async () => {
    const create = () =>
      http(strapi).post(`/content-manager/collection-types/${UIDS.article}?locale=${LOCALE}`).set(admin.auth).send({ title: 'Двойник' });
    const [a, b] = await Promise.all([create(), create()]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.data.slug, b.body.data.slug].sort()).toEqual(['dvoynik', 'dvoynik-2']);
  });

  it('two drafts created at once with the same hand-written slug: one gets it, the other a 400 naming slug and no row', async () => {
    const create = (title: string) =>
      http(strapi).post(`/content-manager/collection-types/${UIDS.article}?locale=${LOCALE}`).set(admin.auth).send({ title, slug: 'odin-adres' });
    const [a, b] = await Promise.all([create('Первый с адресом'), create('Второй с адресом')]);
    expect([a.status, b.status].sort()).toEqual([201, 400]);
    const [won, lost] = a.status === 201 ? [a, b] : [b, a];
    expect(lost.body.error.details.errors).toEqual([expect.objectContaining({ path: ['slug'], message: expect.stringContaining('must be unique per locale') })]);
    const rows = await strapi.db.query(UIDS.article).findMany({ where: { slug: 'odin-adres' }, select: ['documentId'] });
    expect(rows.map((row) => row.documentId)).toEqual([won.body.data.documentId]);
    const claims = await strapi.db.connection(TABLES.slugs).where({ slug: 'odin-adres' }).select('document_id');
    expect(claims.map((claim: { document_id: string }) => claim.document_id)).toEqual([won.body.data.documentId]);
  });
});
