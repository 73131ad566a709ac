import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, LOCALE, publish } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
});
afterAll(() => app?.stop());

const articles = () => strapi.documents(UIDS.article);

describe('slugs', () => {
  it('are generated from the title when the editor leaves them empty', async () => {
    const story = await createStory(strapi, { title: 'Партнерство ради развития' }, { publish: false });
    expect(story.slug).toBe('partnerstvo-radi-razvitiya');
    const blank = await createStory(strapi, { title: 'Съезд лидеров мировых религий', slug: '   ' }, { publish: false });
    expect(blank.slug).toBe('sezd-liderov-mirovykh-religiy');
  });

  it('are what the Content Manager previews while the editor types the title', async () => {
    const titles = ['Қазақстан мен Ресей: ынтымақтастық', 'Объём ёмкости «Щучьего» озера — 2,5 млн м³', 'Мухтар Тлеуберди провёл переговоры'];
    for (const title of titles) {
      const preview = await http(strapi)
        .post(`/content-manager/uid/generate?locale=${LOCALE}`)
        .set(admin.auth)
        .send({ contentTypeUID: UIDS.article, field: 'slug', data: { title } });
      expect(preview.status).toBe(200);
      const story = await createStory(strapi, { title }, { publish: false });
      expect(story.slug).toBe(preview.body.data);
    }
  });

  it('of a Kazakh story use the 2021 Latin alphabet, and the Content Manager previews them per locale', async () => {
    const title = 'Шымкентте жаңа ауруханасы ашылды: Үкімет пен Әкімдік';
    const expected = 'shymkentte-jana-auruhanasy-ashyldy-ukimet-pen-akimdik';
    const preview = (locale: string) =>
      http(strapi).post(`/content-manager/uid/generate?locale=${locale}`).set(admin.auth).send({ contentTypeUID: UIDS.article, field: 'slug', data: { title } });
    const [kazakhPreview, russianPreview] = await Promise.all([preview('kk'), preview(LOCALE)]);
    expect([kazakhPreview.status, russianPreview.status]).toEqual([200, 200]);
    const kazakh = await createStory(strapi, { title }, { locale: 'kk', publish: false });
    expect([kazakh.slug, kazakhPreview.body.data]).toEqual([expected, expected]);
    const russian = await createStory(strapi, { title }, { publish: false });
    expect(russian.slug).toBe('shymkentte-zhana-aurukhanasy-ashyldy-ukimet-pen-akimdik');
    expect(russianPreview.body.data).toBe(russian.slug);
    // A title already used in the locale: the preview names the suffix the server will give.
    const again = await preview('kk');
    const second = await createStory(strapi, { title }, { locale: 'kk', publish: false });
    expect([again.body.data, second.slug]).toEqual([`${expected}-2`, `${expected}-2`]);
    // Through the Content Manager's own create, as the editor's form saves it.
    const created = await http(strapi)
      .post(`/content-manager/collection-types/${UIDS.article}?locale=kk`)
      .set(admin.auth)
      .send({ title: 'Қайырлы таң, Өскемен' });
    expect(created.status).toBe(201);
    expect(created.body.data.slug).toBe('qaiyrly-tan-oskemen');
  });

  it('of a Kazakh draft slugged with the Russian table (before the Kazakh one) follow its title with the Kazakh table', async () => {
    const draft = await createStory(strapi, { title: 'Жаңа жыл', slug: 'zhana-zhyl' }, { locale: 'kk', publish: false });
    const renamed = await articles().update({ documentId: draft.documentId, locale: 'kk', data: { title: 'Жаңа ай' } });
    expect(renamed?.slug).toBe('jana-ai');
  });

  it('are unique per locale, with -2, -3 suffixes, and free in another locale', async () => {
    const first = await createStory(strapi, { title: 'Заседание правительства' });
    const second = await createStory(strapi, { title: 'Заседание правительства' });
    const third = await createStory(strapi, { title: 'Заседание правительства!' }, { publish: false });
    expect([first.slug, second.slug, third.slug]).toEqual(['zasedanie-pravitelstva', 'zasedanie-pravitelstva-2', 'zasedanie-pravitelstva-3']);
    const kazakh = await createStory(strapi, { title: 'Заседание правительства' }, { locale: 'kk' });
    expect(kazakh.slug).toBe('zasedanie-pravitelstva');
  });

  it('stay distinct when two stories with the same title are created at the same moment', async () => {
    const stories = await Promise.all(
      Array.from({ length: 6 }, () => createStory(strapi, { title: 'Одновременная новость' }, { publish: false }))
    );
    const slugs = stories.map((story) => story.slug).sort();
    expect(new Set(slugs).size).toBe(6);
    expect(slugs).toContain('odnovremennaya-novost');
  });

  it('give a title of only punctuation a usable slug', async () => {
    const first = await createStory(strapi, { title: '!!! …' }, { publish: false });
    const second = await createStory(strapi, { title: '«—»' }, { publish: false });
    expect([first.slug, second.slug]).toEqual(['article', 'article-2']);
  });

  it('follow the title of a story that was never published, and hold still once it is', async () => {
    const story = await createStory(strapi, { title: 'Черновой заголовок' }, { publish: false });
    const renamed = await articles().update({ documentId: story.documentId, locale: LOCALE, data: { title: 'Чистовой заголовок' } });
    expect(renamed?.slug).toBe('chistovoy-zagolovok');
    await publish(strapi, story.documentId);
    const edited = await articles().update({ documentId: story.documentId, locale: LOCALE, data: { title: 'Заголовок после публикации' } });
    expect(edited?.slug).toBe('chistovoy-zagolovok');
    const emptied = await articles().update({ documentId: story.documentId, locale: LOCALE, data: { slug: '' } });
    expect(emptied?.slug).toBe('chistovoy-zagolovok');
    const res = await http(strapi).get('/api/newsroom/articles/chistovoy-zagolovok');
    expect(res.body.data.title).toBe('Чистовой заголовок');
  });

  it('may be changed by hand: a slug only a draft carried becomes free, a published one stays with the story (it redirects)', async () => {
    const story = await createStory(strapi, { title: 'Слаг вручную' });
    const changed = await articles().update({ documentId: story.documentId, locale: LOCALE, data: { slug: 'moy-slag' } });
    expect(changed?.slug).toBe('moy-slag');
    // The published version still carries the old slug until the story is published again.
    await expect(createStory(strapi, { title: 'x', slug: 'slag-vruchnuyu' }, { publish: false })).rejects.toThrow(/slug must be unique per locale/);
    await publish(strapi, story.documentId);
    // Readers may have the old address: it stays reserved for the story.
    await expect(createStory(strapi, { title: 'x', slug: 'slag-vruchnuyu' }, { publish: false })).rejects.toThrow(/slug must be unique per locale/);

    const draft = await createStory(strapi, { title: 'Черновик со слагом' }, { publish: false });
    await articles().update({ documentId: draft.documentId, locale: LOCALE, data: { slug: 'drugoy-slag' } });
    const reuse = await createStory(strapi, { title: 'x', slug: 'chernovik-so-slagom' }, { publish: false });
    expect(reuse.slug).toBe('chernovik-so-slagom');
  });

  it('refuse a hand-written slug that is taken or malformed with a 400 naming the field and the rule, and write nothing', async () => {
    await createStory(strapi, { title: 'Занятый слаг' });
    const before = await articles().count({ locale: LOCALE });
    for (const [slug, rule] of [
      ['zanyatyy-slag', 'slug must be unique per locale: "zanyatyy-slag" is already used by another article'],
      ['Upper Case', 'slug must contain only lower-case Latin letters, digits and single hyphens'],
      ['двойной--дефис', 'slug must contain only lower-case Latin letters, digits and single hyphens'],
      ['-leading', 'slug must contain only lower-case Latin letters, digits and single hyphens'],
    ]) {
      const res = await http(strapi)
        .post(`/content-manager/collection-types/${UIDS.article}?locale=${LOCALE}`)
        .set(admin.auth)
        .send({ title: 'Новая история', slug });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(rule);
      expect(res.body.error.details.errors[0].path).toEqual(['slug']);
    }
    expect(await articles().count({ locale: LOCALE })).toBe(before);
  });

  it('apply to correspondents too, unique among correspondents', async () => {
    const first = await createCorrespondent(strapi, { name: 'Калмыков Ануар' });
    const second = await createCorrespondent(strapi, { name: 'Калмыков Ануар' });
    expect([first.slug, second.slug]).toEqual(['kalmykov-anuar', 'kalmykov-anuar-2']);
    await expect(createCorrespondent(strapi, { name: 'Другой', slug: 'kalmykov-anuar' })).rejects.toThrow(/slug must be unique among correspondents/);
  });

  it('already in the tables before the plugin claimed them are claimed at boot, once', async () => {
    const story = await createStory(strapi, { title: 'Импорт из старой базы' }, { publish: false });
    const person = await createCorrespondent(strapi, { name: 'Импортированный Автор' });
    // As an import or an install over existing data leaves them: rows with slugs and no claims.
    await strapi.db.connection(TABLES.slugs).whereIn('document_id', [story.documentId, person.documentId]).delete();
    const slugs = strapi.plugin('newsroom').service('slug');
    expect(await slugs.syncFromArticles()).toBe(2);
    const claims = await strapi.db.connection(TABLES.slugs).whereIn('document_id', [story.documentId, person.documentId]).orderBy('scope').select('scope', 'slug');
    expect(claims).toEqual([
      { scope: `article:${LOCALE}`, slug: 'import-iz-staroy-bazy' },
      { scope: 'correspondent', slug: 'importirovannyy-avtor' },
    ]);
    expect(await slugs.syncFromArticles()).toBe(0);
    await expect(createStory(strapi, { title: 'Другая', slug: 'import-iz-staroy-bazy' }, { publish: false })).rejects.toThrow(/must be unique per locale/);
  });
});

describe('publication date', () => {
  it('is set at the first publish when empty and kept on every later publish', async () => {
    const story = await createStory(strapi, { title: 'Дата публикации' }, { publish: false });
    expect(story.publicationDate ?? null).toBeNull();
    const before = Date.now();
    await publish(strapi, story.documentId);
    const first = await articles().findOne({ documentId: story.documentId, locale: LOCALE, status: 'published' });
    const stamped = new Date(first?.publicationDate as string).getTime();
    expect(stamped).toBeGreaterThanOrEqual(before - 1000);
    // A republish stamping anew would now give a later second than the first stamp.
    while (Date.now() <= stamped + 1000) await new Promise((resolve) => setTimeout(resolve, 20));
    await articles().update({ documentId: story.documentId, locale: LOCALE, data: { lead: 'Правка' } });
    await publish(strapi, story.documentId);
    await articles().unpublish({ documentId: story.documentId, locale: LOCALE });
    await publish(strapi, story.documentId);
    const later = await articles().findOne({ documentId: story.documentId, locale: LOCALE, status: 'published' });
    expect(new Date(later?.publicationDate as string).getTime()).toBe(stamped);
    // Created published in one call: stamped too.
    const direct = await createStory(strapi, { title: 'Сразу опубликовано' });
    expect(direct.publicationDate).toBeTruthy();
  });

  it('may be set by an editor (backdated imports) and is then kept', async () => {
    const story = await createStory(strapi, { title: 'Архивная новость', publicationDate: '2022-03-23T18:08:00.000Z' });
    await publish(strapi, story.documentId);
    const published = await articles().findOne({ documentId: story.documentId, locale: LOCALE, status: 'published' });
    expect(new Date(published?.publicationDate as string).toISOString()).toBe('2022-03-23T18:08:00.000Z');
  });
});
