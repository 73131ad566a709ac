import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { GetDashboard } from '../../shared/contracts/admin';
import { formatDisplayDate } from '../../shared/dates';
import {
  BASE_URL,
  adminToken,
  backfillStories,
  createStory,
  deleteStory,
  editViewUrl,
  entryRows,
  entryTitles,
  http,
  keepLastScreens,
  openEditorPage,
  openEditView,
  openStoryPanel,
  panelBody,
  pollUntil,
  publicArticle,
  publishStory,
  relatedList,
  relatedPanel,
  screenshot,
  signIn,
  suggestionItem,
  suggestionsOf,
  suggestionsSection,
} from './support';

// The sample story and its related list, as the playground loads them on first start.
const SAMPLE_SLUG = 'partnerstvo-radi-razvitiya';
const AIDA = 'Аида Балаева выступила в поддержку сохранения независимости и чистоты культурного пространства';
const TOKAEV = 'Токаев: Ключевая цель – трансформация Казахстана в технологически продвинутую нацию';
const WOMEN = 'Права и возможности женщин с инвалидностью обсудили на конференции в Астане';
const BEKTENOV = 'Бектенов поручил внести предложения по наказанию виновных в срыве дорожных проектов';
const ALMATY = 'Больше 20 предприятий Алматы признаны победителями регионального этапа конкурса «Лучший товар Казахстана»';
const SAMPLE_ORDER = [AIDA, TOKAEV, WOMEN, BEKTENOV, ALMATY];

// Created by the tests.
const SCIENTISTS = 'Женщины-учёные из Алматы получили гранты на исследования';
const DOOMED = 'Временный материал, который удалят до сохранения';
const LOST = 'Заметка, которую удалят после сохранения';
const GOV_URL = 'https://www.gov.kz/memleket/entities/mfa?lang=ru';
const GOV_LABEL = 'МИД РК: сообщения для прессы';
// An editor with the read permission only (created by the read-only test, reused by the suggestions one).
const READER = { firstname: 'Читатель', lastname: 'Списка', email: 'e2e-reader@newsroom.test', password: 'Newsroom-reader-2025' };

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let sampleId: string;
let scientistsId: string;
let correspondent: { documentId: string; name: string };

const panelText = () => relatedPanel(page).innerText();
const saveButton = (target: Page = page) => target.getByRole('button', { name: 'Save list' });
const announcer = (target: Page = page) => target.locator('[data-newsroom-announcer]');
const row = (title: string, target: Page = page) => entryRows(target).filter({ hasText: title });

/** Fails with the titles it saw, which says more than a timeout. */
const expectTitles = async (expected: string[], target: Page = page) => {
  await target.waitForFunction(
    (count) => document.querySelectorAll('ol[aria-label="Related stories"] > li').length === count,
    expected.length,
    { timeout: 10000 }
  ).catch(() => undefined);
  expect(await entryTitles(target)).toEqual(expected);
};

/** The search answered the query as typed (not an older one). */
const settled = () => page.locator('[role="listbox"][aria-busy="false"]').waitFor();

const waitForToast = (text: string) => page.getByText(text).first().waitFor({ timeout: 15000 });

beforeAll(async () => {
  ({ browser, context, page } = await openEditorPage());
});

afterAll(async () => {
  await browser?.close();
});

keepLastScreens(() => page);

test('the first admin registers through the registration page', async () => {
  await signIn(page);
  await page.getByRole('heading', { name: /Hello/ }).waitFor();
  token = await adminToken();
  sampleId = (await publicArticle(SAMPLE_SLUG)).documentId;
  const { body } = await http<{ results: Array<{ documentId: string; name: string }> }>(
    'GET',
    '/content-manager/collection-types/plugin::newsroom.correspondent?page=1&pageSize=10',
    { token }
  );
  correspondent = body.results[0];
  expect(correspondent.name).toBe('Калмыков Ануар');
});

test('the panel shows the sample list as readers will see it', async () => {
  await openEditView(page, sampleId);
  await expectTitles(SAMPLE_ORDER);
  const first = await row(AIDA).innerText();
  expect(first).toContain('12 сентября 2025 г. 8:57');
  expect(first).toContain('Published');
  expect(await row(ALMATY).innerText()).toContain('20 августа 2025 г. 0:00');
  await expect(saveButton().isDisabled()).resolves.toBe(true);
  expect(await panelText()).toContain('5 of 10');
});

test('an editor finds, adds, drags, moves by keyboard, removes, links and saves; readers get that order once published', async () => {
  scientistsId = await createStory(
    token,
    { title: SCIENTISTS, publicationDate: new Date().toISOString(), correspondents: { connect: [{ documentId: correspondent.documentId }] } },
    { publish: true }
  );
  await openEditView(page, sampleId);
  const search = page.getByRole('combobox', { name: 'Add a story' });

  // Lower case, a word inside the title: the story already in the list is left out of the answers.
  await search.fill('женщин');
  await settled();
  const hits = page.getByRole('option');
  expect(await hits.count()).toBe(1);
  const hit = await hits.first().innerText();
  expect(hit).toContain(SCIENTISTS);
  expect(hit).toContain('Калмыков Ануар');
  expect(hit).toMatch(/\d{1,2} \S+ \d{4} г\. \d{1,2}:\d{2}/);

  // Typed key by key this time (one request after the pause); ё and е are the same letter for the search.
  await search.fill('');
  await search.pressSequentially('учены', { delay: 40 });
  await settled();
  expect(await page.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining(SCIENTISTS)]);
  await search.press('Enter');
  await expectTitles([...SAMPLE_ORDER, SCIENTISTS]);
  expect(await search.inputValue()).toBe('');
  expect(await saveButton().isEnabled()).toBe(true);

  // Drag the new story to the top (native HTML5 drag and drop).
  await row(SCIENTISTS).getByRole('button', { name: /^Drag to reorder/ }).dragTo(row(AIDA), { targetPosition: { x: 40, y: 4 } });
  await expectTitles([SCIENTISTS, AIDA, TOKAEV, WOMEN, BEKTENOV, ALMATY]);

  // Keyboard: Space lifts, ArrowDown moves, Space drops; each step is announced.
  const handle = row(AIDA).getByRole('button', { name: /^Drag to reorder/ });
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(announcer().innerText()).resolves.toContain('lifted, position 2 of 6');
  await page.keyboard.press('ArrowDown');
  await expect(announcer().innerText()).resolves.toContain('moved to position 3 of 6');
  await page.keyboard.press('Space');
  await expect(announcer().innerText()).resolves.toContain('dropped at position 3 of 6');
  await expectTitles([SCIENTISTS, TOKAEV, AIDA, WOMEN, BEKTENOV, ALMATY]);

  // Escape puts a lifted entry back where it was.
  await row(ALMATY).getByRole('button', { name: /^Drag to reorder/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  await expect(announcer().innerText()).resolves.toContain('back at position 6 of 6');
  await expectTitles([SCIENTISTS, TOKAEV, AIDA, WOMEN, BEKTENOV, ALMATY]);

  await row(BEKTENOV).getByRole('button', { name: /^Remove/ }).click();
  await expectTitles([SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY]);

  // An external link: the client refuses what the server would refuse, before anything is sent.
  await page.getByRole('button', { name: 'Add an external link' }).click();
  const address = page.locator('input[name="newsroom-link-url"]');
  await address.fill('javascript:alert(1)');
  await page.locator('input[name="newsroom-link-label"]').fill(GOV_LABEL);
  await page.getByRole('button', { name: 'Add link' }).click();
  await page.getByText('Must be an absolute http(s) address').waitFor();
  await expectTitles([SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY]);
  await address.fill(GOV_URL);
  await address.press('Enter');
  await expectTitles([SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY, GOV_LABEL]);
  expect(await row(GOV_LABEL).innerText()).toContain('External link · www.gov.kz');
  // Enter in the panel must not have submitted the story's form (no navigation, no Content Manager save).
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(decodeURIComponent(new URL(editViewUrl(sampleId)).pathname));

  await saveButton().click();
  await waitForToast('Related stories saved.');
  await page.waitForFunction(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Save list');
    return button?.disabled === true;
  });
  expect(await panelText()).toContain('Readers will see this list once the story is published');
  await panelBody(page).scrollIntoViewIfNeeded();
  await screenshot(panelBody(page), 'related-panel.png');

  // Saved to the draft: readers still get the published list until the story is published again.
  const expected = [SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY, GOV_LABEL];
  expect((await relatedList(token, sampleId)).entries.map((entry) => entry.label ?? entry.story?.title)).toEqual(expected);
  expect((await publicArticle(SAMPLE_SLUG)).related.map((story) => story.title)).toEqual(SAMPLE_ORDER);

  // A list saved to the draft turns the story "Modified", so the Content Manager's own Publish is offered.
  const publish = page.getByRole('button', { name: 'Publish' });
  await pollUntil('Publish is offered', () => publish.isEnabled(), (enabled) => enabled, 15000);
  await publish.click();
  const published = await pollUntil(
    'the list is published',
    () => publicArticle(SAMPLE_SLUG),
    (story) => story.related.length === expected.length
  );
  expect(published.related.map((story) => story.title)).toEqual(expected);
  expect(published.related[1].displayDate).toBe('11 сентября 2025 г. 14:39');
  expect(published.related[5]).toMatchObject({ external: true, url: GOV_URL, title: GOV_LABEL });

  // A reload shows the saved list, not a local copy.
  await openEditView(page, sampleId);
  await expectTitles(expected);
});

test('a refusal only the server can make shows beside its entry, and nothing is half-saved', async () => {
  const doomedId = await createStory(token, { title: DOOMED, publicationDate: new Date().toISOString() }, { publish: true });
  await openEditView(page, sampleId);
  const before = await relatedList(token, sampleId);
  const search = page.getByRole('combobox', { name: 'Add a story' });
  await search.fill('временный');
  await settled();
  await page.getByRole('option', { name: new RegExp(DOOMED) }).click();
  await row(TOKAEV).getByRole('button', { name: /^Move .* down$/ }).click();
  await expectTitles([SCIENTISTS, AIDA, TOKAEV, WOMEN, ALMATY, GOV_LABEL, DOOMED]);

  // Someone deletes that story while the editor is still arranging the list.
  await deleteStory(token, doomedId);
  await saveButton().click();
  await waitForToast('The list was not saved');
  const refusal = row(DOOMED).locator('[data-newsroom-problem]');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('must be an existing story');
  await screenshot(row(DOOMED), 'related-entry-refused.png');

  // The editor's list is kept as it was, and the server still has the old one, at the same revision.
  await expectTitles([SCIENTISTS, AIDA, TOKAEV, WOMEN, ALMATY, GOV_LABEL, DOOMED]);
  expect(await saveButton().isEnabled()).toBe(true);
  const after = await relatedList(token, sampleId);
  expect(after.revision).toBe(before.revision);
  expect(after.entries.map((entry) => entry.target ?? entry.url)).toEqual(before.entries.map((entry) => entry.target ?? entry.url));

  // Removing the refused entry and saving again goes through.
  await row(DOOMED).getByRole('button', { name: /^Remove/ }).click();
  await saveButton().click();
  await waitForToast('Related stories saved.');
  expect((await relatedList(token, sampleId)).entries.map((entry) => entry.label ?? entry.story?.title)).toEqual([SCIENTISTS, AIDA, TOKAEV, WOMEN, ALMATY, GOV_LABEL]);
});

test("a second tab's stale save is refused with the conflict message and a Reload", async () => {
  await openEditView(page, sampleId);
  const other = await context.newPage();
  try {
    await openEditView(other, sampleId);
    // The other tab saves first.
    await row(SCIENTISTS, other).getByRole('button', { name: /^Move .* down$/ }).click();
    await saveButton(other).click();
    await other.getByText('Related stories saved.').first().waitFor();
    const theirs = [AIDA, SCIENTISTS, TOKAEV, WOMEN, ALMATY, GOV_LABEL];
    await expectTitles(theirs, other);

    // This tab still has the older list: its save is refused, its changes are not written.
    await row(GOV_LABEL).getByRole('button', { name: /^Remove/ }).click();
    await saveButton().click();
    const conflict = page.locator('[data-newsroom-conflict]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Someone else saved this list');
    await screenshot(relatedPanel(page), 'related-panel-conflict.png');
    expect((await relatedList(token, sampleId)).entries.map((entry) => entry.label ?? entry.story?.title)).toEqual(theirs);

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expectTitles(theirs);
    expect(await page.locator('[data-newsroom-conflict]').count()).toBe(0);
    expect(await saveButton().isDisabled()).toBe(true);
  } finally {
    await other.close();
  }
});

test('the homepage widget lists stories without related ones, lost links and the most read, each opening its story', async () => {
  // A lost link: a story saved in a list, then deleted.
  const lostId = await createStory(token, { title: LOST, publicationDate: new Date().toISOString() }, { publish: true });
  const owner = await relatedList(token, scientistsId);
  await http('PUT', `/newsroom/articles/${scientistsId}/related?locale=ru`, { token, body: { revision: owner.revision, entries: [{ target: lostId }] } });
  await deleteStory(token, lostId);
  // Views this week: the sample story is read most.
  for (let i = 0; i < 3; i += 1) await http('POST', `/api/newsroom/articles/${SAMPLE_SLUG}/view`);
  // Views are written to the database in batches (views.flushIntervalMs): wait until the week's counts hold them.
  await pollUntil(
    'the sample story among the most read',
    async () => (await http<GetDashboard.Response>('GET', '/newsroom/dashboard?locale=ru', { token })).body.data.mostRead.map((story) => story.title),
    (titles) => titles.includes('Партнерство ради развития')
  );

  await page.goto(`${BASE_URL}/admin`);
  const widget = page.getByRole('region', { name: 'Newsroom', exact: true });
  const body = widget.locator('[data-newsroom-widget]');
  await body.waitFor({ timeout: 30000 });
  const withoutRelated = body.locator('section').filter({ hasText: 'Published this week without related stories' });
  const lost = body.locator('section').filter({ hasText: 'Links lost: story deleted' });
  const mostRead = body.locator('section').filter({ hasText: 'Most read this week' });
  // Its published list is still empty: only the draft list holds the (now lost) link.
  expect(await withoutRelated.innerText()).toContain(SCIENTISTS);
  expect(await lost.innerText()).toContain(LOST);
  expect(await lost.innerText()).toContain(`in “${SCIENTISTS}”`);
  expect(await mostRead.innerText()).toContain('Партнерство ради развития');
  expect(await mostRead.innerText()).toMatch(/[3-9] views/);
  await widget.scrollIntoViewIfNeeded();
  await screenshot(widget, 'homepage-widget.png');

  await mostRead.getByRole('link', { name: /Партнерство ради развития/ }).click();
  await page.waitForURL((url) => decodeURIComponent(url.pathname).endsWith(`/plugin::newsroom.article/${sampleId}`) && decodeURIComponent(url.search).includes('plugins[i18n][locale]=ru'));
  // The edit view loads the document, its permissions and every side panel: as long as opening a story directly may take.
  await entryRows(page).first().waitFor({ timeout: 60000 });
});

test('an editor with read access only sees the list without any way to change it, and no widget', async () => {
  const { body: roles } = await http<{ data: Array<{ id: number; code: string }> }>('GET', '/admin/roles', { token });
  const editor = roles.data.find((role) => role.code === 'strapi-editor');
  if (!editor) throw new Error('no Editor role');
  const { body: current } = await http<{ data: Array<{ action: string; subject: string | null; properties: unknown; conditions: string[] }> }>(
    'GET',
    `/admin/roles/${editor.id}/permissions`,
    { token }
  );
  expect(current.data.some((permission) => permission.action === 'plugin::content-manager.explorer.read' && permission.subject === 'plugin::newsroom.article')).toBe(true);
  const permissions = [
    ...current.data.map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions })),
    { action: 'plugin::newsroom.related.read', subject: null, properties: {}, conditions: [] },
  ];
  await http('PUT', `/admin/roles/${editor.id}/permissions`, { token, body: { permissions } });
  const reader = READER;
  const { body: created } = await http<{ data: { registrationToken: string } }>('POST', '/admin/users', {
    token,
    body: { firstname: reader.firstname, lastname: reader.lastname, email: reader.email, roles: [editor.id] },
    expect: [200, 201],
  });
  await http('POST', '/admin/register', {
    body: { registrationToken: created.data.registrationToken, userInfo: { firstname: reader.firstname, lastname: reader.lastname, password: reader.password } },
    expect: [200, 201],
  });

  const readerContext = await browser.newContext({ viewport: { width: 1440, height: 1200 }, locale: 'en-US' });
  const readerPage = await readerContext.newPage();
  try {
    await readerPage.goto(`${BASE_URL}/admin/auth/login`);
    await readerPage.locator('input[name="email"]').fill(reader.email);
    await readerPage.locator('input[name="password"]').fill(reader.password);
    await readerPage.locator('button[type="submit"]').click();
    await readerPage.waitForURL(/\/admin\/?$/, { timeout: 30000 });
    // Widgets appear once their permissions are checked: wait for one every admin has.
    await readerPage.getByRole('region', { name: 'Profile', exact: true }).waitFor();
    expect(await readerPage.getByRole('region', { name: 'Newsroom', exact: true }).count()).toBe(0);

    await openEditView(readerPage, sampleId);
    await expectTitles([AIDA, SCIENTISTS, TOKAEV, WOMEN, ALMATY, GOV_LABEL], readerPage);
    expect(await relatedPanel(readerPage).innerText()).toContain('You can see this list but not change it.');
    const panel = relatedPanel(readerPage);
    expect(await panel.getByRole('button', { name: /^Drag to reorder|^Remove|^Move / }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Save list' }).count()).toBe(0);
    expect(await panel.getByRole('combobox', { name: 'Add a story' }).count()).toBe(0);
    await screenshot(panel, 'related-panel-read-only.png');
  } finally {
    await readerContext.close();
  }
});

// Related-story suggestions: stories on one topic (tag ОИС, security and terrorism), published a few days apart.
const DAY_MS = 24 * 60 * 60 * 1000;
// The main story carries the sample page's long body: dozens of words no other story has, which must not
// crowd its shared tag, byline and topic words out of the server's candidate search.
const TOPIC_MAIN = 'ОИС и Казахстан: борьба с терроризмом';
const TOPIC_MAIN_LEAD = 'Безопасность региона обсудили в Астане.';
const TOPIC = {
  t1: { title: 'Страны ОИС приняли план по борьбе с терроризмом', lead: 'План предусматривает совместные меры по противодействию терроризму и укреплению безопасности.', tags: ['ОИС'], byline: true, daysAgo: 3 },
  t2: { title: 'В Астане прошла встреча экспертов ОИС по безопасности', lead: 'Эксперты обсудили угрозы терроризма и экстремизма для безопасности региона.', tags: ['ОИС'], byline: false, daysAgo: 5 },
  t3: { title: 'ОИС: терроризм остаётся главной угрозой безопасности', lead: 'Генеральный секретарь ОИС призвал усилить борьбу с терроризмом и экстремизмом.', tags: ['ОИС'], byline: false, daysAgo: 8 },
  t4: { title: 'МИД РК и ОИС подписали меморандум о безопасности', lead: 'Меморандум касается безопасности и противодействия терроризму в странах ОИС.', tags: ['ОИС', 'МИД РК'], byline: false, daysAgo: 12 },
} as const;
type TopicKey = keyof typeof TOPIC;
const TOPIC_DRAFT = 'ОИС готовит конференцию по борьбе с терроризмом';

const topicIds = {} as Record<TopicKey, string>;
const topicDates = {} as Record<TopicKey, string>;
let mainId: string;
let sampleTitle: string;

const paragraphs = (texts: string[]) => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
const daysAgo = (days: number) => new Date(Math.floor(Date.now() / 60000) * 60000 - days * DAY_MS).toISOString();
const chipsOf = (documentId: string, target: Page = page) => suggestionItem(target, documentId).locator('[data-newsroom-reason]').allInnerTexts();

test('suggestions: the panel of a published story shows stories on its topic with their reasons; one click adds one, the save keeps it', async () => {
  const sample = await publicArticle(SAMPLE_SLUG);
  sampleTitle = sample.title;
  for (const key of Object.keys(TOPIC) as TopicKey[]) {
    const story = TOPIC[key];
    topicDates[key] = daysAgo(story.daysAgo);
    topicIds[key] = await createStory(
      token,
      {
        title: story.title,
        lead: story.lead,
        body: paragraphs([`${story.title}. ${story.lead}`]),
        tags: story.tags,
        publicationDate: topicDates[key],
        ...(story.byline ? { correspondents: { connect: [{ documentId: correspondent.documentId }] } } : {}),
      },
      { publish: true }
    );
  }
  // Like the sample: lead, byline, tags and an edited related list, then published.
  const mainDate = daysAgo(1);
  mainId = await createStory(token, {
    title: TOPIC_MAIN,
    lead: TOPIC_MAIN_LEAD,
    body: sample.body,
    tags: ['ОИС', 'МИД РК'],
    publicationDate: mainDate,
    correspondents: { connect: [{ documentId: correspondent.documentId }] },
  });
  const initial = await relatedList(token, mainId);
  await http('PUT', `/newsroom/articles/${mainId}/related?locale=ru`, { token, body: { revision: initial.revision, entries: [{ target: sampleId }] } });
  await publishStory(token, mainId);

  // Computed in the background after the publish: wait until the stored list holds the whole topic.
  const ids = Object.values(topicIds);
  const computed = await pollUntil(
    'the stored suggestions of the new story',
    () => suggestionsOf(token, mainId),
    (list) => !list.pending && ids.every((id) => list.suggestions.some((suggestion) => suggestion.documentId === id))
  ).catch(async (error: Error) => {
    const lists = await Promise.all([mainId, ...ids].map(async (id) => ({ id, list: await suggestionsOf(token, id) })));
    // Says which story misses which, with the scores: more than the last value alone.
    const brief = lists.map(({ id, list }) => `${id} pending=${list.pending}: ${list.suggestions.map((s) => `${s.documentId} ${s.score}`).join(' | ')}`);
    throw new Error(`${error.message.slice(0, 200)}\ntopic ${JSON.stringify(topicIds)}\n${brief.join('\n')}`);
  });
  expect(computed.source).toBe('stored');

  await openEditView(page, mainId);
  await expectTitles([sampleTitle]);
  const section = suggestionsSection(page);
  await suggestionItem(page, topicIds.t1).waitFor();
  expect(await section.getByRole('heading', { name: 'Suggestions' }).count()).toBe(1);
  const shown = await section.locator('[data-newsroom-suggestion]').count();
  expect(shown).toBeGreaterThanOrEqual(4);
  expect(shown).toBeLessThanOrEqual(5);
  for (const id of ids) await suggestionItem(page, id).waitFor();
  // A story already in the list is never offered.
  expect(await suggestionItem(page, sampleId).count()).toBe(0);
  expect(await section.locator('[data-newsroom-suggestions-live], [data-newsroom-suggestions-pending]').count()).toBe(0);

  // Date (the list's own formatter), title and the reasons as chips.
  const first = await suggestionItem(page, topicIds.t1).innerText();
  expect(first).toContain(TOPIC.t1.title);
  expect(first).toContain(formatDisplayDate(topicDates.t1, 'ru', 'Asia/Almaty') ?? 'no date');
  expect(await chipsOf(topicIds.t1)).toEqual(expect.arrayContaining(['tag: ОИС', 'same correspondent', '2 days apart', expect.stringMatching(/^similar text: \S+/)]));
  expect(await chipsOf(topicIds.t4)).toEqual(expect.arrayContaining(['tag: ОИС', 'tag: МИД РК', '11 days apart']));
  expect(await chipsOf(topicIds.t2)).not.toContain('same correspondent');
  await section.scrollIntoViewIfNeeded();
  await screenshot(panelBody(page), 'related-panel-suggestions.png');

  // One click adds it to the unsaved list, like a search hit; it leaves the suggestions.
  const add = (key: TopicKey) => suggestionItem(page, topicIds[key]).getByRole('button', { name: `Add “${TOPIC[key].title}” to the list` });
  await add('t1').click();
  await expectTitles([sampleTitle, TOPIC.t1.title]);
  expect(await row(TOPIC.t1.title).innerText()).toContain(formatDisplayDate(topicDates.t1, 'ru', 'Asia/Almaty') ?? 'no date');
  await suggestionItem(page, topicIds.t1).waitFor({ state: 'detached' });
  expect(await saveButton().isEnabled()).toBe(true);
  expect(await panelText()).toContain('Unsaved changes');

  // Removed from the unsaved list: offered again (the current list counts, not the saved one).
  await row(TOPIC.t1.title).getByRole('button', { name: /^Remove/ }).click();
  await expectTitles([sampleTitle]);
  await suggestionItem(page, topicIds.t1).waitFor();
  await add('t1').click();
  await expectTitles([sampleTitle, TOPIC.t1.title]);

  await saveButton().click();
  await waitForToast('Related stories saved.');
  expect((await relatedList(token, mainId)).entries.map((entry) => entry.target)).toEqual([sampleId, topicIds.t1]);
  const after = await suggestionsOf(token, mainId);
  expect(after.suggestions.find((suggestion) => suggestion.documentId === topicIds.t1)?.inList).toBe(true);

  // After a reload: the saved list, and the added story still not offered.
  await openEditView(page, mainId);
  await expectTitles([sampleTitle, TOPIC.t1.title]);
  await suggestionItem(page, topicIds.t2).waitFor();
  expect(await suggestionItem(page, topicIds.t1).count()).toBe(0);
});

test('suggestions: a story never published gets suggestions computed live, marked as such', async () => {
  const draftId = await createStory(token, {
    title: TOPIC_DRAFT,
    lead: 'Конференция ОИС будет посвящена безопасности и противодействию терроризму.',
    tags: ['ОИС'],
  });
  const live = await suggestionsOf(token, draftId);
  expect(live.source).toBe('live');
  expect(live.suggestions.length).toBeGreaterThan(0);

  await openStoryPanel(page, draftId);
  const section = suggestionsSection(page);
  await section.locator('[data-newsroom-suggestions-live]').waitFor();
  expect(await section.innerText()).toContain('Computed live (story not published yet).');
  const offered = live.suggestions.find((suggestion) => Object.values(topicIds).includes(suggestion.documentId));
  if (!offered) throw new Error(`no topic story among the live suggestions: ${JSON.stringify(live.suggestions.map((s) => s.title))}`);
  await suggestionItem(page, offered.documentId).waitFor();
  expect(await chipsOf(offered.documentId)).toContain('tag: ОИС');
  expect(await suggestionItem(page, offered.documentId).getByRole('button', { name: /^Add “/ }).count()).toBe(1);
  await deleteStory(token, draftId);
});

test('suggestions: the backfill widget accepts a proposal in one click, and a list changed meanwhile is refused with a clear message', async () => {
  const proposals = await pollUntil(
    'backfill proposals for the topic stories',
    () => backfillStories(token),
    (list) => [topicIds.t2, topicIds.t3].every((id) => list.some((story) => story.documentId === id && story.proposed.length > 0))
  );
  const proposalOf = (id: string) => proposals.find((story) => story.documentId === id)!;
  const t2 = proposalOf(topicIds.t2);
  const t3 = proposalOf(topicIds.t3);
  // Stories with a list are not in the backfill.
  expect(proposals.some((story) => story.documentId === mainId)).toBe(false);

  await page.goto(`${BASE_URL}/admin`);
  const widget = page.getByRole('region', { name: 'Related stories to fill in', exact: true });
  const body = widget.locator('[data-newsroom-backfill]');
  await body.waitFor({ timeout: 30000 });
  const item = (id: string) => body.locator(`[data-newsroom-backfill-story="${id}"]`);
  await item(topicIds.t2).waitFor();
  const text = await item(topicIds.t2).innerText();
  expect(text).toContain(TOPIC.t2.title);
  for (const story of t2.proposed) expect(text).toContain(story.title);
  // Each story opens its edit view.
  const href = await item(topicIds.t2).getByRole('link', { name: new RegExp(TOPIC.t2.title) }).getAttribute('href');
  expect(decodeURIComponent(href ?? '')).toContain(`/content-manager/collection-types/plugin::newsroom.article/${topicIds.t2}?plugins[i18n][locale]=ru`);
  await widget.scrollIntoViewIfNeeded();
  await screenshot(widget, 'backfill-widget.png');

  // One click: the proposal becomes the draft list, the story leaves the widget.
  await item(topicIds.t2).getByRole('button', { name: `Accept the proposal for “${TOPIC.t2.title}”` }).click();
  await waitForToast(`saved to the draft of “${TOPIC.t2.title}”`);
  await item(topicIds.t2).waitFor({ state: 'detached' });
  const accepted = await relatedList(token, topicIds.t2);
  expect(accepted.entries.map((entry) => entry.target)).toEqual(t2.proposed.map((story) => story.documentId));
  expect(accepted.revision).toBeGreaterThan(t2.revision);

  // Someone else saves the list of another story while the widget shows its old revision: Accept is refused.
  await http('PUT', `/newsroom/articles/${topicIds.t3}/related?locale=ru`, { token, body: { revision: t3.revision, entries: [{ target: topicIds.t4 }] } });
  await item(topicIds.t3).getByRole('button', { name: `Accept the proposal for “${TOPIC.t3.title}”` }).click();
  await waitForToast(`“${TOPIC.t3.title}”: someone else changed its related list meanwhile. Nothing was saved`);
  // Their list is kept, and the reloaded widget no longer offers the story.
  expect((await relatedList(token, topicIds.t3)).entries.map((entry) => entry.target)).toEqual([topicIds.t4]);
  await item(topicIds.t3).waitFor({ state: 'detached' });
});

test('suggestions: "Not related" dismisses a suggestion in one click; it stays away after a reload, and Undo brings it back', async () => {
  await openEditView(page, mainId);
  const section = suggestionsSection(page);
  await suggestionItem(page, topicIds.t3).waitFor();
  await suggestionItem(page, topicIds.t3).getByRole('button', { name: `Not related: stop suggesting “${TOPIC.t3.title}” for this story` }).click();
  await suggestionItem(page, topicIds.t3).waitFor({ state: 'detached' });
  const toggle = section.getByRole('button', { name: 'Dismissed (1)' });
  await toggle.waitFor();
  const dismissed = await suggestionsOf(token, mainId);
  expect(dismissed.suggestions.map((suggestion) => suggestion.documentId)).not.toContain(topicIds.t3);
  expect(dismissed.dismissed.map((item) => item.documentId)).toEqual([topicIds.t3]);

  // Kept by the server: a reload does not bring it back.
  await openEditView(page, mainId);
  await suggestionItem(page, topicIds.t2).waitFor();
  expect(await suggestionItem(page, topicIds.t3).count()).toBe(0);
  await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const entry = section.locator(`[data-newsroom-dismissed-story="${topicIds.t3}"]`);
  expect(await entry.innerText()).toContain(TOPIC.t3.title);

  // The reason is optional and kept: written after the one-click dismissal.
  await entry.getByRole('button', { name: `Why “${TOPIC.t3.title}” is not related` }).click();
  await entry.getByLabel('Why is it not related? (kept for the desk)').fill('Другая встреча, не этот саммит');
  await entry.getByRole('button', { name: 'Save reason' }).click();
  await entry.locator('[data-newsroom-dismissed-reason]').filter({ hasText: 'Другая встреча, не этот саммит' }).waitFor();
  expect((await suggestionsOf(token, mainId)).dismissed).toEqual([expect.objectContaining({ documentId: topicIds.t3, reason: 'Другая встреча, не этот саммит' })]);
  await screenshot(panelBody(page), 'related-panel-dismissed.png');

  // One click on Undo: suggested again, and the disclosure is gone with the last dismissal.
  await entry.getByRole('button', { name: `Suggest “${TOPIC.t3.title}” again` }).click();
  await suggestionItem(page, topicIds.t3).waitFor();
  await section.locator('[data-newsroom-dismissed]').waitFor({ state: 'detached' });
  expect((await suggestionsOf(token, mainId)).dismissed).toEqual([]);
});

test('suggestions: an editor with read access only sees suggestions and their reasons, with no add button and no backfill widget', async () => {
  const readerContext = await browser.newContext({ viewport: { width: 1440, height: 1200 }, locale: 'en-US', timezoneId: 'Asia/Almaty' });
  const readerPage = await readerContext.newPage();
  try {
    await readerPage.goto(`${BASE_URL}/admin/auth/login`);
    await readerPage.locator('input[name="email"]').fill(READER.email);
    await readerPage.locator('input[name="password"]').fill(READER.password);
    await readerPage.locator('button[type="submit"]').click();
    await readerPage.waitForURL(/\/admin\/?$/, { timeout: 30000 });
    await readerPage.getByRole('region', { name: 'Profile', exact: true }).waitFor();
    expect(await readerPage.getByRole('region', { name: 'Related stories to fill in', exact: true }).count()).toBe(0);

    await openEditView(readerPage, mainId);
    await suggestionItem(readerPage, topicIds.t2).waitFor();
    expect(await chipsOf(topicIds.t2, readerPage)).toContain('tag: ОИС');
    const section = suggestionsSection(readerPage);
    expect(await section.locator('[data-newsroom-suggestion]').count()).toBeGreaterThan(0);
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await relatedPanel(readerPage).innerText()).toContain('You can see this list but not change it.');
  } finally {
    await readerContext.close();
  }
});
