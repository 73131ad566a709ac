import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { TABLES } from '../../server/src/models';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createStory, LOCALE, publish, related, setRelated, snapshotLinks } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;

beforeAll(async () => {
  app = await bootStrapi({ env: { NEWSROOM_MAX_RELATED: '4' } });
  strapi = app.strapi;
  admin = await superAdmin(strapi);
});
afterAll(() => app?.stop());

const readerTitles = async (slug: string) => {
  const res = await http(strapi).get(`/api/newsroom/articles/${slug}/related`);
  expect(res.status).toBe(200);
  return (res.body.data as Array<{ title: string }>).map((entry) => entry.title);
};

const editorList = async (documentId: string) => {
  const res = await http(strapi).get(`/newsroom/articles/${documentId}/related?locale=${LOCALE}`).set(admin.auth);
  expect(res.status).toBe(200);
  return res.body.data as { revision: number; entries: Array<{ target: string | null; url: string | null; status: string }> };
};

const save = (documentId: string, revision: number, entries: unknown) =>
  http(strapi).put(`/newsroom/articles/${documentId}/related?locale=${LOCALE}`).set(admin.auth).send({ revision, entries });

describe('refusals: a clear 400 and nothing written', () => {
  let owner: { documentId: string };
  let targets: Array<{ documentId: string }>;

  beforeAll(async () => {
    targets = [];
    for (const title of ['Цель один', 'Цель два', 'Цель три', 'Цель четыре', 'Цель пять']) targets.push(await createStory(strapi, { title }));
    owner = await createStory(strapi, { title: 'Владелец списка' });
    await setRelated(strapi, owner.documentId, [{ target: targets[0].documentId }, { url: 'https://example.kz/a', label: 'Пример' }]);
  });

  const cases: Array<[string, () => unknown[], string, string]> = [
    ['a link to the story itself', () => [{ target: owner.documentId }], 'related[0].target', 'must not be the story itself'],
    ['the same target twice', () => [{ target: targets[1].documentId }, { target: targets[1].documentId }], 'related[1].target', 'must not repeat an entry'],
    ['the same URL twice', () => [{ url: 'https://Example.kz/b/', label: 'Б' }, { url: 'https://example.kz/b', label: 'Б2' }], 'related[1].url', 'must not repeat an entry'],
    ['more than maxRelated entries', () => targets.map((t) => ({ target: t.documentId })), 'related', 'must have at most 4 entries (maxRelated)'],
    ['a javascript: URL', () => [{ url: 'javascript:alert(1)', label: 'x' }], 'related[0].url', 'must be an absolute http(s) URL'],
    ['a data: URL', () => [{ url: 'data:text/html,<b>x</b>', label: 'x' }], 'related[0].url', 'must be an absolute http(s) URL'],
    ['a relative URL', () => [{ url: '/news/other', label: 'x' }], 'related[0].url', 'must be an absolute http(s) URL'],
    ['an external link without a label', () => [{ url: 'https://example.kz/c' }], 'related[0].label', 'is required for an external link'],
    ['a target that does not exist', () => [{ target: 'doesnotexist000000000000' }], 'related[0].target', 'must be an existing story'],
    ['both a target and a URL', () => [{ target: targets[1].documentId, url: 'https://example.kz/d', label: 'x' }], 'related[0]', 'must have either a target or a url'],
    ['an unknown field', () => [{ target: targets[1].documentId, weight: 3 }], 'related[0].weight', 'is not a field of a related entry'],
    ['a label with control characters', () => [{ url: 'https://example.kz/e', label: 'a\u0007b' }], 'related[0].label', 'must not contain control characters'],
    ['not a list', () => ({ target: targets[1].documentId }) as unknown as unknown[], 'related', 'must be a list of entries'],
  ];

  it.each(cases)('%s', async (_name, entries, path, rule) => {
    const before = await snapshotLinks(strapi);
    const { revision } = await editorList(owner.documentId);
    const res = await save(owner.documentId, revision, entries());
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toContain(`${path} ${rule}`);
    expect(res.body.error.details.errors[0].path.join('.')).toBe(path.replace(/\[(\d+)\]/g, '.$1'));
    expect(await snapshotLinks(strapi)).toEqual(before);
    expect((await editorList(owner.documentId)).revision).toBe(revision);
    // The same rule holds for other server code calling the service.
    await expect(related(strapi).replaceDraft({ documentId: owner.documentId, locale: LOCALE }, entries())).rejects.toThrow(rule);
    expect(await snapshotLinks(strapi)).toEqual(before);
  });

  it('lists every problem of a list at once', async () => {
    const { revision } = await editorList(owner.documentId);
    const res = await save(owner.documentId, revision, [{ url: 'ftp://x.kz', label: 'x' }, { target: owner.documentId }, { url: 'https://x.kz' }]);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['related.0.url', 'related.1.target', 'related.2.label']);
  });

  it('applies the same rules to single entries written by other code, and the Content Manager cannot write them at all', async () => {
    const before = await snapshotLinks(strapi);
    // Related links are the panel's storage: the Content Manager's routes refuse them (the type is not displayed, so no one holds its permissions).
    const refused = await http(strapi).post(`/content-manager/collection-types/${UIDS.relatedLink}`).set(admin.auth).send({ article: owner.documentId, articleLocale: LOCALE, target: targets[2].documentId });
    expect(refused.status).toBe(403);
    const write = (data: Record<string, unknown>) =>
      strapi.documents(UIDS.relatedLink).create({ data: { article: owner.documentId, articleLocale: LOCALE, ...data } as never });
    await expect(write({ target: targets[0].documentId })).rejects.toThrow('must not repeat an entry');
    await expect(write({ url: 'javascript:alert(1)', label: 'x' })).rejects.toThrow('must be an absolute http(s) URL');
    await expect(write({ target: targets[1].documentId, version: 'published' })).rejects.toThrow('version must be "draft"');
    expect(await snapshotLinks(strapi)).toEqual(before);

    // A valid entry lands at the position given, and the list is renumbered.
    await write({ target: targets[2].documentId, position: 0 });
    const list = await editorList(owner.documentId);
    expect(list.entries.map((e) => e.target ?? e.url)).toEqual([targets[2].documentId, targets[0].documentId, 'https://example.kz/a']);
  });

  it('refuses a stale save with 409 and keeps the list that won', async () => {
    const { revision } = await editorList(owner.documentId);
    const winner = await save(owner.documentId, revision, [{ target: targets[3].documentId }]);
    expect(winner.status).toBe(200);
    const loser = await save(owner.documentId, revision, [{ target: targets[4].documentId }]);
    expect(loser.status).toBe(409);
    expect(loser.body.error).toMatchObject({ name: 'ConflictError', details: { code: 'STALE_LIST', expectedRevision: revision } });
    expect(loser.body.error.message).toMatch(/changed by someone else/);
    expect((await editorList(owner.documentId)).entries.map((e) => e.target)).toEqual([targets[3].documentId]);
  });

  it('answers 404 for an unknown story and 400 for a save without a revision', async () => {
    expect((await http(strapi).get('/newsroom/articles/nosuchstory00000000000000/related').set(admin.auth)).status).toBe(404);
    const res = await http(strapi).put(`/newsroom/articles/${owner.documentId}/related`).set(admin.auth).send({ entries: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('revision is required');
  });
});

describe('lists stay true when their targets change', () => {
  it('a deleted target disappears from every list that cited it, and the loss is recorded', async () => {
    const doomed = await createStory(strapi, { title: 'Удаляемая история' });
    const keeper = await createStory(strapi, { title: 'Остающаяся история' });
    const first = await createStory(strapi, { title: 'Первый ссылающийся' }, { publish: false });
    const second = await createStory(strapi, { title: 'Второй ссылающийся' }, { publish: false });
    await setRelated(strapi, first.documentId, [{ target: doomed.documentId }, { target: keeper.documentId }]);
    await setRelated(strapi, second.documentId, [{ target: keeper.documentId }, { target: doomed.documentId, label: 'Подпись' }]);
    await publish(strapi, first.documentId);
    await publish(strapi, second.documentId);

    await strapi.documents(UIDS.article).delete({ documentId: doomed.documentId, locale: '*' });

    for (const story of [first, second]) {
      const list = await editorList(story.documentId);
      expect(list.entries.map((e) => e.target)).toEqual([keeper.documentId]);
    }
    expect(await readerTitles('pervyy-ssylayushchiysya')).toEqual(['Остающаяся история']);
    expect(await strapi.db.query(UIDS.relatedLink).count({ where: { target: doomed.documentId } })).toBe(0);
    const lost = await related(strapi).lostLinks();
    const mine = lost.filter((row: { target: string }) => row.target === doomed.documentId);
    expect(mine.map((row: { article: string; version: string; target_title: string }) => [row.article, row.version, row.target_title]).sort()).toEqual(
      [
        [first.documentId, 'draft', 'Удаляемая история'],
        [first.documentId, 'published', 'Удаляемая история'],
        [second.documentId, 'draft', 'Удаляемая история'],
        [second.documentId, 'published', 'Удаляемая история'],
      ].sort()
    );
  });

  it('a target deleted by a bulk deleteMany (bypassing the Document Service) is cleaned up too', async () => {
    const doomed = await createStory(strapi, { title: 'Массово удаляемая' });
    const owner = await createStory(strapi, { title: 'Ссылается на массово удаляемую' }, { publish: false });
    await setRelated(strapi, owner.documentId, [{ target: doomed.documentId }]);
    await strapi.db.query(UIDS.article).deleteMany({ where: { documentId: doomed.documentId } });
    expect((await editorList(owner.documentId)).entries).toEqual([]);
  });

  it('an unpublished target stays in the editor list, is hidden from readers, and comes back in its place', async () => {
    const a = await createStory(strapi, { title: 'Эй' });
    const b = await createStory(strapi, { title: 'Би' });
    const c = await createStory(strapi, { title: 'Си' });
    const owner = await createStory(strapi, { title: 'Список с паузой' }, { publish: false });
    await setRelated(strapi, owner.documentId, [{ target: a.documentId }, { target: b.documentId }, { target: c.documentId }]);
    await publish(strapi, owner.documentId);
    expect(await readerTitles('spisok-s-pauzoy')).toEqual(['Эй', 'Би', 'Си']);

    await strapi.documents(UIDS.article).unpublish({ documentId: b.documentId, locale: LOCALE });
    expect(await readerTitles('spisok-s-pauzoy')).toEqual(['Эй', 'Си']);
    expect((await editorList(owner.documentId)).entries.map((e) => e.status)).toEqual(['published', 'unpublished', 'published']);

    await publish(strapi, b.documentId);
    expect(await readerTitles('spisok-s-pauzoy')).toEqual(['Эй', 'Би', 'Си']);
  });

  it('a target unpublished before 2026-12-06 (a publications row, no modifications row) still reads as unpublished, not as a draft', async () => {
    const legacy = await createStory(strapi, { title: 'Старая история' });
    const owner = await createStory(strapi, { title: 'Список со старой' }, { publish: false });
    await setRelated(strapi, owner.documentId, [{ target: legacy.documentId }]);
    await strapi.documents(UIDS.article).unpublish({ documentId: legacy.documentId, locale: LOCALE });
    expect((await editorList(owner.documentId)).entries.map((e) => e.status)).toEqual(['unpublished']);
    // As an earlier version left it: the first publication recorded in its own table, no modifications row.
    await strapi.db.connection(TABLES.modifications).where({ document_id: legacy.documentId }).delete();
    expect((await editorList(owner.documentId)).entries.map((e) => e.status)).toEqual(['draft']);
    await strapi.db.connection(TABLES.publications).insert({ document_id: legacy.documentId, locale: LOCALE, first_published_at: new Date('2025-05-01T06:00:00Z') });
    expect((await editorList(owner.documentId)).entries.map((e) => e.status)).toEqual(['unpublished']);
  });

  it('a target that was never published can be linked and appears, in its place, once published', async () => {
    const published = await createStory(strapi, { title: 'Уже вышла' });
    const upcoming = await createStory(strapi, { title: 'Выйдет завтра' }, { publish: false });
    const owner = await createStory(strapi, { title: 'Список с анонсом' }, { publish: false });
    await setRelated(strapi, owner.documentId, [{ target: upcoming.documentId }, { target: published.documentId }]);
    await publish(strapi, owner.documentId);
    expect(await readerTitles('spisok-s-anonsom')).toEqual(['Уже вышла']);
    expect((await editorList(owner.documentId)).entries.map((e) => e.status)).toEqual(['draft', 'published']);
    await publish(strapi, upcoming.documentId);
    expect(await readerTitles('spisok-s-anonsom')).toEqual(['Выйдет завтра', 'Уже вышла']);
  });

  it('unpublishing the story itself hides its list from readers and keeps it for the editors', async () => {
    const t = await createStory(strapi, { title: 'Цель снятой' });
    const owner = await createStory(strapi, { title: 'Снятая история' }, { publish: false });
    await setRelated(strapi, owner.documentId, [{ target: t.documentId }]);
    await publish(strapi, owner.documentId);
    await strapi.documents(UIDS.article).unpublish({ documentId: owner.documentId, locale: LOCALE });
    expect((await http(strapi).get('/api/newsroom/articles/snyataya-istoriya/related')).status).toBe(404);
    expect((await editorList(owner.documentId)).entries.map((e) => e.target)).toEqual([t.documentId]);
    await publish(strapi, owner.documentId);
    expect(await readerTitles('snyataya-istoriya')).toEqual(['Цель снятой']);
  });

  it('publishing copies the list in the editors\' order, renumbered, each copy a row of its own; discarding the draft copies it back', async () => {
    const [a, b] = [await createStory(strapi, { title: 'Копия один' }), await createStory(strapi, { title: 'Копия два' })];
    const owner = await createStory(strapi, { title: 'Копируемый список' }, { publish: false });
    await setRelated(strapi, owner.documentId, [{ target: b.documentId }, { url: 'https://example.kz/copy', label: 'Ссылка' }, { target: a.documentId }]);
    const links = strapi.db.query(UIDS.relatedLink);
    const rows = (version: 'draft' | 'published') =>
      links.findMany({ where: { article: owner.documentId, articleLocale: LOCALE, version }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: ['documentId', 'position', 'target', 'url', 'label', 'publishedAt'] });
    // Positions with gaps and a tie (written by older versions or by hand): the order is position, then id.
    const draft = await rows('draft');
    for (const [row, position] of draft.map((row, i) => [row, [3, 7, 7][i]] as const)) await links.update({ where: { documentId: row.documentId }, data: { position } });
    await publish(strapi, owner.documentId);
    const published = await rows('published');
    const entry = (row: { target: string | null; url: string | null; label: string | null }) => ({ target: row.target ?? null, url: row.url ?? null, label: row.label ?? null });
    expect(published.map(entry)).toEqual(draft.map(entry));
    expect(published.map((row) => row.position)).toEqual([0, 1, 2]);
    const ids = published.map((row) => row.documentId as string);
    expect(new Set([...ids, ...draft.map((row) => row.documentId)]).size).toBe(ids.length + draft.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]{23}$/);
    for (const row of published) expect(Number.isNaN(Date.parse(String(row.publishedAt)))).toBe(false);
    expect(await readerTitles('kopiruemyy-spisok')).toEqual(['Копия два', 'Ссылка', 'Копия один']);

    await setRelated(strapi, owner.documentId, [{ target: a.documentId }]);
    await strapi.documents(UIDS.article).discardDraft({ documentId: owner.documentId, locale: LOCALE });
    expect((await rows('draft')).map((row) => ({ ...entry(row), position: row.position }))).toEqual(published.map((row) => ({ ...entry(row), position: row.position })));
  });
});
