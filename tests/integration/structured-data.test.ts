import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import type { NewsArticleJsonLd, StoryJsonLd } from '../../shared/contracts/public-api';
import type { NewsroomConfig } from '../../server/src/config';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, databaseIdle, LOCALE, publish } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;

const SAMPLE = 'partnerstvo-radi-razvitiya';
const SITE = 'https://news.example.kz';

beforeAll(async () => {
  app = await bootStrapi({ sample: true });
  strapi = app.strapi;
  const config = strapi.config.get('plugin::newsroom') as NewsroomConfig;
  strapi.config.set('plugin::newsroom', {
    ...config,
    siteUrl: SITE,
    correspondentPath: '/avtory/:slug',
    publisher: { name: 'Казинформ', logo: { url: '/logo.png', width: 600, height: 60 }, languages: {} },
  });
});
afterAll(() => app?.stop());

/** The story's JSON-LD as a page would embed it: the script text, parsed back. */
const jsonLdOf = async (slug: string): Promise<{ object: NewsArticleJsonLd; parsed: NewsArticleJsonLd; script: string }> => {
  const res = await http(strapi).get(`/api/newsroom/articles/${slug}?jsonLd=true`);
  expect(res.status).toBe(200);
  const { object, script } = res.body.meta.jsonLd as StoryJsonLd;
  const parsed = JSON.parse(script) as NewsArticleJsonLd;
  expect(parsed).toEqual(object);
  return { object, parsed, script };
};

const sampleDocumentId = async () =>
  ((await strapi.documents(UIDS.article).findFirst({ locale: LOCALE, filters: { slug: SAMPLE }, fields: ['documentId'] })) as { documentId: string }).documentId;

describe('JSON-LD of a story (?jsonLd=true)', () => {
  it('is absent unless asked for, and the flag is checked', async () => {
    const plain = await http(strapi).get(`/api/newsroom/articles/${SAMPLE}`);
    expect(plain.body.meta).toEqual({});
    const bad = await http(strapi).get(`/api/newsroom/articles/${SAMPLE}?jsonLd=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors).toEqual([expect.objectContaining({ path: ['jsonLd'], message: 'jsonLd must be true or false' })]);
  });

  it('dates a story never changed since its first publication at its publication date', async () => {
    const { parsed } = await jsonLdOf(SAMPLE);
    expect(parsed.datePublished).toBe('2022-03-23T18:08:00.000Z');
    expect(parsed.dateModified).toBe('2022-03-23T18:08:00.000Z');
  });

  it('describes the sample story with every property a search engine reads', async () => {
    const documentId = await sampleDocumentId();
    const cover = await strapi.db.query('plugin::upload.file').create({
      data: { name: 'oic.jpg', hash: 'oic_hash', ext: '.jpg', mime: 'image/jpeg', size: 12.5, url: '/uploads/oic_hash.jpg', provider: 'local', width: 1200, height: 800 },
    });
    const before = Date.now();
    await strapi.documents(UIDS.article).update({ documentId, locale: LOCALE, data: { tags: ['ОИС', 'МИД РК'], cover: cover.id } as never });
    await publish(strapi, documentId);

    const { parsed } = await jsonLdOf(SAMPLE);
    const url = `${SITE}/news/${SAMPLE}`;
    const mediaBase = String(strapi.config.get('server.absoluteUrl')).replace(/\/$/, '');
    expect(parsed).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Партнерство ради развития',
      description: expect.stringContaining('На СМИД ОИС в Исламабаде'),
      datePublished: '2022-03-23T18:08:00.000Z',
      author: [{ '@type': 'Person', name: 'Калмыков Ануар', url: `${SITE}/avtory/kalmykov-anuar` }],
      image: [{ '@type': 'ImageObject', url: `${mediaBase}/uploads/oic_hash.jpg`, width: 1200, height: 800 }],
      inLanguage: 'ru',
      publisher: { '@type': 'NewsMediaOrganization', name: 'Казинформ', url: SITE, logo: { '@type': 'ImageObject', url: `${SITE}/logo.png`, width: 600, height: 60 } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      url,
      articleSection: 'ОИС',
      keywords: ['ОИС', 'МИД РК'],
      isAccessibleForFree: true,
    });
    expect(mediaBase).toMatch(/^https?:\/\//);
    // The published change (cover, tags) is the story's last modification.
    expect(Date.parse(parsed.dateModified as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(parsed.correction).toBeUndefined();
  });

  it('keeps dateModified when a view is counted, the story is republished unchanged, a draft is edited or another story changes', async () => {
    const documentId = await sampleDocumentId();
    const { parsed: first } = await jsonLdOf(SAMPLE);
    expect((await http(strapi).post(`/api/newsroom/articles/${SAMPLE}/view`)).status).toBe(200);
    await publish(strapi, documentId);
    await strapi.documents(UIDS.article).update({ documentId, locale: LOCALE, data: { lead: 'Черновой лид, не опубликован' } });
    const other = await createStory(strapi, { title: 'Другая история' });
    await strapi.documents(UIDS.article).update({ documentId: other.documentId, locale: LOCALE, data: { title: 'Другая история, исправлено' } });
    await publish(strapi, other.documentId);
    await databaseIdle(strapi);
    const { parsed: after } = await jsonLdOf(SAMPLE);
    expect(after.dateModified).toBe(first.dateModified);
    expect(after.description).toBe(first.description);
  });

  it('gives one Person per correspondent, in byline order', async () => {
    const first = await createCorrespondent(strapi, { name: 'Айгерим Сапарова', email: 'private@example.kz' });
    const second = await createCorrespondent(strapi, { name: 'Ерлан Жумабаев' });
    const story = await createStory(strapi, { title: 'Два автора', correspondents: [second.documentId, first.documentId] });
    const { parsed } = await jsonLdOf(story.slug as string);
    expect(parsed.author).toEqual([
      { '@type': 'Person', name: 'Ерлан Жумабаев', url: `${SITE}/avtory/erlan-zhumabaev` },
      { '@type': 'Person', name: 'Айгерим Сапарова', url: `${SITE}/avtory/aygerim-saparova` },
    ]);
    expect(parsed.image).toBeUndefined();
    expect(parsed.keywords).toBeUndefined();
    expect(JSON.stringify(parsed)).not.toContain('private@example.kz');
  });

  it('is escaped for a <script> element: no markup in a title can close it', async () => {
    const title = 'Итоги </script><script>alert("x")</script> &\u2028«ОИС»';
    const story = await createStory(strapi, { title });
    const { parsed, script } = await jsonLdOf(story.slug as string);
    expect(parsed.headline).toBe(title);
    expect(script).not.toMatch(/[<>&\u2028]/);
    expect(script).toContain('\\u003c/script\\u003e');
  });
});
