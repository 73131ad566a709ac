import { describeQuality, HELD_OUT_DIR, loadRealNews, measureArchiveQuality, type ArchiveQuality } from '../helpers/real-news';
import { bootStrapi, type TestApp } from '../helpers/strapi';

/**
 * Precision@k on the held-out archive (tests/fixtures/real-news-heldout): events the scorer was not
 * tuned on, no tags, k = min(5, the event's stories − 1). The goal is 0.9 on unseen coverage.
 */
const PRECISION_FLOOR = 0.9;
/** Share of event stories allowed to have an unrelated (event-less) story in their top k. */
const UNRELATED_IN_TOP_K_CEILING = 0.05;

let app: TestApp;
let quality: ArchiveQuality;

beforeAll(async () => {
  app = await bootStrapi();
  quality = await measureArchiveQuality(app.strapi, { archive: loadRealNews(HELD_OUT_DIR) });
  console.log(describeQuality(`held-out real archive (${app.strapi.db.dialect.client})`, quality.withoutTags, 5).join('\n'));
}, 600000);

afterAll(async () => {
  await app?.stop();
});

describe('suggestion quality on real news the scorer was not tuned on', () => {
  it('finds the other outlets’ stories of the same event from the text alone', () => {
    expect(quality.withoutTags.stories).toBeGreaterThanOrEqual(75);
    expect(quality.withoutTags.events.length).toBeGreaterThanOrEqual(14);
    expect(quality.withoutTags.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(quality.withoutTags.unrelatedShare).toBeLessThanOrEqual(UNRELATED_IN_TOP_K_CEILING);
  });
});
