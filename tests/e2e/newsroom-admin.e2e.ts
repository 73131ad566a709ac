import type { Browser, BrowserContext, Page } from 'playwright-core';

import {
  BASE_URL,
  adminToken,
  createStory,
  deleteStory,
  editViewUrl,
  entryRows,
  entryTitles,
  http,
  launchBrowser,
  openEditView,
  publicArticle,
  publishStory,
  relatedList,
  relatedPanel,
  screenshot,
  signIn,
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
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 1200 }, locale: 'en-US', timezoneId: 'Asia/Almaty' });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  // The last screen of every test, kept for when it failed.
  const name = expect.getState().currentTestName?.replace(/[^\w-]+/g, '-').slice(0, 80) ?? 'test';
  await screenshot(page, `last-${name}.png`).catch(() => undefined);
});

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
  await relatedPanel(page).scrollIntoViewIfNeeded();
  await screenshot(relatedPanel(page), 'related-panel.png');

  // Saved to the draft: readers still get the published list until the story is published again.
  const expected = [SCIENTISTS, TOKAEV, AIDA, WOMEN, ALMATY, GOV_LABEL];
  expect((await relatedList(token, sampleId)).entries.map((entry) => entry.label ?? entry.story?.title)).toEqual(expected);
  expect((await publicArticle(SAMPLE_SLUG)).related.map((story) => story.title)).toEqual(SAMPLE_ORDER);

  // The Content Manager keeps Publish disabled when only the list changed (see the report): publish through its admin route.
  await publishStory(token, sampleId);
  const published = await publicArticle(SAMPLE_SLUG);
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
  await entryRows(page).first().waitFor();
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
  const reader = { firstname: 'Читатель', lastname: 'Списка', email: 'e2e-reader@newsroom.test', password: 'Newsroom-reader-2025' };
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
