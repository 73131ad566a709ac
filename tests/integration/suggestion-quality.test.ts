import { describeQuality, measureArchiveQuality, type ArchiveQuality } from '../helpers/real-news';
import { bootStrapi, type TestApp } from '../helpers/strapi';

/** Precision@k the current scorer keeps on the real-news archive (tests/fixtures/real-news), a little below what it measures. */
const PRECISION_FLOOR = { withTags: 0.91, withoutTags: 0.93 };
/** Share of event stories allowed to have an unrelated (event-less) story in their top k. */
const UNRELATED_IN_TOP_K_CEILING = 0.05;

let app: TestApp;
let quality: ArchiveQuality;

beforeAll(async () => {
  app = await bootStrapi();
  quality = await measureArchiveQuality(app.strapi);
  const client = app.strapi.db.dialect.client;
  console.log([...describeQuality(`real archive, with tags (${client})`, quality.withTags), ...describeQuality(`real archive, tags stripped (${client})`, quality.withoutTags)].join('\n'));
}, 600000);

afterAll(async () => {
  await app?.stop();
});

describe('suggestion quality on real news', () => {
  it('finds the other outlets’ stories of the same event, with the tags editors gave', () => {
    expect(quality.withTags.stories).toBeGreaterThanOrEqual(100);
    expect(quality.withTags.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR.withTags);
    expect(quality.withTags.unrelatedShare).toBeLessThanOrEqual(UNRELATED_IN_TOP_K_CEILING);
  });

  it('finds them from the text and bylines alone once the tags are removed', () => {
    expect(quality.withoutTags.stories).toBe(quality.withTags.stories);
    expect(quality.withoutTags.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR.withoutTags);
    expect(quality.withoutTags.unrelatedShare).toBeLessThanOrEqual(UNRELATED_IN_TOP_K_CEILING);
  });
});
