import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { http, superAdmin } from '../helpers/http';

let app: TestApp;
let strapi: Core.Strapi;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
});
afterAll(() => app?.stop());

const attributes = (uid: string) => strapi.contentType(uid as typeof UIDS.article).attributes as Record<string, Record<string, unknown>>;

describe('content types', () => {
  it('registers the three content types under plugin::newsroom', () => {
    expect(Object.values(UIDS).map((uid) => strapi.contentType(uid)?.uid)).toEqual([
      'plugin::newsroom.article',
      'plugin::newsroom.correspondent',
      'plugin::newsroom.related-link',
    ]);
  });

  it('gives article its fields, with draft & publish and i18n on', () => {
    const article = strapi.contentType(UIDS.article);
    expect(article.options?.draftAndPublish).toBe(true);
    const fields = attributes(UIDS.article);
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining(['title', 'slug', 'lead', 'body', 'cover', 'source', 'tags', 'publicationDate', 'views', 'correspondents', 'bylineRoles', 'excludeFromSuggestions'])
    );
    expect(fields.title).toMatchObject({ type: 'string', required: true });
    expect(fields.slug).toMatchObject({ type: 'uid', targetField: 'title' });
    expect(fields.body).toMatchObject({ type: 'blocks' });
    expect(fields.cover).toMatchObject({ type: 'media', multiple: false });
    expect(fields.publicationDate).toMatchObject({ type: 'datetime' });
    expect(fields.views).toMatchObject({ type: 'integer', default: 0 });
    expect(fields.correspondents).toMatchObject({ type: 'relation', relation: 'manyToMany', target: UIDS.correspondent });
    expect(strapi.plugin('i18n').service('content-types').isLocalizedContentType(article)).toBe(true);
  });

  it('keeps correspondent email private and correspondents without draft & publish', () => {
    const fields = attributes(UIDS.correspondent);
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['name', 'role', 'slug', 'photo', 'bio', 'email']));
    expect(fields.email).toMatchObject({ type: 'email', private: true });
    expect(strapi.contentType(UIDS.correspondent).options?.draftAndPublish).toBe(false);
  });

  it('models a related entry as a story reference or an external link with its place', () => {
    const fields = attributes(UIDS.relatedLink);
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['article', 'articleLocale', 'version', 'position', 'target', 'url', 'label']));
    expect(fields.version).toMatchObject({ type: 'enumeration', enum: ['draft', 'published'] });
  });

  it('shows articles and correspondents in the Content Manager, related links nowhere, and hides all three from the Content-Type Builder', async () => {
    const admin = await superAdmin(strapi);
    const res = await http(strapi).get('/content-manager/content-types').set(admin.auth);
    expect(res.status).toBe(200);
    const listed = (res.body.data as Array<{ uid: string; isDisplayed: boolean }>).filter((ct) => ct.uid.startsWith('plugin::newsroom.'));
    expect(listed.map((ct) => [ct.uid, ct.isDisplayed]).sort()).toEqual([
      [UIDS.article, true],
      [UIDS.correspondent, true],
      [UIDS.relatedLink, false],
    ]);
    for (const uid of Object.values(UIDS)) {
      expect(strapi.contentType(uid).pluginOptions?.['content-type-builder']).toEqual({ visible: false });
    }
    const config = await http(strapi).get(`/content-manager/content-types/${UIDS.article}/configuration`).set(admin.auth);
    expect(config.status).toBe(200);
    expect(config.body.data.contentType.metadatas.views.edit.editable).toBe(false);
    expect(config.body.data.contentType.metadatas.excludeFromSuggestions.edit).toMatchObject({ label: 'Keep out of suggestions', description: expect.stringContaining('Never suggested') });
  });
});
