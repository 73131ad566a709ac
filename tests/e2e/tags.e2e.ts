import type { Browser, Page } from 'playwright-core';

import type { GetTag } from '../../shared/contracts/public-api';
import { ARTICLE_UID, BASE_URL, adminToken, createStory, http, keepLastScreens, openEditorPage, pollUntil, publicArticle, screenshot, signIn } from './support';

// An existing tag, spelled with a capital and ё; the editor finds it by typing lower case with е.
const EXISTING = 'Ёлочные базары';
const NEW_TAG = 'Праздничная торговля';
const DROPPED = 'Лишний тег';
const TITLE = 'Ёлочные базары открылись в Астане';
const SLUG = 'yolochnye-bazary-otkrylis-v-astane';

let browser: Browser;
let page: Page;

const tagsField = () => page.getByRole('combobox', { name: 'Add a tag' });
/** Types as an editor does, key by key: the combobox opens its list on typed characters, not on a pasted value. */
const typeInTags = async (text: string) => {
  await tagsField().click();
  await tagsField().pressSequentially(text, { delay: 20 });
};
const chips = () => page.getByRole('list', { name: 'Tags of this story' });

beforeAll(async () => {
  ({ browser, page } = await openEditorPage({ width: 1440, height: 1000 }));
});

afterAll(async () => {
  await browser?.close();
});

keepLastScreens(() => page, 'last-tags');

test('an editor picks an existing tag by typing lower case, creates a new one, removes one with a click, publishes; readers get both', async () => {
  await signIn(page);
  const token = await adminToken();
  // The catalogue knows the tag from an earlier story.
  await createStory(token, { title: 'Городские базары', tags: [EXISTING] }, { publish: true });

  await page.goto(`${BASE_URL}/admin/content-manager/collection-types/${ARTICLE_UID}/create?plugins[i18n][locale]=ru`);
  await page.locator('input[name="title"]').fill(TITLE);

  // One field, no JSON: type a few letters in lower case with е for ё, choose the existing tag.
  await typeInTags('елочн');
  await page.getByRole('option', { name: EXISTING }).click();
  await chips().getByText(EXISTING).waitFor();

  // A new tag: created from what was typed.
  await typeInTags(NEW_TAG);
  await page.getByRole('option', { name: `Create the tag "${NEW_TAG}"` }).click();
  await chips().getByText(NEW_TAG).waitFor();

  // A third one, removed again with a click on its chip.
  await typeInTags(DROPPED);
  await page.getByRole('option', { name: `Create the tag "${DROPPED}"` }).click();
  await chips().getByText(DROPPED).waitFor();
  await chips().getByRole('button', { name: new RegExp(DROPPED) }).click();
  await chips().getByText(DROPPED).waitFor({ state: 'detached' });
  expect(await chips().locator('li').allInnerTexts()).toEqual([EXISTING, NEW_TAG]);
  // The field as editors see it (chips above the search), for the README.
  await screenshot(tagsField().locator('xpath=ancestor::div[.//ul[@aria-label="Tags of this story"]][1]'), 'tags-input.png');

  await page.getByRole('button', { name: 'Publish' }).click();
  const story = await pollUntil(
    'the story is published',
    () => publicArticle(SLUG).catch(() => null),
    (value) => value !== null
  );
  expect(story?.tags).toEqual([EXISTING, NEW_TAG]);
  expect(story?.tagLinks).toEqual([
    { name: EXISTING, slug: 'yolochnye-bazary' },
    { name: NEW_TAG, slug: 'prazdnichnaya-torgovlya' },
  ]);

  const tagPage = await http<GetTag.Response>('GET', '/api/newsroom/tags/prazdnichnaya-torgovlya');
  expect(tagPage.body.data.name).toBe(NEW_TAG);
  expect(tagPage.body.data.articles.map((card) => card.title)).toEqual([TITLE]);
  // The dropped tag never reached the catalogue's public side.
  await http('GET', '/api/newsroom/tags/lishniy-teg', { expect: [404] });
});
