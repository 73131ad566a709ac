import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { http, superAdmin, type AdminSession } from '../helpers/http';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { createCorrespondent, createStory, LOCALE, publish, related, setRelated } from '../helpers/stories';

let app: TestApp;
let strapi: Core.Strapi;
let admin: AdminSession;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  admin = await superAdmin(strapi);
});
afterAll(() => app?.stop());

const publicStory = async (slug: string) => {
  const res = await http(strapi).get(`/api/newsroom/articles/${slug}`);
  expect(res.status).toBe(200);
  return res.body.data as {
    correspondents: Array<{ name: string; role: string }>;
    related: Array<{ title: string; url: string; external: boolean }>;
  };
};

describe('a story with correspondents and an ordered related list', () => {
  it('round-trips through the Document Service and over HTTP, and keeps its order through publish, edit and republish', async () => {
    const [first, second, third] = await Promise.all([
      createCorrespondent(strapi, { name: 'Калмыков Ануар', role: 'корреспондент', email: 'anuar@example.kz' }),
      createCorrespondent(strapi, { name: 'Әлия Нұрланқызы', role: 'редактор' }),
      createCorrespondent(strapi, { name: 'Иван Петров', role: 'фотокорреспондент' }),
    ]);
    const targets = [];
    for (const title of ['Первая история', 'Вторая история', 'Третья история']) targets.push(await createStory(strapi, { title }));
    const story = await createStory(
      strapi,
      {
        title: 'Партнерство ради развития',
        correspondents: [second.documentId, first.documentId, third.documentId],
        bylineRoles: { 'kalmykov-anuar': 'собственный корреспондент' },
      } as never,
      { publish: false }
    );

    await setRelated(strapi, story.documentId, [
      { target: targets[2].documentId },
      { url: 'https://www.gov.kz/memleket/entities/mfa', label: 'МИД РК' },
      { target: targets[0].documentId, label: 'Своя подпись' },
    ]);

    // Document Service: correspondents in the editor's order, the draft list in the editor's order.
    const draft = await strapi.documents(UIDS.article).findOne({ documentId: story.documentId, locale: LOCALE, populate: ['correspondents'] });
    expect((draft?.correspondents as Array<{ name: string }>).map((c) => c.name)).toEqual(['Әлия Нұрланқызы', 'Калмыков Ануар', 'Иван Петров']);
    const draftList = await related(strapi).read({ documentId: story.documentId, locale: LOCALE }, 'draft');
    expect(draftList.map((e: { target: string | null; url: string | null }) => e.target ?? e.url)).toEqual([
      targets[2].documentId,
      'https://www.gov.kz/memleket/entities/mfa',
      targets[0].documentId,
    ]);

    // Over HTTP, the editor's view (admin route) and, after publishing, the reader's view.
    const adminList = await http(strapi).get(`/newsroom/articles/${story.documentId}/related?locale=${LOCALE}`).set(admin.auth);
    expect(adminList.status).toBe(200);
    expect(adminList.body.data.entries.map((e: { status: string }) => e.status)).toEqual(['published', 'external', 'published']);
    expect(adminList.body.data.entries[1].domain).toBe('www.gov.kz');

    await publish(strapi, story.documentId);
    let page = await publicStory('partnerstvo-radi-razvitiya');
    expect(page.correspondents).toEqual([
      expect.objectContaining({ name: 'Әлия Нұрланқызы', role: 'редактор' }),
      expect.objectContaining({ name: 'Калмыков Ануар', role: 'собственный корреспондент' }),
      expect.objectContaining({ name: 'Иван Петров', role: 'фотокорреспондент' }),
    ]);
    expect(page.related.map((r) => [r.title, r.external])).toEqual([
      ['Третья история', false],
      ['МИД РК', true],
      ['Своя подпись', false],
    ]);

    // Edit the draft: reorder, add, change the title. Readers still see the published order...
    await setRelated(strapi, story.documentId, [
      { target: targets[0].documentId, label: 'Своя подпись' },
      { target: targets[1].documentId },
      { target: targets[2].documentId },
      { url: 'https://www.gov.kz/memleket/entities/mfa', label: 'МИД РК' },
    ]);
    await strapi.documents(UIDS.article).update({ documentId: story.documentId, locale: LOCALE, data: { title: 'Партнерство ради развития (обновлено)' } });
    page = await publicStory('partnerstvo-radi-razvitiya');
    expect(page.related.map((r) => r.title)).toEqual(['Третья история', 'МИД РК', 'Своя подпись']);

    // ...until the story is published again; then they see the new order, and the slug stayed.
    await publish(strapi, story.documentId);
    page = await publicStory('partnerstvo-radi-razvitiya');
    expect(page.related.map((r) => r.title)).toEqual(['Своя подпись', 'Вторая история', 'Третья история', 'МИД РК']);

    // A third publish with no change keeps it, and the draft list is untouched by publishing.
    await publish(strapi, story.documentId);
    page = await publicStory('partnerstvo-radi-razvitiya');
    expect(page.related.map((r) => r.title)).toEqual(['Своя подпись', 'Вторая история', 'Третья история', 'МИД РК']);
    const published = await strapi.documents(UIDS.article).findOne({ documentId: story.documentId, locale: LOCALE, status: 'published', populate: ['correspondents'] });
    expect((published?.correspondents as Array<{ name: string }>).map((c) => c.name)).toEqual(['Әлия Нұрланқызы', 'Калмыков Ануар', 'Иван Петров']);
  });

  it('restores the published list into the draft when the draft is discarded', async () => {
    const a = await createStory(strapi, { title: 'Альфа' });
    const b = await createStory(strapi, { title: 'Бета' });
    const story = await createStory(strapi, { title: 'История со сбросом черновика' }, { publish: false });
    await setRelated(strapi, story.documentId, [{ target: a.documentId }, { target: b.documentId }]);
    await publish(strapi, story.documentId);
    await setRelated(strapi, story.documentId, [{ target: b.documentId }]);
    await strapi.documents(UIDS.article).discardDraft({ documentId: story.documentId, locale: LOCALE });
    const draft = await related(strapi).read({ documentId: story.documentId, locale: LOCALE }, 'draft');
    expect(draft.map((e: { target: string }) => e.target)).toEqual([a.documentId, b.documentId]);
  });
});
