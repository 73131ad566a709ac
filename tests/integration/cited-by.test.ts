import type { Core } from '@strapi/strapi';

import type { CitedBy } from '../../shared/contracts/related-stories';
import { ACTIONS, UIDS } from '../../shared/manifest';
import { http, type AdminSession } from '../helpers/http';
import { restrictedAdmin } from '../helpers/restricted-admin';
import { bootWithAdmin, type TestApp } from '../helpers/strapi';
import { createStory, LOCALE, publish, setRelated } from '../helpers/stories';

let app: TestApp, strapi: Core.Strapi, admin: AdminSession;
beforeAll(async () => {
  ({ app, strapi, admin } = await bootWithAdmin());
});
afterAll(() => app?.stop());

const articles = () => strapi.documents(UIDS.article);
const citedByPath = (documentId: string, locale = LOCALE) => `/newsroom/articles/${documentId}/cited-by?locale=${locale}`;

const citedBy = async (documentId: string, session = admin): Promise<CitedBy> => {
  const res = await http(strapi).get(citedByPath(documentId)).set(session.auth);
  expect([res.status, res.body.error]).toEqual([200, undefined]);
  return res.body.data as CitedBy;
};

/** Title → what the route says of that citing story. */
const byTitle = (answer: CitedBy) => Object.fromEntries(answer.stories.map(({ title, status, inPublishedList, inDraftList }) => [title, { status, inPublishedList, inDraftList }]));

/** A write after this one gets a later updatedAt even where the database keeps whole seconds (MySQL). */
const waitForNextSecond = async (since: number) => {
  while (Date.now() <= since + 1000) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('who cites a story (GET /newsroom/articles/:documentId/cited-by)', () => {
  it('lists the stories whose lists hold it: published, draft and modified citers, each with its link, published ones first', async () => {
    const target = await createStory(strapi, { title: 'Цитируемая история' });
    const published = await createStory(strapi, { title: 'Опубликованная ссылается', publicationDate: '2022-03-23T18:08:00.000Z' }, { publish: false });
    await setRelated(strapi, published.documentId, [{ target: target.documentId }]);
    await publish(strapi, published.documentId);
    const draft = await createStory(strapi, { title: 'Черновик ссылается' }, { publish: false });
    await setRelated(strapi, draft.documentId, [{ target: target.documentId }]);
    const modified = await createStory(strapi, { title: 'Правка ссылается' });
    await waitForNextSecond(Date.now());
    await setRelated(strapi, modified.documentId, [{ url: 'https://gov.kz/a', label: 'gov.kz' }, { target: target.documentId }]);
    const unrelated = await createStory(strapi, { title: 'Ни на кого не ссылается' });
    await setRelated(strapi, unrelated.documentId, [{ url: 'https://gov.kz/b', label: 'gov.kz' }]);

    const answer = await citedBy(target.documentId);
    expect(answer).toMatchObject({ documentId: target.documentId, locale: LOCALE, timeZone: 'Asia/Almaty', publishedCount: 1 });
    expect(answer.stories.map((story) => story.title)[0]).toBe('Опубликованная ссылается');
    expect(byTitle(answer)).toEqual({
      'Опубликованная ссылается': { status: 'published', inPublishedList: true, inDraftList: true },
      'Черновик ссылается': { status: 'draft', inPublishedList: false, inDraftList: true },
      'Правка ссылается': { status: 'modified', inPublishedList: false, inDraftList: true },
    });
    expect(answer.stories[0]).toMatchObject({
      documentId: published.documentId,
      publicationDate: '2022-03-23T18:08:00.000Z',
      editPath: `/content-manager/collection-types/${UIDS.article}/${published.documentId}?plugins[i18n][locale]=${LOCALE}`,
    });
    // The story itself cites nobody: nobody is listed for the unrelated one.
    expect((await citedBy(unrelated.documentId)).stories).toEqual([]);
  });

  it('follows the citing stories: unpublished, it no longer shows the story to readers; deleted, it is gone', async () => {
    const target = await createStory(strapi, { title: 'Цель ссылок' });
    const first = await createStory(strapi, { title: 'Первая ссылающаяся' }, { publish: false });
    const second = await createStory(strapi, { title: 'Вторая ссылающаяся' }, { publish: false });
    for (const citing of [first, second]) {
      await setRelated(strapi, citing.documentId, [{ target: target.documentId }]);
      await publish(strapi, citing.documentId);
    }
    expect((await citedBy(target.documentId)).publishedCount).toBe(2);

    await articles().unpublish({ documentId: first.documentId, locale: LOCALE });
    const afterUnpublish = await citedBy(target.documentId);
    expect(afterUnpublish.publishedCount).toBe(1);
    expect(byTitle(afterUnpublish)['Первая ссылающаяся']).toEqual({ status: 'draft', inPublishedList: false, inDraftList: true });

    await articles().delete({ documentId: second.documentId, locale: LOCALE });
    const afterDelete = await citedBy(target.documentId);
    expect([afterDelete.publishedCount, afterDelete.stories.map((story) => story.title)]).toEqual([0, ['Первая ссылающаяся']]);

    // Republished, the first shows it to readers again.
    await publish(strapi, first.documentId);
    expect((await citedBy(target.documentId)).publishedCount).toBe(1);
  });

  it('counts only lists of the story\'s own locale', async () => {
    const target = await createStory(strapi, { title: 'Двуязычная цель' });
    await articles().update({ documentId: target.documentId, locale: 'kk', data: { title: 'Екі тілді нысана' } as never });
    await publish(strapi, target.documentId, 'kk');
    const kazakh = await createStory(strapi, { title: 'Қазақша сілтеме' }, { locale: 'kk', publish: false });
    await setRelated(strapi, kazakh.documentId, [{ target: target.documentId }], 'kk');
    await publish(strapi, kazakh.documentId, 'kk');

    expect((await citedBy(target.documentId)).stories).toEqual([]);
    const res = await http(strapi).get(citedByPath(target.documentId, 'kk')).set(admin.auth);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ locale: 'kk', publishedCount: 1, stories: [{ title: 'Қазақша сілтеме', locale: 'kk', status: 'published' }] });
  });

  it('answers 404 for an unknown story and 400 naming a bad parameter', async () => {
    const missing = await http(strapi).get(citedByPath('nosuchstory0000000000000')).set(admin.auth);
    expect(missing.status).toBe(404);
    const story = await createStory(strapi, { title: 'Параметры' });
    const badLocale = await http(strapi).get(`/newsroom/articles/${story.documentId}/cited-by?locale=%20x`).set(admin.auth);
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.error.message).toMatch(/^locale must be a locale code/);
    const unknown = await http(strapi).get(`/newsroom/articles/${story.documentId}/cited-by?status=draft`).set(admin.auth);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^status is not a query parameter of this route/);
  });

  it('needs a logged-in admin with the read-related permission: 401, 403, then 200 with only that permission', async () => {
    const story = await createStory(strapi, { title: 'Права доступа' });
    expect((await http(strapi).get(citedByPath(story.documentId))).status).toBe(401);
    const restricted = await restrictedAdmin(strapi, admin, 'No cited by');
    expect((await http(strapi).get(citedByPath(story.documentId)).set(restricted.auth)).status).toBe(403);

    const reader = await restrictedAdmin(strapi, admin, 'Reads related');
    const roles = await http(strapi).get('/admin/roles').set(admin.auth);
    const role = (roles.body.data as Array<{ id: number; name: string }>).find((candidate) => candidate.name === 'Reads related');
    const granted = await http(strapi)
      .put(`/admin/roles/${role?.id}/permissions`)
      .set(admin.auth)
      .send({ permissions: [{ action: ACTIONS.readRelated, subject: null, properties: {}, conditions: [] }] });
    expect(granted.status).toBe(200);
    expect((await citedBy(story.documentId, reader)).stories).toEqual([]);
  });
});
