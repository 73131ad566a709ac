import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, hookEventsDuring, LOCALE, setRelated } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
});
afterAll(() => app?.stop());

const actions = (events: Array<{ action: string }>) => events.map((event) => event.action);

describe('each hook does its work once per document action, however many rows draft & publish writes', () => {
  it('create, create published, update, publish, republish, unpublish, discard draft, delete', async () => {
    const articles = strapi.documents(UIDS.article);
    const target = await createStory(strapi, { title: 'Цель для подсчёта' });

    let created: { documentId: string } | undefined;
    expect(actions(await hookEventsDuring(strapi, async () => (created = await createStory(strapi, { title: 'Черновик' }, { publish: false }))))).toEqual(['create']);
    const documentId = created!.documentId;
    // Two rows (draft + published), one action, one hook run.
    expect(actions(await hookEventsDuring(strapi, () => createStory(strapi, { title: 'Сразу в печать' })))).toEqual(['create']);
    expect(actions(await hookEventsDuring(strapi, () => articles.update({ documentId, locale: LOCALE, data: { lead: 'Лид' } })))).toEqual(['update']);

    await setRelated(strapi, documentId, [{ target: target.documentId }]);
    // Publishing writes a new published row (and the first time, deletes none): one hook run, one list copy.
    const linksBefore = await strapi.db.query(UIDS.relatedLink).count({ where: { article: documentId } });
    expect(actions(await hookEventsDuring(strapi, () => articles.publish({ documentId, locale: LOCALE })))).toEqual(['publish']);
    // Republishing deletes the old published row and creates a new one: still one run, and one copy (not two).
    expect(actions(await hookEventsDuring(strapi, () => articles.publish({ documentId, locale: LOCALE })))).toEqual(['publish']);
    expect(await strapi.db.query(UIDS.relatedLink).count({ where: { article: documentId } })).toBe(linksBefore + 1);

    expect(actions(await hookEventsDuring(strapi, () => articles.update({ documentId, locale: LOCALE, data: { lead: 'Правка' }, status: 'published' } as never)))).toEqual(['update']);
    expect(actions(await hookEventsDuring(strapi, () => articles.update({ documentId, locale: LOCALE, data: { lead: 'Ещё правка' } })))).toEqual(['update']);
    expect(actions(await hookEventsDuring(strapi, () => articles.discardDraft({ documentId, locale: LOCALE })))).toEqual(['discardDraft']);
    expect(actions(await hookEventsDuring(strapi, () => articles.unpublish({ documentId, locale: LOCALE })))).toEqual(['unpublish']);
    expect(actions(await hookEventsDuring(strapi, () => articles.delete({ documentId, locale: LOCALE })))).toEqual(['delete']);
    // Deleting a story with draft and published rows: one run.
    expect(actions(await hookEventsDuring(strapi, () => articles.delete({ documentId: target.documentId, locale: '*' })))).toEqual(['delete']);
  });
});
