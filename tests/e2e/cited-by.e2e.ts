import type { Browser, Page } from 'playwright-core';

import { editViewPath } from '../../shared/manifest';
import { adminToken, createStory, http, launchBrowser, openStoryPanel, pollUntil, publishStory, relatedList, screenshot, signIn } from './support';

// Stories of their own, each with a non-empty list, so the other scenarios' "without related stories" views never see them.
const TARGET = 'Геологи нашли месторождение вольфрама под Балхашем';
const CITING = ['Вольфрамовый проект получил инвесторов', 'Балхашский регион ждёт новых рабочих мест'];
const DRAFT = 'Черновик о вольфраме, ещё не опубликован';
const ELSEWHERE = { url: 'https://www.gov.kz/memleket/entities/geology', label: 'Комитет геологии' };

let browser: Browser;
let page: Page;
let token: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 1200 }, locale: 'en-US', timezoneId: 'Asia/Almaty' });
  context.setDefaultTimeout(15000);
  page = await context.newPage();
  await signIn(page);
  token = await adminToken();
});

afterAll(async () => {
  await browser?.close();
});

/** Saves a story's draft list whole (the panel's own route), then publishes it when asked. */
const saveList = async (documentId: string, entries: unknown[], publish: boolean) => {
  const { revision } = await relatedList(token, documentId);
  await http('PUT', `/newsroom/articles/${documentId}/related?locale=ru`, { token, body: { revision, entries } });
  if (publish) await publishStory(token, documentId);
};

/** Whether readers get the story (the public route takes a documentId in place of the slug). */
const isPublished = async (documentId: string) => (await http('GET', `/api/newsroom/articles/${documentId}`, { expect: [200, 404] })).status === 200;

test('the panel lists the stories that cite this one; Delete and Unpublish name the published ones, and confirming unpublishes', async () => {
  const targetId = await createStory(token, { title: TARGET, publicationDate: '2022-03-23T18:08:00.000Z' });
  await saveList(targetId, [ELSEWHERE], true);
  const citingIds: string[] = [];
  for (const title of CITING) {
    const id = await createStory(token, { title });
    await saveList(id, [{ target: targetId }, ELSEWHERE], true);
    citingIds.push(id);
  }
  const draftId = await createStory(token, { title: DRAFT });
  await saveList(draftId, [{ target: targetId }], false);

  await openStoryPanel(page, targetId);
  const citedBy = page.locator('[data-newsroom-cited-by]');
  const rows = citedBy.getByRole('list', { name: 'Cited by' }).locator(':scope > li');
  await rows.nth(2).waitFor();
  const texts = await rows.allInnerTexts();
  // Published citers first (newest first); the draft says its readers will see the story only once it is published.
  expect(texts.map((text) => [...CITING, DRAFT].find((title) => text.includes(title)))).toEqual([CITING[1], CITING[0], DRAFT]);
  expect(texts[2]).toContain('In its draft list only');
  expect(texts[0]).toContain('Readers see this story in its related list.');
  expect(await rows.filter({ hasText: CITING[0] }).locator('a').getAttribute('href')).toBe(`/admin${editViewPath(citingIds[0], 'ru')}`);
  // The story's own date as its readers will see it, naming the zone.
  expect(await page.locator('[data-newsroom-reader-date-value]').innerText()).toBe('24 марта 2022 г. 0:08, Asia/Almaty');
  await screenshot(page.locator('aside').filter({ has: citedBy }), 'cited-by-panel.png');

  // Delete (the header's menu) keeps its own confirmation, the citers named above it; cancelled here.
  await page.getByRole('button', { name: 'More actions', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Delete entry (all locales)', exact: true }).click();
  const deleting = page.getByRole('alertdialog');
  const removal = await deleting.locator('[data-newsroom-cited-by-warning="delete"]').innerText();
  expect(removal).toContain('Listed as related in 2 published stories:');
  expect(removal).toContain('It will be removed from them.');
  expect(await deleting.innerText()).toContain('Are you sure you want to delete this document?');
  await deleting.getByRole('button', { name: 'Cancel' }).click();
  await deleting.waitFor({ state: 'detached' });

  // The built-in Unpublish of a story without draft changes would run at once: now it asks first, naming the citers.
  await page.getByRole('button', { name: 'More document actions' }).click();
  await page.getByRole('menuitem', { name: 'Unpublish', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  const warning = dialog.locator('[data-newsroom-cited-by-warning="unpublish"]');
  await warning.waitFor();
  const said = await warning.innerText();
  expect(said).toContain('Listed as related in 2 published stories:');
  for (const title of CITING) expect(said).toContain(`“${title}”`);
  expect(said).not.toContain(DRAFT);
  expect(said).toContain('It will be hidden from them.');
  await screenshot(dialog, 'unpublish-warning.png');
  expect(await isPublished(targetId)).toBe(true);

  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await pollUntil('the story is unpublished', () => isPublished(targetId), (published) => !published);
});
