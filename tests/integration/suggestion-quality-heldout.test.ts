import { describeQuality, HELD_OUT_2_DIR, HELD_OUT_DIR, loadRealNews, measureArchiveQuality, type QualityReport } from '../helpers/real-news';
import { bootStrapi } from '../helpers/strapi';

/**
 * Precision@k on the held-out archives (tests/fixtures/real-news-heldout, -heldout-2): events the
 * scorer was not tuned on, no tags, k = min(5, the event's stories − 1). The goal is 0.9 on
 * unseen coverage. Each archive is published on an instance of its own, so neither competes with the other.
 */
const PRECISION_FLOOR = 0.9;
/** Share of event stories allowed to have an unrelated (event-less) story in their top k. */
const UNRELATED_IN_TOP_K_CEILING = 0.05;

/**
 * With every story scored as if published the same day: what the text and the shared-neighbour order find alone
 * (0.873 and 0.792 in the stored score's order; the 0.9 is not met on archive 2).
 */
const ARCHIVES = [
  { name: 'held-out archive 1', dir: HELD_OUT_DIR, stories: 75, events: 16, textAloneFloor: 0.9 },
  { name: 'held-out archive 2', dir: HELD_OUT_2_DIR, stories: 30, events: 6, textAloneFloor: 0.82 },
];

const reports = new Map<string, QualityReport>();
const textAlone = new Map<string, QualityReport>();

beforeAll(async () => {
  for (const archive of ARCHIVES) {
    const app = await bootStrapi();
    try {
      const quality = await measureArchiveQuality(app.strapi, { archive: loadRealNews(archive.dir), recencyOff: true });
      reports.set(archive.name, quality.withoutTags);
      textAlone.set(archive.name, quality.withoutTagsOrRecency as QualityReport);
      console.log(describeQuality(`${archive.name} (${app.strapi.db.dialect.client})`, quality.withoutTags, 5).join('\n'));
      console.log(describeQuality(`${archive.name}, text alone (${app.strapi.db.dialect.client})`, quality.withoutTagsOrRecency as QualityReport, 5).join('\n'));
    } finally {
      await app.stop();
    }
  }
}, 900000);

describe('suggestion quality on real news the scorer was not tuned on', () => {
  it.each(ARCHIVES)('$name: finds the other outlets’ stories of the same event from the text alone', ({ name, stories, events }) => {
    const report = reports.get(name) as QualityReport;
    expect(report.stories).toBeGreaterThanOrEqual(stories);
    expect(report.events.length).toBeGreaterThanOrEqual(events);
    expect(report.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
    expect(report.unrelatedShare).toBeLessThanOrEqual(UNRELATED_IN_TOP_K_CEILING);
  });

  it.each(ARCHIVES)('$name: with no dates apart, the shared-neighbour order keeps text-alone precision at its floor', ({ name, textAloneFloor }) => {
    expect((textAlone.get(name) as QualityReport).precision).toBeGreaterThanOrEqual(textAloneFloor);
  });
});
