import type { Knex } from 'knex';

import { UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import { connect, createTestDatabase, type TestDatabase } from '../helpers/database';
import { http } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, databaseIdle, LOCALE } from '../helpers/stories';

/**
 * A database written by the version before the tag catalogue: `tags` held bare names, spelled as
 * editors typed them, and there was no catalogue. The stories are made through the Document
 * Service, then their rows are put back the old way through a connection of the test's own.
 */
let database: TestDatabase;
let app: TestApp | undefined;
const ids: Record<string, string> = {};

const boot = async () => {
  app = await bootStrapi({ database });
  return app.strapi;
};
const stop = async () => {
  // Work queued after the writes (suggestions) finishes before the database is handed over.
  if (app) await databaseIdle(app.strapi);
  await app?.stop({ keepDatabase: true });
  app = undefined;
};

const writeOld = async (db: Knex, documentId: string, tags: unknown, version: 'draft' | 'published' | 'both' = 'both') => {
  const rows = db(TABLES.articles).where('document_id', documentId);
  if (version === 'draft') rows.whereNull('published_at');
  if (version === 'published') rows.whereNotNull('published_at');
  await rows.update({ tags: JSON.stringify(tags) });
};

const rowsOf = async (db: Knex) =>
  (await db(TABLES.articles).orderBy('id').select('id', 'document_id', 'locale', 'tags', 'published_at', 'updated_at')) as Array<Record<string, unknown>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const strapi = await boot();
  ids.summit = (await createStory(strapi, { title: 'Саммит ОИС', tags: ['временный'] })).documentId;
  await strapi.documents(UIDS.article).update({ documentId: ids.summit, locale: LOCALE, data: { lead: 'черновая правка' } });
  ids.flood = (await createStory(strapi, { title: 'Паводок', tags: ['временный'] }, { publish: false })).documentId;
  ids.school = (await createStory(strapi, { title: 'Жаңа мектеп', tags: ['временный'] }, { locale: 'kk' })).documentId;
  ids.untagged = (await createStory(strapi, { title: 'Без тегов' })).documentId;
  await stop();

  const db = connect(database);
  try {
    await writeOld(db, ids.summit, ['ОИС', 'оис', ' МИД  РК '], 'published');
    await writeOld(db, ids.summit, ['ОИС', 'МИД РК', 'Ёлки'], 'draft');
    await writeOld(db, ids.flood, ['Паводки', 'елки']);
    await writeOld(db, ids.school, ['Білім', 'ОИС']);
    await db(TABLES.tagCatalog).delete();
    await db('strapi_core_store_settings').where('key', 'like', '%tags-carried-over-to').delete();
  } finally {
    await db.destroy();
  }
}, 240_000);

afterAll(async () => {
  await app?.stop();
  if (!app) await database.drop();
});

describe('tags stored as bare names by the previous version', () => {
  let before: Array<Record<string, unknown>>;

  it('are carried over on boot, draft and published rows, every name kept, spellings of one tag merged', async () => {
    const reader = connect(database);
    before = await rowsOf(reader);
    await reader.destroy();
    const strapi = await boot();
    const tagsOf = async (documentId: string, status: 'draft' | 'published', locale = LOCALE) =>
      ((await strapi.documents(UIDS.article).findOne({ documentId, locale, status, fields: ['tags'] })) as { tags: unknown } | null)?.tags;

    expect(await tagsOf(ids.summit, 'published')).toEqual([
      { name: 'ОИС', slug: 'ois' },
      { name: 'МИД РК', slug: 'mid-rk' },
    ]);
    expect(await tagsOf(ids.summit, 'draft')).toEqual([
      { name: 'ОИС', slug: 'ois' },
      { name: 'МИД РК', slug: 'mid-rk' },
      { name: 'Ёлки', slug: 'yolki' },
    ]);
    expect(await tagsOf(ids.flood, 'draft')).toEqual([
      { name: 'Паводки', slug: 'pavodki' },
      { name: 'Ёлки', slug: 'yolki' },
    ]);
    expect(await tagsOf(ids.school, 'published', 'kk')).toEqual([
      { name: 'Білім', slug: 'bilim' },
      { name: 'ОИС', slug: 'ois' },
    ]);
    expect(await tagsOf(ids.untagged, 'published')).toBeNull();

    const catalogue = await strapi.db.connection(TABLES.tagCatalog).orderBy(['locale', 'slug']).select('locale', 'name', 'slug');
    expect(catalogue).toEqual([
      { locale: 'kk', name: 'Білім', slug: 'bilim' },
      { locale: 'kk', name: 'ОИС', slug: 'ois' },
      { locale: 'ru', name: 'МИД РК', slug: 'mid-rk' },
      { locale: 'ru', name: 'ОИС', slug: 'ois' },
      { locale: 'ru', name: 'Паводки', slug: 'pavodki' },
      { locale: 'ru', name: 'Ёлки', slug: 'yolki' },
    ]);

    // Not an edit: no row's update time moved, and the story is not republished.
    const after = await rowsOf(strapi.db.connection);
    expect(after.map(({ tags: _tags, ...row }) => row)).toEqual(before.map(({ tags: _tags, ...row }) => row));

    // Readers get them at once: story, filter by slug, tag page.
    const story = await http(strapi).get('/api/newsroom/articles/sammit-ois');
    expect(story.body.data.tags).toEqual(['ОИС', 'МИД РК']);
    expect(story.body.data.tagLinks).toEqual([
      { name: 'ОИС', slug: 'ois' },
      { name: 'МИД РК', slug: 'mid-rk' },
    ]);
    expect((await http(strapi).get('/api/newsroom/articles?filters[tags]=mid-rk')).body.data.map((card: { title: string }) => card.title)).toEqual(['Саммит ОИС']);
    expect((await http(strapi).get('/api/newsroom/tags/ois?locale=kk')).body.data.articles.map((card: { title: string }) => card.title)).toEqual(['Жаңа мектеп']);
  });

  it('is idempotent: another boot, or another run from the start, changes nothing', async () => {
    const catalogueBefore = await app!.strapi.db.connection(TABLES.tagCatalog).orderBy('id').select('*');
    const rowsBefore = await rowsOf(app!.strapi.db.connection);
    await stop();
    const strapi = await boot();
    expect(await strapi.db.connection(TABLES.tagCatalog).orderBy('id').select('*')).toEqual(catalogueBefore);
    expect(await rowsOf(strapi.db.connection)).toEqual(rowsBefore);
    // From the first row again (no checkpoint): every row is already carried over.
    await strapi.db.connection('strapi_core_store_settings').where('key', 'like', '%tags-carried-over-to').delete();
    expect(await strapi.plugin('newsroom').service('tags').carryOver()).toBe(0);
    expect(await rowsOf(strapi.db.connection)).toEqual(rowsBefore);
  });
});
