import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import type { PublicRelatedStory } from '../../shared/contracts/public-api';
import type { BackfillStory, SuggestionList } from '../../shared/contracts/suggestions';
import { TABLES } from '../../server/src/models';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { toBlocks } from '../helpers/news-archive';
import { restrictedAdmin } from '../helpers/restricted-admin';
import { suggestionsApp } from '../helpers/suggestions';

/** What editors teach the suggestions: dismissals, citing links, exclusions, and the time window. */
let strapi: Core.Strapi;
let admin: AdminSession;
const { suggestions, related, setConfig } = suggestionsApp(async (booted) => {
  strapi = booted;
  admin = await superAdmin(strapi);
});

interface Made {
  documentId: string;
  slug: string;
}

const createStory = async (input: { title: string; text: string; date: string; tags?: string[]; excluded?: boolean; locale?: string }): Promise<Made> => {
  const made = await strapi.documents(UIDS.article).create({
    locale: input.locale ?? 'ru',
    status: 'published',
    data: { title: input.title, body: toBlocks([input.text]), tags: input.tags ?? [], publicationDate: input.date, excludeFromSuggestions: input.excluded ?? false } as never,
  });
  return { documentId: made.documentId, slug: made.slug as string };
};

/** The panel's answer for a story, over HTTP, once the queue has settled. */
const panel = async (documentId: string, locale = 'ru'): Promise<SuggestionList> => {
  await suggestions().idle();
  const res = await http(strapi).get(`/newsroom/articles/${documentId}/suggestions?locale=${locale}&limit=12`).set(admin.auth);
  expect({ status: res.status, error: res.status === 200 ? null : res.body }).toEqual({ status: 200, error: null });
  return res.body.data;
};
const ids = (list: SuggestionList) => list.suggestions.map((item) => item.documentId);
/** The suggested stories among `stories` (other tests' stories may share a word or two), sorted. */
const among = (list: SuggestionList, stories: Made[]) => ids(list).filter((id) => stories.some((story) => story.documentId === id)).sort();
const sorted = (stories: Made[]) => stories.map((story) => story.documentId).sort();

const dismiss = (owner: string, body: object, locale = 'ru') => http(strapi).post(`/newsroom/articles/${owner}/suggestions/dismissals?locale=${locale}`).set(admin.auth).send(body);
const undo = (owner: string, target: string, locale = 'ru') => http(strapi).delete(`/newsroom/articles/${owner}/suggestions/dismissals/${target}?locale=${locale}`).set(admin.auth);

const publicRelated = async (slug: string): Promise<PublicRelatedStory[]> => {
  const res = await http(strapi).get(`/api/newsroom/articles/${slug}`);
  expect(res.status).toBe(200);
  return res.body.data.related;
};

const backfillOf = async (documentId: string): Promise<BackfillStory | undefined> => {
  const res = await http(strapi).get('/newsroom/suggestions/backfill?locale=ru&pageSize=50&limit=10').set(admin.auth);
  expect(res.status).toBe(200);
  return (res.body.data as BackfillStory[]).find((story) => story.documentId === documentId);
};

const FLOOD = 'Паводок в Акмолинской области: вода подтопила дома, спасатели эвакуировали жителей сёл.';

describe('dismissing a suggestion', () => {
  let owner: Made;
  let rejected: Made;
  let kept: Made;

  beforeAll(async () => {
    owner = await createStory({ title: 'Паводок подтопил сёла', text: FLOOD, date: '2025-04-01T06:00:00Z' });
    rejected = await createStory({ title: 'Спасатели эвакуировали жителей', text: FLOOD, date: '2025-04-02T06:00:00Z' });
    kept = await createStory({ title: 'Вода подтопила дома', text: FLOOD, date: '2025-04-03T06:00:00Z' });
    setConfig({ autoFill: true, autoFillTo: 5 });
  });
  afterAll(() => setConfig({ autoFill: false }));

  it('keeps the story out of the panel, the backfill and the public fill, with the reason kept, until undone', async () => {
    expect(ids(await panel(owner.documentId))).toEqual(expect.arrayContaining([rejected.documentId, kept.documentId]));

    const answer = await dismiss(owner.documentId, { target: rejected.documentId, reason: '  другой паводок  ' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ documentId: rejected.documentId, title: 'Спасатели эвакуировали жителей', reason: 'другой паводок' });
    const row = await strapi.db.connection(TABLES.suggestDismissals).where({ document_id: owner.documentId, locale: 'ru', dismissed_document_id: rejected.documentId }).first();
    expect(row).toMatchObject({ reason: 'другой паводок' });

    const list = await panel(owner.documentId);
    expect(ids(list)).toContain(kept.documentId);
    expect(ids(list)).not.toContain(rejected.documentId);
    expect(list.dismissed).toEqual([expect.objectContaining({ documentId: rejected.documentId, reason: 'другой паводок' })]);
    expect((await backfillOf(owner.documentId))?.proposed.map((item) => item.documentId)).toEqual([kept.documentId]);
    expect((await publicRelated(owner.slug)).map((entry) => entry.slug)).toEqual([kept.slug]);
    // Only for that story: the dismissed story's own list still holds the owner.
    expect(ids(await panel(rejected.documentId))).toContain(owner.documentId);

    // It survives a republish of either story and a full reindex.
    await strapi.documents(UIDS.article).update({ documentId: owner.documentId, locale: 'ru', data: { title: 'Паводок подтопил сёла Акмолинской области' } as never });
    await strapi.documents(UIDS.article).publish({ documentId: owner.documentId, locale: 'ru' });
    await strapi.documents(UIDS.article).unpublish({ documentId: rejected.documentId, locale: 'ru' });
    await strapi.documents(UIDS.article).publish({ documentId: rejected.documentId, locale: 'ru' });
    await suggestions().idle();
    await suggestions().reindex({ fresh: true });
    expect(ids(await panel(owner.documentId))).not.toContain(rejected.documentId);
    expect((await publicRelated(owner.slug)).map((entry) => entry.slug)).toEqual([kept.slug]);

    // One click undoes it; undoing again is harmless.
    const undone = await undo(owner.documentId, rejected.documentId);
    expect(undone.status).toBe(200);
    expect(undone.body.data).toEqual({ documentId: rejected.documentId, undone: true });
    expect((await undo(owner.documentId, rejected.documentId)).body.data).toEqual({ documentId: rejected.documentId, undone: false });
    const back = await panel(owner.documentId);
    expect(ids(back)).toContain(rejected.documentId);
    expect(back.dismissed).toEqual([]);
    expect((await publicRelated(owner.slug)).map((entry) => entry.slug).sort()).toEqual([kept.slug, rejected.slug].sort());
  });

  it('is per locale: a dismissal in Russian leaves the Kazakh story’s suggestions alone', async () => {
    const text = 'Ақмола облысында су тасқыны: құтқарушылар ауыл тұрғындарын көшірді.';
    await strapi.documents(UIDS.article).update({ documentId: owner.documentId, locale: 'kk', status: 'published', data: { title: 'Су тасқыны ауылдарды басты', body: toBlocks([text]), publicationDate: '2025-04-01T06:00:00Z' } } as never);
    await strapi.documents(UIDS.article).update({ documentId: kept.documentId, locale: 'kk', status: 'published', data: { title: 'Құтқарушылар тұрғындарды көшірді', body: toBlocks([text]), publicationDate: '2025-04-02T06:00:00Z' } } as never);
    expect((await dismiss(owner.documentId, { target: kept.documentId }, 'ru')).status).toBe(200);
    expect(ids(await panel(owner.documentId, 'ru'))).not.toContain(kept.documentId);
    const kk = await panel(owner.documentId, 'kk');
    expect(ids(kk)).toContain(kept.documentId);
    expect(kk.dismissed).toEqual([]);
    expect((await undo(owner.documentId, kept.documentId, 'ru')).body.data.undone).toBe(true);
  });

  it('refuses bad input with a 400 naming the field, and other admins with a 401/403', async () => {
    const cases: Array<[object, string]> = [
      [{}, 'target'],
      [{ target: 'not a story!' }, 'target'],
      [{ target: owner.documentId }, 'target'],
      [{ target: 'x'.repeat(30) }, 'target'],
      [{ target: kept.documentId, reason: 'x'.repeat(501) }, 'reason'],
      [{ target: kept.documentId, reason: 'line\u0007bell' }, 'reason'],
      [{ target: kept.documentId, why: 'no' }, 'why'],
    ];
    for (const [body, field] of cases) {
      const res = await dismiss(owner.documentId, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(JSON.stringify(res.body.error)).toContain(field);
    }
    expect((await dismiss('nope', { target: kept.documentId })).status).toBe(404);
    expect((await http(strapi).delete(`/newsroom/articles/${owner.documentId}/suggestions/dismissals/bad%20id?locale=ru`).set(admin.auth)).status).toBe(400);
    expect(ids(await panel(owner.documentId))).toEqual(expect.arrayContaining([rejected.documentId, kept.documentId]));

    const restricted = await restrictedAdmin(strapi, admin);
    expect((await http(strapi).post(`/newsroom/articles/${owner.documentId}/suggestions/dismissals?locale=ru`).send({ target: kept.documentId })).status).toBe(401);
    expect((await http(strapi).post(`/newsroom/articles/${owner.documentId}/suggestions/dismissals?locale=ru`).set(restricted.auth).send({ target: kept.documentId })).status).toBe(403);
    expect((await http(strapi).delete(`/newsroom/articles/${owner.documentId}/suggestions/dismissals/${kept.documentId}?locale=ru`).set(restricted.auth)).status).toBe(403);
    expect(await strapi.db.connection(TABLES.suggestDismissals).where({ document_id: owner.documentId, locale: 'ru' }).pluck('dismissed_document_id')).toEqual([]);
  });
});

describe('deleting a story', () => {
  it('deletes its dismissals and those naming it, in its locale only', async () => {
    const gone = await createStory({ title: 'Паводок: сёла под водой', text: FLOOD, date: '2025-04-05T06:00:00Z' });
    const other = await createStory({ title: 'Спасатели вывезли жителей сёл', text: FLOOD, date: '2025-04-06T06:00:00Z' });
    const third = await createStory({ title: 'Вода ушла из сёл', text: FLOOD, date: '2025-04-07T06:00:00Z' });
    expect((await dismiss(gone.documentId, { target: other.documentId, reason: 'его список' })).status).toBe(200);
    expect((await dismiss(third.documentId, { target: gone.documentId, reason: 'называет его' })).status).toBe(200);
    expect((await dismiss(third.documentId, { target: other.documentId })).status).toBe(200);
    const rows = () => strapi.db.connection(TABLES.suggestDismissals).where((q) => q.where({ document_id: gone.documentId }).orWhere({ dismissed_document_id: gone.documentId })).pluck('reason');
    expect((await rows()).sort()).toEqual(['его список', 'называет его']);

    await strapi.documents(UIDS.article).delete({ documentId: gone.documentId, locale: 'ru' });
    expect(await rows()).toEqual([]);
    const list = await panel(third.documentId);
    expect(list.dismissed.map((item) => item.documentId)).toEqual([other.documentId]);
  });
});

describe('reciprocal: a story cites another', () => {
  it('proposes the citing story to the cited one, with the reason "cites this story", unless dismissed', async () => {
    const cited = await createStory({ title: 'Запущен новый спутник связи', text: 'Ракета-носитель вывела на орбиту спутник связи KazSat.', date: '2025-05-01T06:00:00Z' });
    const follow = await createStory({ title: 'Итоги сессии маслихата', text: 'Депутаты маслихата утвердили бюджет города на следующий год.', date: '2025-05-10T06:00:00Z' });
    expect(ids(await panel(cited.documentId))).not.toContain(follow.documentId);

    await related().replaceDraft({ documentId: follow.documentId, locale: 'ru' }, [{ target: cited.documentId }]);
    // The draft list is not the published one: nothing yet.
    expect(ids(await panel(cited.documentId))).not.toContain(follow.documentId);
    await strapi.documents(UIDS.article).publish({ documentId: follow.documentId, locale: 'ru' });
    const list = await panel(cited.documentId);
    expect(list.suggestions[0]).toMatchObject({ documentId: follow.documentId, reasons: [{ kind: 'cites', label: 'cites this story' }] });
    expect((await backfillOf(cited.documentId))?.proposed[0]?.documentId).toBe(follow.documentId);

    expect((await dismiss(cited.documentId, { target: follow.documentId, reason: 'ссылка по ошибке' })).status).toBe(200);
    expect(ids(await panel(cited.documentId))).not.toContain(follow.documentId);
    expect((await undo(cited.documentId, follow.documentId)).body.data.undone).toBe(true);
    expect(ids(await panel(cited.documentId))[0]).toBe(follow.documentId);

    // Unpublishing the citing story takes it away again.
    await strapi.documents(UIDS.article).unpublish({ documentId: follow.documentId, locale: 'ru' });
    expect(ids(await panel(cited.documentId))).not.toContain(follow.documentId);
  });
});

describe('exclusions', () => {
  const WEATHER = 'Синоптики обещают в Алматы дождь и грозу, температура воздуха днём до плюс двадцати градусов.';
  let owner: Made;
  let plain: Made;
  let flagged: Made;
  let tagged: Made;

  beforeAll(async () => {
    owner = await createStory({ title: 'Гроза в Алматы', text: WEATHER, date: '2025-06-01T06:00:00Z' });
    plain = await createStory({ title: 'Дождь в Алматы', text: WEATHER, date: '2025-06-01T07:00:00Z' });
    flagged = await createStory({ title: 'Прогноз погоды на день', text: WEATHER, date: '2025-06-01T08:00:00Z', excluded: true });
    tagged = await createStory({ title: 'Погода: дождь и гроза', text: WEATHER, date: '2025-06-01T09:00:00Z', tags: ['Прогноз Погоды'] });
    setConfig({ autoFill: true, autoFillTo: 5 });
  });
  afterAll(() => setConfig({ autoFill: false, excludeTags: [] }));

  it('never suggests nor fills with a story its editor excluded (published flag) or one with an excluded tag', async () => {
    const weather = [plain, flagged, tagged];
    expect(among(await panel(owner.documentId), weather)).toEqual(sorted([plain, tagged]));
    setConfig({ excludeTags: ['прогноз  погоды'] });
    expect(among(await panel(owner.documentId), weather)).toEqual([plain.documentId]);
    const filled = (await publicRelated(owner.slug)).map((entry) => entry.slug);
    expect(filled).toContain(plain.slug);
    expect(filled).not.toContain(flagged.slug);
    expect(filled).not.toContain(tagged.slug);
    const proposed = (await backfillOf(owner.documentId))?.proposed.map((item) => item.documentId) ?? [];
    expect(proposed).toContain(plain.documentId);
    expect(proposed.filter((id) => id === flagged.documentId || id === tagged.documentId)).toEqual([]);

    // The editor lifts the exclusion: it counts once published.
    await strapi.documents(UIDS.article).update({ documentId: flagged.documentId, locale: 'ru', data: { excludeFromSuggestions: false } as never });
    expect(ids(await panel(owner.documentId))).not.toContain(flagged.documentId);
    await strapi.documents(UIDS.article).publish({ documentId: flagged.documentId, locale: 'ru' });
    expect(ids(await panel(owner.documentId))).toContain(flagged.documentId);
    // A draft's live list keeps them out as well.
    const draft = await strapi.documents(UIDS.article).create({ locale: 'ru', data: { title: 'Гроза и дождь', body: toBlocks([WEATHER]) } as never });
    const live = await panel(draft.documentId);
    expect(live.source).toBe('live');
    expect(ids(live)).toEqual(expect.arrayContaining([plain.documentId, flagged.documentId]));
    expect(ids(live)).not.toContain(tagged.documentId);
  });
});

describe('time window', () => {
  const QUAKE = 'Землетрясение магнитудой пять баллов ощутили жители Алматы, разрушений нет, сообщили сейсмологи.';
  let owner: Made;
  let older: Made;
  let ancient: Made;
  let newer: Made;

  beforeAll(async () => {
    owner = await createStory({ title: 'Землетрясение в Алматы', text: QUAKE, date: '2025-03-01T06:00:00Z' });
    older = await createStory({ title: 'Сейсмологи: толчки ощутили в Алматы', text: QUAKE, date: '2025-02-20T06:00:00Z' });
    ancient = await createStory({ title: 'Землетрясение год назад', text: QUAKE, date: '2024-01-10T06:00:00Z' });
    newer = await createStory({ title: 'Повторные толчки в Алматы', text: QUAKE, date: '2025-03-05T06:00:00Z' });
  });
  afterAll(() => setConfig({ maxAgeDays: null, direction: 'any' }));

  it('keeps out stories older than maxAgeDays and those on the wrong side of direction', async () => {
    const quakes = [owner, older, ancient, newer];
    expect(among(await panel(owner.documentId), quakes)).toEqual(sorted([older, ancient, newer]));
    setConfig({ maxAgeDays: 30 });
    expect(among(await panel(owner.documentId), quakes)).toEqual(sorted([older, newer]));
    // Relative to each story: for the newest, the one 13 days older is still in the window.
    expect(among(await panel(newer.documentId), quakes)).toEqual(sorted([owner, older]));
    setConfig({ maxAgeDays: 0, direction: 'older' });
    expect(among(await panel(owner.documentId), quakes)).toEqual(sorted([older, ancient]));
    setConfig({ maxAgeDays: 30, direction: 'older' });
    expect(among(await panel(owner.documentId), quakes)).toEqual([older.documentId]);
    setConfig({ maxAgeDays: null, direction: 'newer' });
    expect(among(await panel(owner.documentId), quakes)).toEqual([newer.documentId]);
    // Every story in the list, not only these, is on the right side.
    const dates = new Map((await panel(owner.documentId)).suggestions.map((item) => [item.documentId, item.publicationDate ?? '']));
    expect([...dates.values()].every((date) => date >= '2025-03-01T06:00:00.000Z')).toBe(true);
    const draft = await strapi.documents(UIDS.article).create({ locale: 'ru', data: { title: 'Землетрясение ощутили в Алматы', body: toBlocks([QUAKE]), publicationDate: '2025-03-02T06:00:00Z' } as never });
    expect(among(await panel(draft.documentId), quakes)).toEqual([newer.documentId]);

    // Lists computed under the window store only stories inside it, so it does not leave them short.
    await suggestions().reindex({ fresh: true });
    const stored = (owner: Made) => strapi.db.connection(TABLES.suggestions).where({ document_id: owner.documentId, locale: 'ru' }).pluck('suggested_document_id') as Promise<string[]>;
    expect(await stored(owner)).toContain(newer.documentId);
    expect(await stored(owner)).not.toContain(older.documentId);
    expect(await stored(older)).toEqual(expect.arrayContaining([owner.documentId, newer.documentId]));
    expect(await stored(newer)).not.toContain(owner.documentId);
    // A story published now takes its place only in the lists of the stories it is newer than.
    const latest = await createStory({ title: 'Сейсмологи Алматы: новые толчки', text: QUAKE, date: '2025-03-10T06:00:00Z' });
    await suggestions().idle();
    expect(await stored(owner)).toContain(latest.documentId);
    expect(await stored(latest)).not.toContain(owner.documentId);
  });
});
