import type { Browser, Page } from 'playwright-core';

import { formatDisplayDate } from '../../shared/dates';
import {
  BASE_URL, SAMPLE_SLUG, adminToken, backfillStories, createStory, deleteStory, entryRow, expectTitles, firstCorrespondent, http, keepLastScreens,
  openEditorPage, openEditView, openStoryPanel, panelBody, panelText, pollUntil, publicArticle, publishStory, relatedList, relatedPanel, saveButton, screenshot, signIn, signInReadOnlyEditor,
  suggestionItem, suggestionsOf, suggestionsSection, waitForToast,
} from './support';

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

let browser: Browser;
let page: Page;
let token: string;
let correspondent: { documentId: string; name: string };
/** The playground's sample story, as readers get it: the main story cites it and borrows its body. */
let sample: Awaited<ReturnType<typeof publicArticle>>;
const topicIds = {} as Record<TopicKey, string>;
const topicDates = {} as Record<TopicKey, string>;
let mainId: string;

const paragraphs = (texts: string[]) => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
const daysAgo = (days: number) => new Date(Math.floor(Date.now() / 60000) * 60000 - days * DAY_MS).toISOString();
const chipsOf = (documentId: string, target: Page = page) => suggestionItem(target, documentId).locator('[data-newsroom-reason]').allInnerTexts();

// Its own admin session and the playground's sample data: this file must not depend on the panel tests having run.
beforeAll(async () => {
  ({ browser, page } = await openEditorPage());
  await signIn(page);
  token = await adminToken();
  sample = await publicArticle(SAMPLE_SLUG);
  correspondent = await firstCorrespondent(token);
});

afterAll(async () => {
  await browser?.close();
});

keepLastScreens(() => page, 'last-suggestions');

test('suggestions: the panel of a published story shows stories on its topic with their reasons; one click adds one, the save keeps it', async () => {
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
  await http('PUT', `/newsroom/articles/${mainId}/related?locale=ru`, { token, body: { revision: initial.revision, entries: [{ target: sample.documentId }] } });
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
  await expectTitles(page, [sample.title]);
  const section = suggestionsSection(page);
  await suggestionItem(page, topicIds.t1).waitFor();
  expect(await section.getByRole('heading', { name: 'Suggestions' }).count()).toBe(1);
  const shown = await section.locator('[data-newsroom-suggestion]').count();
  expect(shown).toBeGreaterThanOrEqual(4);
  expect(shown).toBeLessThanOrEqual(5);
  for (const id of ids) await suggestionItem(page, id).waitFor();
  // A story already in the list is never offered.
  expect(await suggestionItem(page, sample.documentId).count()).toBe(0);
  expect(await section.locator('[data-newsroom-suggestions-live], [data-newsroom-suggestions-pending]').count()).toBe(0);

  // Date (the list's own formatter), title and the reasons as chips.
  const first = await suggestionItem(page, topicIds.t1).innerText();
  expect(first).toContain(TOPIC.t1.title);
  expect(first).toContain(formatDisplayDate(topicDates.t1, 'ru', 'Asia/Almaty') ?? 'no date');
  // The topic's stories are each other's nearest: the shared-neighbour order says so with a chip of its own.
  expect(await chipsOf(topicIds.t1)).toEqual(
    expect.arrayContaining(['tag: ОИС', 'same correspondent', '2 days apart', expect.stringMatching(/^similar text: \S+/), expect.stringMatching(/^\d+ nearest stor(y|ies) in common$/)])
  );
  expect(await chipsOf(topicIds.t4)).toEqual(expect.arrayContaining(['tag: ОИС', 'tag: МИД РК', '11 days apart']));
  expect(await chipsOf(topicIds.t2)).not.toContain('same correspondent');
  await section.scrollIntoViewIfNeeded();
  await screenshot(panelBody(page), 'related-panel-suggestions.png');

  // One click adds it to the unsaved list, like a search hit; it leaves the suggestions.
  const add = (key: TopicKey) => suggestionItem(page, topicIds[key]).getByRole('button', { name: `Add “${TOPIC[key].title}” to the list` });
  await add('t1').click();
  await expectTitles(page, [sample.title, TOPIC.t1.title]);
  expect(await entryRow(page, TOPIC.t1.title).innerText()).toContain(formatDisplayDate(topicDates.t1, 'ru', 'Asia/Almaty') ?? 'no date');
  await suggestionItem(page, topicIds.t1).waitFor({ state: 'detached' });
  expect(await saveButton(page).isEnabled()).toBe(true);
  expect(await panelText(page)).toContain('Unsaved changes');

  // Removed from the unsaved list: offered again (the current list counts, not the saved one).
  await entryRow(page, TOPIC.t1.title).getByRole('button', { name: /^Remove/ }).click();
  await expectTitles(page, [sample.title]);
  await suggestionItem(page, topicIds.t1).waitFor();
  await add('t1').click();
  await expectTitles(page, [sample.title, TOPIC.t1.title]);

  await saveButton(page).click();
  await waitForToast(page, 'Related stories saved.');
  expect((await relatedList(token, mainId)).entries.map((entry) => entry.target)).toEqual([sample.documentId, topicIds.t1]);
  const after = await suggestionsOf(token, mainId);
  expect(after.suggestions.find((suggestion) => suggestion.documentId === topicIds.t1)?.inList).toBe(true);

  // After a reload: the saved list, and the added story still not offered.
  await openEditView(page, mainId);
  await expectTitles(page, [sample.title, TOPIC.t1.title]);
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
  await waitForToast(page, `saved to the draft of “${TOPIC.t2.title}”`);
  await item(topicIds.t2).waitFor({ state: 'detached' });
  const accepted = await relatedList(token, topicIds.t2);
  expect(accepted.entries.map((entry) => entry.target)).toEqual(t2.proposed.map((story) => story.documentId));
  expect(accepted.revision).toBeGreaterThan(t2.revision);

  // Someone else saves the list of another story while the widget shows its old revision: Accept is refused.
  await http('PUT', `/newsroom/articles/${topicIds.t3}/related?locale=ru`, { token, body: { revision: t3.revision, entries: [{ target: topicIds.t4 }] } });
  await item(topicIds.t3).getByRole('button', { name: `Accept the proposal for “${TOPIC.t3.title}”` }).click();
  await waitForToast(page, `“${TOPIC.t3.title}”: someone else changed its related list meanwhile. Nothing was saved`);
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
  const reader = await signInReadOnlyEditor(browser, token, { timezoneId: 'Asia/Almaty' });
  const readerPage = reader.page;
  try {
    expect(await readerPage.getByRole('region', { name: 'Related stories to fill in', exact: true }).count()).toBe(0);

    await openEditView(readerPage, mainId);
    await suggestionItem(readerPage, topicIds.t2).waitFor();
    expect(await chipsOf(topicIds.t2, readerPage)).toContain('tag: ОИС');
    const section = suggestionsSection(readerPage);
    expect(await section.locator('[data-newsroom-suggestion]').count()).toBeGreaterThan(0);
    expect(await section.getByRole('button').count()).toBe(0);
    expect(await relatedPanel(readerPage).innerText()).toContain('You can see this list but not change it.');
  } finally {
    await reader.close();
  }
});
