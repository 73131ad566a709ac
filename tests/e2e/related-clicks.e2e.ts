import type { Browser, Page } from 'playwright-core';

import type { GetClickOverview, GetStoryClicks } from '../../shared/contracts/reader-stats';
import type { PublicRelatedStory } from '../../shared/contracts/public-api';
import { BROWSER } from '../helpers/user-agents';
import { BASE_URL, adminToken, createStory, entryRows, http, keepLastScreens, openEditView, openEditorPage, panelBody, pollUntil, publicArticle, publishStory, relatedList, screenshot, signIn } from './support';

// Readers' clicks on related stories, seeded over the public routes, as editors see them in the panel and on the homepage.
const SAMPLE_SLUG = 'partnerstvo-radi-razvitiya';
const TAGS = ['Посевная'];
const LEAD = 'Аграрии Костанайской области засеяли пшеницу и ячмень раньше срока: посевная кампания идёт по плану.';
const TOPIC = ['Посевная в Костанайской области: засеяно 80% площадей', 'Посевная кампания: аграрии засеяли пшеницу раньше срока', 'Посевная: ячмень и пшеница на севере Казахстана'];
const MAIN = 'Посевная кампания в Костанайской области близится к завершению';

// What the test sends: story views, and clicks per entry (by place in the public list, from 1).
const SAMPLE_VIEWS = 150;
const MAIN_VIEWS = 120;
const SAMPLE_CLICKS = [30, 12];
const MAIN_CLICKS = [6, 20, 4];
// Sent before the others, to see the panel under the threshold.
const EARLY = { views: 10, clicks: 2 };

let browser: Browser;
let page: Page;
let token: string;
let sampleId: string;
let mainId: string;
let sampleList: PublicRelatedStory[];
let mainList: PublicRelatedStory[];
let mainSlug: string;

const overview = async () => (await http<GetClickOverview.Response>('GET', '/newsroom/stats/related-clicks?locale=ru', { token })).body.data;
const storyClicks = async (documentId: string) => (await http<GetStoryClicks.Response>('GET', `/newsroom/articles/${documentId}/related-clicks?locale=ru`, { token })).body.data;
const percent = (clicks: number, views: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(clicks / views);
const reader = (i: number) => `${BROWSER} reader-${i}`;

/** Sends `count` requests, 20 at a time, each from another reader. */
const send = async (count: number, request: (i: number) => Promise<unknown>) => {
  for (let start = 0; start < count; start += 20) await Promise.all(Array.from({ length: Math.min(20, count - start) }, (_, k) => request(start + k)));
};
const views = (slug: string, count: number) => send(count, (i) => http('POST', `/api/newsroom/articles/${encodeURIComponent(slug)}/view`, { userAgent: reader(i) }));
const clicks = (slug: string, list: PublicRelatedStory[], position: number, count: number) => {
  const entry = list[position - 1];
  const body = { ...(entry.external ? { url: entry.url } : { target: entry.slug }), position, origin: entry.suggested ? 'suggested' : 'editor' };
  return send(count, (i) => http('POST', `/api/newsroom/articles/${encodeURIComponent(slug)}/related-click`, { body, userAgent: reader(i) }));
};
const sum = (numbers: number[]) => numbers.reduce((total, n) => total + n, 0);

beforeAll(async () => {
  ({ browser, page } = await openEditorPage());
});

afterAll(async () => {
  await browser?.close();
});

keepLastScreens(() => page, 'clicks');

test('a story with editor picks and suggestions after them, as readers get it', async () => {
  await signIn(page);
  token = await adminToken();
  sampleId = (await publicArticle(SAMPLE_SLUG)).documentId;
  for (const title of TOPIC) await createStory(token, { title, lead: LEAD, tags: TAGS, publicationDate: new Date().toISOString() }, { publish: true });
  mainId = await createStory(token, { title: MAIN, lead: LEAD, tags: TAGS, publicationDate: new Date().toISOString() });
  const initial = await relatedList(token, mainId);
  await http('PUT', `/newsroom/articles/${mainId}/related?locale=ru`, { token, body: { revision: initial.revision, entries: [{ target: sampleId }] } });
  await publishStory(token, mainId);
  const main = await publicArticle(mainId);
  mainSlug = main.slug;
  // Suggestions are computed in the background after the publish; the playground fills lists up to 5 with them.
  mainList = (
    await pollUntil(
      'two suggestions after the pick',
      async () => (await http<{ data: PublicRelatedStory[] }>('GET', `/api/newsroom/articles/${mainSlug}/related`)).body.data,
      (list) => list.filter((entry) => entry.suggested).length >= 2
    )
  ).slice(0, 3);
  expect(mainList.map((entry) => entry.suggested)).toEqual([false, true, true]);
  sampleList = (await publicArticle(SAMPLE_SLUG)).related;

  // A few readers first: the pick shows its clicks and a muted "—", no percentage of 10 views.
  await views(mainSlug, EARLY.views);
  await clicks(mainSlug, mainList, 1, EARLY.clicks);
  await openEditView(page, mainId);
  const line = entryRows(page).first().locator('[data-newsroom-clicks="editor"]');
  await line.waitFor();
  expect((await line.innerText()).replace(/\s+/g, ' ')).toBe(`Editor pick · ${EARLY.clicks} clicks · —`);
  expect(await line.getByLabel('too few views').count()).toBe(1);
  expect(await panelBody(page).innerText()).toContain(`Readers' clicks, last 30 days: ${EARLY.views} story views. No rate below 100 story views (${EARLY.views} in 30 days).`);
});

test('the homepage widget gives click-through by origin and by place, for 7 and 30 days, with the views it rests on', async () => {
  const before = await overview();
  const sampleBefore = await storyClicks(sampleId);

  await views(SAMPLE_SLUG, SAMPLE_VIEWS);
  await views(mainSlug, MAIN_VIEWS);
  for (const [index, count] of SAMPLE_CLICKS.entries()) await clicks(SAMPLE_SLUG, sampleList, index + 1, count);
  for (const [index, count] of MAIN_CLICKS.entries()) await clicks(mainSlug, mainList, index + 1, count);

  // What the routes must now say: the numbers before plus exactly what was sent.
  const added = { views: SAMPLE_VIEWS + MAIN_VIEWS, editor: sum(SAMPLE_CLICKS) + MAIN_CLICKS[0], suggested: MAIN_CLICKS[1] + MAIN_CLICKS[2] };
  const positions = [SAMPLE_CLICKS[0] + MAIN_CLICKS[0], SAMPLE_CLICKS[1] + MAIN_CLICKS[1], MAIN_CLICKS[2]];
  const after = await overview();
  const expected = before.windows.map((window) => ({
    days: window.days,
    views: window.views + added.views,
    editor: window.byOrigin.editor.clicks + added.editor,
    suggested: window.byOrigin.suggested.clicks + added.suggested,
    positions: positions.map((n, index) => n + (window.byPosition.find((row) => row.position === index + 1)?.clicks ?? 0)),
  }));
  expect(after.windows.map((window) => ({ days: window.days, views: window.views, editor: window.byOrigin.editor.clicks, suggested: window.byOrigin.suggested.clicks, positions: window.byPosition.slice(0, 3).map((row) => row.clicks) }))).toEqual(expected);
  expect(after.minViews).toBe(100);

  await page.goto(`${BASE_URL}/admin`);
  const widget = page.getByRole('region', { name: 'Related stories: picks vs suggestions', exact: true });
  const body = widget.locator('[data-newsroom-ctr-widget]');
  await body.waitFor({ timeout: 30000 });
  const cell = async (kind: string, days: number) => (await body.locator(`[data-newsroom-ctr="${kind}:${days}"]`).innerText()).replace(/\s+/g, ' ');
  for (const window of expected) {
    expect(await cell('views', window.days)).toBe(`${window.views} views`);
    expect(await cell('editor', window.days)).toBe(`${percent(window.editor, window.views)} · ${window.editor} clicks`);
    expect(await cell('suggested', window.days)).toBe(`${percent(window.suggested, window.views)} · ${window.suggested} clicks`);
    for (const [index, n] of window.positions.entries()) expect(await cell(`position-${index + 1}`, window.days)).toBe(`${percent(n, window.views)} · ${n} clicks`);
  }
  expect(await body.innerText()).toContain('No rate below 100 views');
  await widget.scrollIntoViewIfNeeded();
  await screenshot(widget, 'related-clicks-widget.png');

  // The sample story: its first pick's clicks over its own views (the panel's base).
  const sample = await storyClicks(sampleId);
  expect(sample.views).toBe(sampleBefore.views + SAMPLE_VIEWS);
  const firstPick = sampleList[0];
  const pickBefore = sampleBefore.entries.find((row) => row.origin === 'editor' && (row.target ? row.title === firstPick.title : row.url === firstPick.url))?.clicks ?? 0;
  await openEditView(page, sampleId);
  const line = entryRows(page).filter({ hasText: firstPick.title }).locator('[data-newsroom-clicks="editor"]');
  await line.waitFor();
  const n = pickBefore + SAMPLE_CLICKS[0];
  expect((await line.innerText()).replace(/\s+/g, ' ')).toBe(`Editor pick · ${n} clicks · ${percent(n, sample.views)}`);
  expect(await panelBody(page).innerText()).toContain(`Readers' clicks, last 30 days: ${sample.views} story views.`);
});

test('the panel of a story with suggestions shows each origin: the pick in its row, the suggestions readers opened below', async () => {
  await openEditView(page, mainId);
  const pick = entryRows(page).first().locator('[data-newsroom-clicks="editor"]');
  await pick.waitFor();
  const pickClicks = EARLY.clicks + MAIN_CLICKS[0];
  const mainViews = EARLY.views + MAIN_VIEWS;
  expect((await pick.innerText()).replace(/\s+/g, ' ')).toBe(`Editor pick · ${pickClicks} clicks · ${percent(pickClicks, mainViews)}`);
  const summary = page.locator('[data-newsroom-clicks-summary]');
  const others = summary.locator('[data-newsroom-clicks-other]');
  expect(await others.count()).toBe(2);
  for (const [index, entry] of mainList.slice(1).entries()) {
    const text = (await others.filter({ hasText: entry.title }).innerText()).replace(/\s+/g, ' ');
    expect(text).toBe(`${entry.title} Suggestion · ${MAIN_CLICKS[index + 1]} clicks · ${percent(MAIN_CLICKS[index + 1], mainViews)}`);
  }
  const listWithClicks = page.locator('[data-newsroom-list-clicks]');
  await listWithClicks.scrollIntoViewIfNeeded();
  await screenshot(listWithClicks, 'related-panel-clicks.png');
});
