import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';

import type { GetRelatedList, RelatedList } from '../../shared/contracts/related-stories';
import type { GetArticle } from '../../shared/contracts/public-api';
import type { BackfillStory, GetSuggestions, ListBackfill, SuggestionList } from '../../shared/contracts/suggestions';
import { BROWSER } from '../helpers/user-agents';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`npm run test:e2e\``);
  return value;
};

export const BASE_URL = required('E2E_BASE_URL');
export const ARTIFACTS = process.env.E2E_ARTIFACTS ?? path.resolve(__dirname, '..', '..', 'test-results', 'e2e');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';

export const ARTICLE_UID = 'plugin::newsroom.article';
export const ADMIN = { firstname: 'Ая', lastname: 'Редактор', email: 'e2e-editor@newsroom.test', password: 'Newsroom-e2e-2025' };

/** Debian's chromium, headless; playwright-core gives every launch a fresh temporary profile (user-data-dir). */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30000,
  });

/** A browser with one editor's page, as every browser test starts: English admin, Kazakhstan time. */
export const openEditorPage = async (viewport = { width: 1440, height: 1200 }) => {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'Asia/Almaty' });
  context.setDefaultTimeout(15000);
  return { browser, context, page: await context.newPage() };
};

/** After every test of the file: its last screen, kept for when it failed. */
export const keepLastScreens = (page: () => Page, prefix = 'last') =>
  afterEach(async () => {
    const name = expect.getState().currentTestName?.replace(/[^\w-]+/g, '-').slice(0, 80) ?? 'test';
    await screenshot(page(), `${prefix}-${name}.png`).catch(() => undefined);
  });

export const screenshot = async (target: Page | Locator, name: string) => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  if (!('page' in target)) {
    await target.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled' });
    return;
  }
  // The admin scrolls inside its own container: an element taller than the viewport would be cut
  // or blank, so the viewport grows to hold it for the shot.
  const page = target.page();
  const viewport = page.viewportSize();
  const box = await target.boundingBox();
  if (viewport && box) await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(box.y + box.height) + 200) });
  try {
    await target.screenshot({ path: path.join(ARTIFACTS, name), animations: 'disabled' });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
};

interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Statuses the caller expects; anything else throws with the body. */
  expect?: number[];
  /** Another reader's browser (views and clicks are deduplicated per reader). */
  userAgent?: string;
}

/** One HTTP call to the playground with a time limit, so a hung server fails the test instead of hanging it. */
export const http = async <T = unknown>(method: string, url: string, { token, body, expect = [200], userAgent = BROWSER }: RequestOptions = {}): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${BASE_URL}${url}`, {
    method,
    // A reader's browser: node's own user agent is a bot to the view counter.
    headers: { 'content-type': 'application/json', 'user-agent': userAgent, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20000),
  });
  const text = await response.text();
  const parsed = (text ? JSON.parse(text) : null) as T;
  if (!expect.includes(response.status)) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return { status: response.status, body: parsed };
};

export const adminToken = async () => {
  const { body } = await http<{ data: { token: string } }>('POST', '/admin/login', { body: { email: ADMIN.email, password: ADMIN.password } });
  return body.data.token;
};

/** The first admin, through the registration page a new install shows (or the login page on a second run). */
export const signIn = async (page: Page) => {
  await page.goto(`${BASE_URL}/admin`);
  const email = page.locator('input[name="email"]');
  await email.waitFor({ timeout: 60000 });
  if (page.url().includes('register-admin')) {
    await page.locator('input[name="firstname"]').fill(ADMIN.firstname);
    await page.locator('input[name="lastname"]').fill(ADMIN.lastname);
    await email.fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('input[name="confirmPassword"]').fill(ADMIN.password);
  } else {
    await email.fill(ADMIN.email);
    await page.locator('input[name="password"]').fill(ADMIN.password);
  }
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/admin\/?$/, { timeout: 30000 });
};

export const editViewUrl = (documentId: string, locale = 'ru') =>
  `${BASE_URL}/admin/content-manager/collection-types/${ARTICLE_UID}/${documentId}?plugins[i18n][locale]=${locale}`;

export const createStory = async (token: string, data: Record<string, unknown>, { publish = false, locale = 'ru' } = {}) => {
  const { body } = await http<{ data: { documentId: string } }>('POST', `/content-manager/collection-types/${ARTICLE_UID}?locale=${locale}`, { token, body: data, expect: [200, 201] });
  if (publish) await publishStory(token, body.data.documentId, locale);
  return body.data.documentId;
};

/** Publishes the stored draft as it is (the Content Manager's own publish route). */
export const publishStory = async (token: string, documentId: string, locale = 'ru') => {
  await http('POST', `/content-manager/collection-types/${ARTICLE_UID}/${documentId}/actions/publish?locale=${locale}`, { token, body: {}, expect: [200, 201] });
};

export const deleteStory = async (token: string, documentId: string, locale = 'ru') => {
  await http('DELETE', `/content-manager/collection-types/${ARTICLE_UID}/${documentId}?locale=${locale}`, { token });
};

export const relatedList = async (token: string, documentId: string, locale = 'ru'): Promise<RelatedList> =>
  (await http<GetRelatedList.Response>('GET', `/newsroom/articles/${documentId}/related?locale=${locale}`, { token })).body.data;

export const publicArticle = async (slug: string) => (await http<GetArticle.Response>('GET', `/api/newsroom/articles/${encodeURIComponent(slug)}`)).body.data;

/** The side panel of the edit view, found by its heading. */
export const relatedPanel = (page: Page) => page.locator('aside').filter({ has: page.getByRole('heading', { name: 'Related stories' }) });

/** The plugin's own part of the panel (list, search, suggestions): what the README's screenshots show. */
export const panelBody = (page: Page) => page.locator('[data-newsroom-panel]');

export const entryRows = (page: Page) => page.getByRole('list', { name: 'Related stories' }).locator(':scope > li');

/** The titles of the panel's entries, in order (each row's first line). */
export const entryTitles = async (page: Page) => entryRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')?.replace(/^\d+\.\s/, '') ?? ''));

export const openEditView = async (page: Page, documentId: string) => {
  await page.goto(editViewUrl(documentId));
  await entryRows(page).first().waitFor({ timeout: 60000 });
};

/** The story's suggestions as the panel gets them (admin API). */
export const suggestionsOf = async (token: string, documentId: string, locale = 'ru'): Promise<SuggestionList> =>
  (await http<GetSuggestions.Response>('GET', `/newsroom/articles/${documentId}/suggestions?locale=${locale}`, { token })).body.data;

/** Published stories without related stories and their proposals, as the backfill widget gets them. */
export const backfillStories = async (token: string, pageSize = 50): Promise<BackfillStory[]> =>
  (await http<ListBackfill.Response>('GET', `/newsroom/suggestions/backfill?locale=ru&pageSize=${pageSize}`, { token })).body.data;

/**
 * Polls `read` until `done` holds: suggestions are computed in the background after a publish.
 * Fails with the last value read, never passes on time alone.
 */
export const pollUntil = async <T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeout = 30000): Promise<T> => {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeout} ms; last value: ${JSON.stringify(last).slice(0, 1500)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    last = await read();
  }
  return last;
};

/** The "Suggestions" section of the side panel and its entries. */
export const suggestionsSection = (page: Page) => page.locator('[data-newsroom-suggestions]');
export const suggestionItem = (page: Page, documentId: string) => page.locator(`[data-newsroom-suggestion="${documentId}"]`);

/** Opens a story whose related list may be empty: waits for the panel itself rather than its first entry. */
export const openStoryPanel = async (page: Page, documentId: string) => {
  await page.goto(editViewUrl(documentId));
  await page.locator('[data-newsroom-panel]').waitFor({ timeout: 60000 });
};

// The playground's sample story, loaded on first start with a related list of five.
export const SAMPLE_SLUG = 'partnerstvo-radi-razvitiya';

/** The first correspondent of the playground's catalogue (the sample stories' byline). */
export const firstCorrespondent = async (token: string) => {
  const { body } = await http<{ results: Array<{ documentId: string; name: string }> }>(
    'GET',
    '/content-manager/collection-types/plugin::newsroom.correspondent?page=1&pageSize=10',
    { token }
  );
  return body.results[0];
};

export const panelText = (page: Page) => relatedPanel(page).innerText();
export const saveButton = (page: Page) => page.getByRole('button', { name: 'Save list' });
export const entryRow = (page: Page, title: string) => entryRows(page).filter({ hasText: title });

/** Fails with the titles it saw, which says more than a timeout. */
export const expectTitles = async (page: Page, expected: string[]) => {
  await page.waitForFunction(
    (count) => document.querySelectorAll('ol[aria-label="Related stories"] > li').length === count,
    expected.length,
    { timeout: 10000 }
  ).catch(() => undefined);
  expect(await entryTitles(page)).toEqual(expected);
};

/** The search answered the query as typed (not an older one). */
export const settled = (page: Page) => page.locator('[role="listbox"][aria-busy="false"]').waitFor();

export const waitForToast = (page: Page, text: string) => page.getByText(text).first().waitFor({ timeout: 15000 });

// An editor with the read permission only: the panel and the suggestions files both sign in as it.
export const READER = { firstname: 'Читатель', lastname: 'Списка', email: 'e2e-reader@newsroom.test', password: 'Newsroom-reader-2025' };

/** Gives the Editor role the plugin's read permission and registers READER with it; whichever file runs first does it, the other finds it done. */
export const ensureReadOnlyEditor = async (token: string) => {
  const { body: roles } = await http<{ data: Array<{ id: number; code: string }> }>('GET', '/admin/roles', { token });
  const editor = roles.data.find((role) => role.code === 'strapi-editor');
  if (!editor) throw new Error('no Editor role');
  const { body: current } = await http<{ data: Array<{ action: string; subject: string | null; properties: unknown; conditions: string[] }> }>(
    'GET',
    `/admin/roles/${editor.id}/permissions`,
    { token }
  );
  expect(current.data.some((permission) => permission.action === 'plugin::content-manager.explorer.read' && permission.subject === 'plugin::newsroom.article')).toBe(true);
  if (!current.data.some((permission) => permission.action === 'plugin::newsroom.related.read')) {
    const permissions = [
      ...current.data.map(({ action, subject, properties, conditions }) => ({ action, subject, properties, conditions })),
      { action: 'plugin::newsroom.related.read', subject: null, properties: {}, conditions: [] },
    ];
    await http('PUT', `/admin/roles/${editor.id}/permissions`, { token, body: { permissions } });
  }
  const { body: users } = await http<{ data: { results: Array<{ email: string }> } }>('GET', `/admin/users?filters[email][$eq]=${encodeURIComponent(READER.email)}`, { token });
  if (users.data.results.some((user) => user.email === READER.email)) return;
  const { body: created } = await http<{ data: { registrationToken: string } }>('POST', '/admin/users', {
    token,
    body: { firstname: READER.firstname, lastname: READER.lastname, email: READER.email, roles: [editor.id] },
    expect: [200, 201],
  });
  await http('POST', '/admin/register', {
    body: { registrationToken: created.data.registrationToken, userInfo: { firstname: READER.firstname, lastname: READER.lastname, password: READER.password } },
    expect: [200, 201],
  });
};

/** The read-only editor signed in on a browser context of their own, once the homepage has checked their permissions; close it when done. */
export const signInReadOnlyEditor = async (browser: Browser, token: string, options: BrowserContextOptions = {}) => {
  await ensureReadOnlyEditor(token);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1200 }, locale: 'en-US', ...options });
  const page = await context.newPage();
  try {
    await page.goto(`${BASE_URL}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(READER.email);
    await page.locator('input[name="password"]').fill(READER.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/admin\/?$/, { timeout: 30000 });
    // Widgets appear once their permissions are checked: wait for one every admin has.
    await page.getByRole('region', { name: 'Profile', exact: true }).waitFor();
  } catch (error) {
    await context.close();
    throw error;
  }
  return { page, close: () => context.close() };
};
