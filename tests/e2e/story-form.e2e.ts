import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { ARTICLE_UID, ARTIFACTS, BASE_URL, adminToken, http, launchBrowser, pollUntil, publicArticle, screenshot, signIn } from './support';

// The sample's correspondent (loaded by the playground) and one the test adds.
const REPORTER = { name: 'Калмыков Ануар', role: 'корреспондент' };
const PHOTOGRAPHER = { name: 'Сейтказы Дана', role: 'фотокорреспондент' };
const TITLE = 'Форум в Астане: подписи без JSON';

let browser: Browser;
let page: Page;
let token: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', timezoneId: 'Asia/Almaty' });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
  await signIn(page);
  token = await adminToken();
  await http('POST', '/content-manager/collection-types/plugin::newsroom.correspondent', { token, body: PHOTOGRAPHER, expect: [201] });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  const name = expect.getState().currentTestName?.replace(/[^\w-]+/g, '-').slice(0, 80) ?? 'test';
  await screenshot(page, `last-${name}.png`).catch(() => undefined);
});

/** Picks a correspondent in the Content Manager's relation field by typing part of the name. */
const addCorrespondent = async (name: string) => {
  const field = page.getByRole('combobox', { name: 'Correspondents' });
  await field.click();
  await field.fill(name.split(' ')[0]);
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await page.locator('[data-newsroom-byline-roles]').getByText(name).waitFor();
};

test('an editor writes a story with two correspondents and a role for one in the form alone; readers get the role', async () => {
  await page.goto(`${BASE_URL}/admin/content-manager/collection-types/${ARTICLE_UID}/create?plugins[i18n][locale]=ru`);
  const title = page.locator('input[name="title"]');
  await title.waitFor({ timeout: 60000 });

  // Human labels and the rules of the fields, as the plugin configured the view (a required field's label ends with an asterisk).
  await page.getByText('The date readers see, in Asia/Almaty: set on first publish when empty, kept on republish.').waitFor();
  const lines = (await page.locator('main').innerText()).split('\n').map((line) => line.trim());
  expect(lines).toEqual(expect.arrayContaining(['Title*', 'Slug', 'Lead', 'Body', 'Cover image', 'Source', 'Tags', 'Correspondents', 'Roles in this story', 'Publication date', 'Views']));
  for (const attribute of ['bylineRoles', 'publicationDate', 'correspondents']) expect(lines).not.toContain(attribute);
  expect(lines).toContain('Counted by the newsroom plugin; not editable.');

  await title.fill(TITLE);
  await addCorrespondent(REPORTER.name);
  await addCorrespondent(PHOTOGRAPHER.name);

  // One role input per correspondent, in byline order, the correspondent's own role as the placeholder.
  const roles = page.locator('[data-newsroom-byline-roles]');
  expect(await roles.locator('li').allInnerTexts()).toEqual([`1. ${REPORTER.name}`, `2. ${PHOTOGRAPHER.name}`]);
  const reporterRole = page.getByRole('textbox', { name: `Role of ${REPORTER.name} in this story` });
  const photographerRole = page.getByRole('textbox', { name: `Role of ${PHOTOGRAPHER.name} in this story` });
  // Each correspondent's own role arrives with them (one request per added correspondent).
  await pollUntil('placeholders', () => Promise.all([reporterRole, photographerRole].map((input) => input.getAttribute('placeholder'))), (value) => value.join() === [REPORTER.role, PHOTOGRAPHER.role].join());
  await photographerRole.fill('фото');
  // The README's picture: the bylines and their roles, from the relation field to the roles' hint.
  await roles.scrollIntoViewIfNeeded();
  const from = await page.getByRole('combobox', { name: 'Correspondents' }).boundingBox();
  const to = await roles.boundingBox();
  if (!from || !to) throw new Error('the bylines are not on screen');
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'story-form.png'), clip: { x: to.x - 24, y: from.y - 48, width: to.width + 48, height: to.y + to.height - from.y + 72 }, animations: 'disabled' });

  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/\/plugin::newsroom\.article\/(?!create)[a-z0-9]+/, { timeout: 30000 });
  await page.getByRole('button', { name: 'Publish' }).click();
  const documentId = /plugin::newsroom\.article\/([a-z0-9]+)/.exec(page.url())?.[1] ?? '';
  const { body } = await pollUntil(
    'the story is published',
    () => http<{ data: { slug: string; status: string } }>('GET', `/content-manager/collection-types/${ARTICLE_UID}/${documentId}?locale=ru`, { token }),
    (answer) => answer.body.data.status === 'published'
  );

  const story = await publicArticle(body.data.slug);
  expect(story.title).toBe(TITLE);
  expect(story.correspondents.map((person) => [person.name, person.role])).toEqual([
    [REPORTER.name, REPORTER.role],
    [PHOTOGRAPHER.name, 'фото'],
  ]);

  // After the save the form shows the stored role beside its correspondent.
  await page.reload();
  await pollUntil('the stored role', () => photographerRole.inputValue(), (value) => value === 'фото');
});

test('the Content Manager’s menu has articles and correspondents, and no related links', async () => {
  await page.goto(`${BASE_URL}/admin/content-manager`);
  const menu = page.getByRole('navigation').filter({ hasText: 'Collection Types' }).first();
  await menu.getByRole('link', { name: 'Article' }).waitFor();
  await menu.getByRole('link', { name: 'Correspondent' }).waitFor();
  expect(await page.getByText(/Related links?/).count()).toBe(0);
});
