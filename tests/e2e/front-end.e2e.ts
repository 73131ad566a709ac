import type { Browser, Page } from 'playwright-core';

import type { GetStoryClicks } from '../../shared/contracts/reader-stats';
import type { RelatedList } from '../../shared/contracts/related-stories';
import { BROWSER } from '../helpers/user-agents';
import { adminToken, editViewUrl, entryRows, entryTitles, http, keepLastScreens, openEditView, openEditorPage, pollUntil, publicArticle, publishStory, relatedList, screenshot, signIn } from './support';

/**
 * The example front end (examples/front-end, started beside the playground by scripts/e2e.js) keeps its
 * pages until Strapi's newsroom.pages.changed webhook names them: an editor's reorder and an unpublish
 * reach the rendered page with no restart and no TTL. Leaves the sample story as it found it.
 */
const FRONT_END = process.env.E2E_FRONT_END_URL ?? '';
const SECRET = process.env.E2E_WEBHOOK_SECRET ?? '';
const SAMPLE_SLUG = 'partnerstvo-radi-razvitiya';
const SAMPLE_PATH = `/news/${SAMPLE_SLUG}`;

let browser: Browser;
let page: Page;
/** A reader's tab: a real browser's user agent (headless Chromium's own is a bot to the view counter). */
let reader: Page;
let token: string;
let sampleId: string;
let found: RelatedList;
let unpublishedId: string | null = null;

interface FrontEndStatus {
  webhooks: { received: number; last: { paths: string[]; purged: string[] } | null };
  cached: string[];
}

/** The page as the front end serves it to anyone (no browser: no view is counted). */
const frontPage = async (address = SAMPLE_PATH) => {
  const response = await fetch(`${FRONT_END}${address}`, { signal: AbortSignal.timeout(15000) });
  return { status: response.status, cache: response.headers.get('x-cache'), html: await response.text() };
};
const relatedTitles = (html: string) => [...html.matchAll(/data-position="\d+"[^>]*>([^<]*)<\/a>/g)].map((match) => match[1].replace(/&quot;/g, '"'));
const frontEndStatus = async () => (await (await fetch(`${FRONT_END}/_status`, { headers: { 'x-webhook-secret': SECRET } })).json()) as FrontEndStatus;

/** Polls the rendered page (bounded) until its related titles satisfy `done`. */
const pageUntil = (what: string, done: (titles: string[]) => boolean) =>
  pollUntil(what, async () => relatedTitles((await frontPage()).html), done, 20000);

const asInput = (list: RelatedList) => list.entries.map((entry) => (entry.target ? { target: entry.target } : { url: entry.url, label: entry.label }));

beforeAll(async () => {
  if (!FRONT_END || !SECRET) throw new Error('E2E_FRONT_END_URL and E2E_WEBHOOK_SECRET are not set: run the browser tests with `npm run test:e2e`');
  ({ browser, page } = await openEditorPage());
  reader = await (await browser.newContext({ viewport: { width: 1200, height: 1000 }, userAgent: BROWSER, locale: 'ru-RU', timezoneId: 'Asia/Almaty' })).newPage();
  await signIn(page);
  token = await adminToken();
  sampleId = (await publicArticle(SAMPLE_SLUG)).documentId;
  found = await relatedList(token, sampleId);
});

afterAll(async () => {
  // The other browser tests read the sample story: its related list and its published stories go back as they were.
  if (token && found) {
    if (unpublishedId) await publishStory(token, unpublishedId);
    const { revision } = await relatedList(token, sampleId);
    await http('PUT', `/newsroom/articles/${sampleId}/related?locale=ru`, { token, body: { revision, entries: asInput(found) } });
    await publishStory(token, sampleId);
  }
  await browser?.close();
});

keepLastScreens(() => page, 'front-end');
keepLastScreens(() => reader, 'front-end-reader');

test("the front end renders the sample story as it reads, sends the reader's view, and the Content Manager's preview opens it", async () => {
  const first = await frontPage();
  expect(first.status).toBe(200);
  expect((await frontPage()).cache).toBe('HIT');

  const story = await publicArticle(SAMPLE_SLUG);
  await reader.goto(`${FRONT_END}${SAMPLE_PATH}`);
  expect(await reader.locator('h1').innerText()).toBe('Партнерство ради развития');
  const meta = await reader.locator('.meta').innerText();
  for (const text of ['24 марта 2022 г. 0:08', 'Калмыков Ануар', 'корреспондент']) expect(meta).toContain(text);
  expect(await reader.locator('.lead').innerText()).toBe(story.lead);
  expect(await reader.locator('.source').innerText()).toBe('Источник: МИД РК');
  const related = await reader.locator('.related li').allInnerTexts();
  // Each entry: its date and time (external links have none) over its title.
  expect(related).toEqual(story.related.map((entry) => (entry.displayDate ? `${entry.displayDate}\n${entry.title}` : entry.title)));
  // The cached page printed the count it was rendered with; the view's answer (this view included) replaces it.
  await reader.waitForFunction((views) => Number(document.querySelector('[data-views]')?.textContent) > views, story.views);
  await screenshot(reader, 'front-end-story.png');

  await openEditView(page, sampleId);
  await page.getByRole('link', { name: 'Open preview' }).click();
  const frame = page.locator('iframe');
  await frame.waitFor({ timeout: 30000 });
  expect(await frame.getAttribute('src')).toBe(`${FRONT_END}${SAMPLE_PATH}`);
  await page.frameLocator('iframe').locator('h1').filter({ hasText: 'Партнерство ради развития' }).waitFor({ timeout: 30000 });
  await screenshot(page, 'front-end-preview.png');
});

test("an editor reorders the related list and publishes: the page shows the new order after the webhook, with no restart and no TTL", async () => {
  const before = relatedTitles((await frontPage()).html);
  expect(before.length).toBeGreaterThan(2);
  // The page is served from the front end's cache: only a purge can change it.
  expect((await frontPage()).cache).toBe('HIT');
  const received = (await frontEndStatus()).webhooks.received;

  await openEditView(page, sampleId);
  // The panel shows the draft list, which may differ from the published one: the new order is the panel's.
  const draft = await entryTitles(page);
  // The first entry one place down; or, where that happens to be the order readers see now, the last one up.
  const swapFirst = [draft[1], draft[0], ...draft.slice(2)];
  const useFirst = swapFirst.join('\n') !== before.join('\n');
  const expected = useFirst ? swapFirst : [...draft.slice(0, -2), draft[draft.length - 1], draft[draft.length - 2]];
  const moved = useFirst ? entryRows(page).first().getByRole('button', { name: /^Move .* down$/ }) : entryRows(page).last().getByRole('button', { name: /^Move .* up$/ });
  await moved.click();
  expect(await entryTitles(page)).toEqual(expected);
  await page.getByRole('button', { name: 'Save list' }).click();
  await page.getByText('Related stories saved.').first().waitFor({ timeout: 15000 });
  // The saved list turns the story "Modified": the editor publishes with the Content Manager's own button.
  const publish = page.getByRole('button', { name: 'Publish' });
  await pollUntil('Publish is offered', () => publish.isEnabled(), (enabled) => enabled, 15000);
  await publish.click();

  expect(await pageUntil('the front end shows the new order', (titles) => titles.join('\n') === expected.join('\n'))).toEqual(expected);
  expect(expected).not.toEqual(before);
  const status = await frontEndStatus();
  expect(status.webhooks.received).toBeGreaterThan(received);
  expect(status.webhooks.last?.paths).toContain(SAMPLE_PATH);
});

test('an editor unpublishes a related story: it disappears from the page the same way', async () => {
  const before = relatedTitles((await frontPage()).html);
  expect((await frontPage()).cache).toBe('HIT');
  const received = (await frontEndStatus()).webhooks.received;
  const target = (await relatedList(token, sampleId)).entries.find((entry) => entry.story?.title === before[0]);
  unpublishedId = target!.target;

  await page.goto(editViewUrl(unpublishedId!));
  await page.getByRole('button', { name: 'More document actions' }).click();
  await page.getByRole('menuitem', { name: 'Unpublish', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();

  expect(await pageUntil('the unpublished story leaves the page', (titles) => !titles.includes(before[0]))).toEqual(before.slice(1));
  expect((await frontEndStatus()).webhooks.received).toBeGreaterThan(received);
});

test("a reader's click on a related entry is counted with its place and origin", async () => {
  const story = await publicArticle(SAMPLE_SLUG);
  const entry = story.related[1];
  const target = (await relatedList(token, sampleId)).entries.find((item) => item.story?.slug === entry.slug)!.target;
  const clicksOf = async () => {
    const { body } = await http<GetStoryClicks.Response>('GET', `/newsroom/articles/${sampleId}/related-clicks?locale=ru`, { token });
    return body.data.entries.find((row) => row.target === target);
  };
  const clicksBefore = (await clicksOf())?.clicks ?? 0;

  await reader.goto(`${FRONT_END}${SAMPLE_PATH}`);
  await reader.locator('.related a[data-position="2"]').click();
  await reader.waitForURL(`${FRONT_END}${entry.url}`);
  expect(await reader.locator('h1').innerText()).toBe(entry.title);
  // Clicks are written in batches (views.flushIntervalMs): wait until the editors' numbers hold it.
  const counted = await pollUntil('the click in the editors’ numbers', clicksOf, (row) => (row?.clicks ?? 0) > clicksBefore);
  expect(counted).toMatchObject({ target, origin: 'editor' });
});
