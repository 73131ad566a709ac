import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import type { SuggestionsService } from '../../server/src/services/suggestions';
import { TABLES } from '../../server/src/models';
import { toBlocks } from '../helpers/news-archive';
import { bootStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;
let strapi: Core.Strapi;
const suggestions = () => strapi.plugin('newsroom').service('suggestions') as SuggestionsService;
const db = () => strapi.db.connection;

beforeAll(async () => {
  app = await bootStrapi();
  ({ strapi } = app);
});
// The queue is idle here: every recompute of the test is awaited.
afterAll(() => app?.stop());

/** The suggestion index and lists: what a recompute writes (ids and timestamps aside). */
const STATE: Array<{ table: string; order: string[]; omit: string[] }> = [
  { table: TABLES.suggestTerms, order: ['locale', 'document_id', 'term'], omit: [] },
  { table: TABLES.suggestStats, order: ['locale', 'term'], omit: [] },
  { table: TABLES.suggestDocs, order: ['locale', 'document_id'], omit: ['computed_at'] },
  { table: TABLES.suggestions, order: ['locale', 'document_id', 'suggested_document_id'], omit: [] },
];

const snapshot = async () => Promise.all(STATE.map(({ table }) => db()(table).select('*') as Promise<Array<Record<string, unknown>>>));

const restore = async (saved: Array<Array<Record<string, unknown>>>) => {
  for (const [index, { table }] of STATE.entries()) {
    await db()(table).delete();
    const rows = saved[index].map(({ id: _id, ...row }) => row);
    for (let start = 0; start < rows.length; start += 200) await db()(table).insert(rows.slice(start, start + 200));
  }
};

const state = async () =>
  Promise.all(
    STATE.map(async ({ table, order, omit }) =>
      ((await db()(table).orderBy(order).select('*')) as Array<Record<string, unknown>>).map((row) =>
        Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'id' && !omit.includes(key)).map(([key, value]) => [key, typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value]))
      )
    )
  );

const story = (title: string, text: string, tags: string[], date: string, status: 'published' | 'draft' = 'published') =>
  strapi.documents(UIDS.article).create({ locale: 'ru', status, data: { title, body: toBlocks([text]), tags, publicationDate: date } as never });

const TOPICS = [
  { tag: 'Паводок', words: 'Паводок подтопил сёла, спасатели эвакуировали жителей, вода в реке поднялась.' },
  { tag: 'Выборы', words: 'Избиратели голосуют на участках, кандидаты ждут итогов выборов в маслихат.' },
  { tag: 'Нефть', words: 'Экспорт нефти по трубопроводу КТК вырос, прокачка нефти идёт по графику.' },
];

describe('a burst of publishes recomputed in one pass', () => {
  it('stores the same index and lists as its jobs run one by one, in a few statements, and leaves out stories unpublished or deleted since they were queued', async () => {
    const base: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const topic = TOPICS[i % 3];
      base.push((await story(`${topic.tag}: новости ${i}`, `${topic.words} День ${i}.`, [topic.tag, 'Регионы'], `2025-04-${String(1 + i).padStart(2, '0')}T06:00:00Z`)).documentId);
    }
    await suggestions().idle();
    // A tag on more stories than a posting list is read whole (POSTINGS_CAP): the capped reads around each story's date.
    const common = (await db()(TABLES.suggestTerms).where({ document_id: base[0], locale: 'ru' }).where('term', 'like', '#%').pluck('term')) as string[];
    const tag = common.find((term) => term !== `#${'паводок'}`) ?? common[0];
    const fakes = Array.from({ length: 260 }, (_, i) => ({ id: `fake${String(i).padStart(4, '0')}`, dateMs: Date.parse('2025-01-01T00:00:00Z') + i * 36e5 * 13 }));
    for (let start = 0; start < fakes.length; start += 100) {
      const chunk = fakes.slice(start, start + 100);
      await db()(TABLES.suggestTerms).insert(chunk.map((fake) => ({ document_id: fake.id, locale: 'ru', term: tag, weight: 1, word: 'Регионы', date_ms: fake.dateMs })));
      await db()(TABLES.suggestDocs).insert(chunk.map((fake) => ({ document_id: fake.id, locale: 'ru', version: 1, indexed: 1, hash: 'fake', date_ms: fake.dateMs, computed_at: 0 })));
    }
    await db()(TABLES.suggestStats).where({ locale: 'ru', term: tag }).increment('df', fakes.length);
    await db()(TABLES.suggestStats).where({ locale: 'ru', term: '' }).increment('df', fakes.length);

    await strapi.documents(UIDS.article).unpublish({ documentId: base[10], locale: 'ru' });
    await strapi.documents(UIDS.article).delete({ documentId: base[9], locale: 'ru' });
    // The burst, published while no job could be queued: new stories, edited ones (indexed in an earlier version), an unchanged one.
    await db().schema.renameTable(TABLES.suggestJobs, 'newsroom_suggest_jobs_away');
    const log = strapi.log.error;
    strapi.log.error = (() => undefined) as unknown as typeof strapi.log.error;
    const burst: string[] = [];
    try {
      for (let i = 0; i < 9; i += 1) {
        const topic = TOPICS[i % 3];
        burst.push((await story(`${topic.tag}: срочно ${i}`, `${topic.words} Сводка ${i}.`, [topic.tag, 'Регионы'], `2025-04-${String(3 + i).padStart(2, '0')}T09:00:00Z`)).documentId);
        if (i % 3 === 1) {
          const edited = base[i];
          await strapi.documents(UIDS.article).update({ documentId: edited, locale: 'ru', status: 'published', data: { title: `${TOPICS[(i + 1) % 3].tag}: поправка ${i}`, body: toBlocks([TOPICS[(i + 1) % 3].words]) } as never });
          burst.push(edited);
        }
      }
      burst.push(base[11]);
      // Stories that left the site after their jobs were queued (unpublished, deleted: see below).
      burst.push(base[10], base[9]);
      await suggestions().idle();
    } finally {
      strapi.log.error = log;
      await db().schema.renameTable('newsroom_suggest_jobs_away', TABLES.suggestJobs);
    }
    const before = await snapshot();

    let statements = 0;
    const count = () => void (statements += 1);
    db().on('query', count);
    const batched = await suggestions().recomputeMany(burst, 'ru');
    db().off('query', count);
    const afterBatch = await state();

    await restore(before);
    const single = new Map<string, unknown>();
    for (const documentId of burst) single.set(documentId, (await suggestions().recompute(documentId, 'ru')).list);
    const afterOneByOne = await state();

    expect(afterBatch).toEqual(afterOneByOne);
    expect(new Map([...batched].map(([id, result]) => [id, result.list]))).toEqual(single);
    // The lists are not trivial: the burst found each other and the archive.
    const gone = [base[10], base[9]];
    expect(burst.filter((id) => !gone.includes(id)).every((id) => (single.get(id) as unknown[]).length > 0)).toBe(true);
    // The stories that left have no list and are in nobody's.
    for (const id of gone) expect(batched.get(id)).toMatchObject({ indexed: false, list: [] });
    expect(await db()(TABLES.suggestions).whereIn('suggested_document_id', gone).orWhereIn('document_id', gone)).toEqual([]);
    // One pass, not a job's ~35 statements per story.
    expect(statements).toBeLessThan(burst.length * 10);
  });
});
