import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { GetDashboard } from '../../shared/contracts/admin';
import {
  BASE_URL, SAMPLE_SLUG, adminToken, createStory, deleteStory, editViewUrl, entryRow, entryRows, expectTitles, firstCorrespondent, http, signInReadOnlyEditor,
  keepLastScreens, openEditorPage, openEditView, panelBody, panelText, pollUntil, publicArticle, relatedList, relatedPanel, saveButton, screenshot, settled, signIn, waitForToast,
} from './support';

// The sample story's related list, as the playground loads it on first start.
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

let browser: Browser;
let context: BrowserContext;
let page: Page;
let token: string;
let sampleId: string;
let scientistsId: string;
let correspondent: { documentId: string; name: string };

const announcer = (target: Page = page) => target.locator('[data-newsroom-announcer]');

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
  correspondent = await firstCorrespondent(token);
  expect(correspondent.name).toBe('Калмыков Ануар');
});

test('the panel shows the sample list as readers will see it', async () => {
  await openEditView(page, sampleId);
  await expectTitles(page, SAMPLE_ORDER);
  const first = await entryRow(page, AIDA).innerText();
  expect(first).toContain('12 сентября 2025 г. 8:57');
  expect(first).toContain('Published');
  expect(await entryRow(page, ALMATY).innerText()).toContain('20 августа 2025 г. 0:00');
  await expect(saveButton(page).isDisabled()).resolves.toBe(true);
  expect(await panelText(page)).toContain('5 of 10');
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
  await settled(page);
  const hits = page.getByRole('option');
  expect(await hits.count()).toBe(1);
  const hit = await hits.first().innerText();
  expect(hit).toContain(SCIENTISTS);
  expect(hit).toContain('Калмыков Ануар');
  expect(hit).toMatch(/\d{1,2} \S+ \d{4} г\. \d{1,2}:\d{2}/);

  // Typed key by key this time (one request after the pause); ё and е are the same letter for the search.
  await search.fill('');
  await search.pressSequentially('учены', { delay: 40 });
  await settled(page);
  expect(await page.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining(SCIENTISTS)]);
  await search.press('Enter');
  await expectTitles(page, [...SAMPLE_ORDER, SCIENTISTS]);
  expect(await search.inputValue()).toBe('');
  expect(await saveButton(page).isEnabled()).toBe(true);

  // Drag the new story to the top (native HTML5 drag and drop), whole list in view first: a drag that scrolls loses its target, and the suggestions shown move the page.
  await page.getByRole('list', { name: 'Related stories' }).evaluate((list) => list.scrollIntoView({ block: 'start' }));
  await entryRow(page, SCIENTISTS).getByRole('button', { name: /^Drag to reorder/ }).dragTo(entryRow(page, AIDA), { targetPosition: { x: 40, y: 4 } });
  await expectTitles(page, [SCIENTISTS, AIDA, TOKAEV, WOMEN, BEKTENOV, ALMATY]);

  // Keyboard: Space lifts, ArrowDown moves, Space drops; each step is announced.
  const handle = entryRow(page, AIDA).getByRole('button', { name: /^Drag to reorder/ });
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(announcer().innerText()).resolves.toContain('lifted, position 2 of 6');
  await page.keyboard.press('ArrowDown');
  await expect(announcer().innerText()).resolves.toContain('moved to position 3 of 6');
  await page.keyboard.press('Space');
  await expect(announcer().innerText()).resolves.toContain('dropped at position 3 of 6');
  await expectTitles(page, [SCIENTISTS, TOKAEV, AIDA, WOMEN, BEKTENOV, ALMATY]);

  // Escape puts a lifted entry back where it was.
  await entryRow(page, ALMATY).getByRole('button', { name: /^Drag to reorder/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Escape');
  await expect(announcer().innerText()).resolves.toContain('back at position 6 of 6');
  await expectTitles(page, [SCIENTISTS, TOKAEV, AIDA, WOMEN, BEKTENOV, ALMATY]);

  await entryRow(page, BEKTENOV).getByRole('button', { name: /^Remove/ }).click();
  await expectTitles(page, [SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY]);

  // An external link: the client refuses what the server would refuse, before anything is sent.
  await page.getByRole('button', { name: 'Add an external link' }).click();
  const address = page.locator('input[name="newsroom-link-url"]');
  await address.fill('javascript:alert(1)');
  await page.locator('input[name="newsroom-link-label"]').fill(GOV_LABEL);
  await page.getByRole('button', { name: 'Add link' }).click();
  await page.getByText('Must be an absolute http(s) address').waitFor();
  await expectTitles(page, [SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY]);
  await address.fill(GOV_URL);
  await address.press('Enter');
  await expectTitles(page, [SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY, GOV_LABEL]);
  expect(await entryRow(page, GOV_LABEL).innerText()).toContain('External link · www.gov.kz');
  // Enter in the panel must not have submitted the story's form (no navigation, no Content Manager save).
  expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(decodeURIComponent(new URL(editViewUrl(sampleId)).pathname));

  await saveButton(page).click();
  await waitForToast(page, 'Related stories saved.');
  await page.waitForFunction(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Save list');
    return button?.disabled === true;
  });
  expect(await panelText(page)).toContain('Readers will see this list once the story is published');
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
  await expectTitles(page, expected);
});

test('a refusal only the server can make shows beside its entry, and nothing is half-saved', async () => {
  const doomedId = await createStory(token, { title: DOOMED, publicationDate: new Date().toISOString() }, { publish: true });
  await openEditView(page, sampleId);
  const before = await relatedList(token, sampleId);
  const search = page.getByRole('combobox', { name: 'Add a story' });
  await search.fill('временный');
  await settled(page);
  await page.getByRole('option', { name: new RegExp(DOOMED) }).click();
  await entryRow(page, TOKAEV).getByRole('button', { name: /^Move .* down$/ }).click();
  await expectTitles(page, [SCIENTISTS, AIDA, TOKAEV, WOMEN, ALMATY, GOV_LABEL, DOOMED]);

  // Someone deletes that story while the editor is still arranging the list.
  await deleteStory(token, doomedId);
  await saveButton(page).click();
  await waitForToast(page, 'The list was not saved');
  const refusal = entryRow(page, DOOMED).locator('[data-newsroom-problem]');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('must be an existing story');
  await screenshot(entryRow(page, DOOMED), 'related-entry-refused.png');

  // The editor's list is kept as it was, and the server still has the old one, at the same revision.
  await expectTitles(page, [SCIENTISTS, AIDA, TOKAEV, WOMEN, ALMATY, GOV_LABEL, DOOMED]);
  expect(await saveButton(page).isEnabled()).toBe(true);
  const after = await relatedList(token, sampleId);
  expect(after.revision).toBe(before.revision);
  expect(after.entries.map((entry) => entry.target ?? entry.url)).toEqual(before.entries.map((entry) => entry.target ?? entry.url));

  // Removing the refused entry and saving again goes through.
  await entryRow(page, DOOMED).getByRole('button', { name: /^Remove/ }).click();
  await saveButton(page).click();
  await waitForToast(page, 'Related stories saved.');
  expect((await relatedList(token, sampleId)).entries.map((entry) => entry.label ?? entry.story?.title)).toEqual([SCIENTISTS, AIDA, TOKAEV, WOMEN, ALMATY, GOV_LABEL]);
});

test("a second tab's stale save is refused with the conflict message and a Reload", async () => {
  await openEditView(page, sampleId);
  const other = await context.newPage();
  try {
    await openEditView(other, sampleId);
    // The other tab saves first.
    await entryRow(other, SCIENTISTS).getByRole('button', { name: /^Move .* down$/ }).click();
    await saveButton(other).click();
    await other.getByText('Related stories saved.').first().waitFor();
    const theirs = [AIDA, SCIENTISTS, TOKAEV, WOMEN, ALMATY, GOV_LABEL];
    await expectTitles(other, theirs);

    // This tab still has the older list: its save is refused, its changes are not written.
    await entryRow(page, GOV_LABEL).getByRole('button', { name: /^Remove/ }).click();
    await saveButton(page).click();
    const conflict = page.locator('[data-newsroom-conflict]');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Someone else saved this list');
    await screenshot(relatedPanel(page), 'related-panel-conflict.png');
    expect((await relatedList(token, sampleId)).entries.map((entry) => entry.label ?? entry.story?.title)).toEqual(theirs);

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await expectTitles(page, theirs);
    expect(await page.locator('[data-newsroom-conflict]').count()).toBe(0);
    expect(await saveButton(page).isDisabled()).toBe(true);
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
  const reader = await signInReadOnlyEditor(browser, token);
  const readerPage = reader.page;
  try {
    expect(await readerPage.getByRole('region', { name: 'Newsroom', exact: true }).count()).toBe(0);

    await openEditView(readerPage, sampleId);
    await expectTitles(readerPage, [AIDA, SCIENTISTS, TOKAEV, WOMEN, ALMATY, GOV_LABEL]);
    expect(await relatedPanel(readerPage).innerText()).toContain('You can see this list but not change it.');
    const panel = relatedPanel(readerPage);
    expect(await panel.getByRole('button', { name: /^Drag to reorder|^Remove|^Move / }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Save list' }).count()).toBe(0);
    expect(await panel.getByRole('combobox', { name: 'Add a story' }).count()).toBe(0);
    await screenshot(panel, 'related-panel-read-only.png');
  } finally {
    await reader.close();
  }
});
