import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../../../shared/manifest';
import { TABLES } from '../../../models';
import { featuresOf, type StoryContent } from './features';

/**
 * Which scorer built the suggestion index. The index holds each story's features as the text
 * analysis of its day computed them; a release that changes the analysis changes them all, and
 * until a reindex old and new stories would be compared by different rules. The version is
 * recorded when a full reindex finishes and checked at boot.
 */

/** Raise when the scoring of stored lists changes without changing any story's features (those are fingerprinted below). */
const SCORING_REVISION = 4;

/** Stories that exercise every step of the analysis: names and their cases, abbreviations, decimals, boilerplate, Kazakh. */
const PROBES: StoryContent[] = [
  {
    id: 0,
    documentId: 'probe-ru',
    locale: 'ru',
    title: 'Токаев подписал указ: Комитет национальной безопасности и МИД РК',
    lead: 'Президент Касым-Жомарт Токаев провел встречу с Масимовым в Астане, сообщает пресс-служба Акорды.',
    body: 'Явка составила 69,44%, передает корреспондент. Паводок подтопил сёла Атырауской области, жители эвакуированы 5 апреля. Visit of the President.',
    tags: ['Паводок'],
    dateMs: 0,
    people: [],
  },
  {
    id: 0,
    documentId: 'probe-kk',
    locale: 'kk',
    title: 'Мемлекет басшысы Қасым-Жомарт Тоқаев елдердің басшыларымен кездесті',
    lead: 'Президент Астанада Шанхай ынтымақтастық ұйымының жиынына қатысты, хабарлайды тілшісі.',
    body: 'Су тасқыны ауылдарды басты, құтқарушылар тұрғындарды көшірді.',
    tags: [],
    dateMs: 0,
    people: [],
  },
];

let current: string | null = null;

/** This code's scorer version: the scoring revision and a fingerprint of the features it gives the probes. */
export const scorerVersion = (): string => {
  if (current === null) {
    const fingerprint = createHash('sha1').update(PROBES.map((probe) => featuresOf(probe).hash).join(',')).digest('hex').slice(0, 12);
    current = `${SCORING_REVISION}.${fingerprint}`;
  }
  return current;
};

const STORE = { type: 'plugin' as const, name: PLUGIN_ID, key: 'suggestions-scorer' };

/** The scorer version the index was built with; null when none was recorded (an index older than this check). */
export const indexVersion = async (strapi: Core.Strapi): Promise<string | null> => ((await strapi.store.get(STORE)) as string | null) ?? null;

/** Records that the whole index now follows this code's scorer (after a full reindex, or while it is empty). */
export const markIndexCurrent = async (strapi: Core.Strapi) => {
  await strapi.store.set({ ...STORE, value: scorerVersion() });
};

export interface IndexVersionCheck {
  /** The index holds stories scored by another version: suggestions mix two scorers until a reindex. */
  stale: boolean;
  indexed: string | null;
  scorer: string;
}

/**
 * At boot: an empty index follows any scorer (recorded as current); a non-empty one built by another
 * version gets one warning naming the command. No automatic reindex: it takes minutes of CPU and
 * database at 100,000 stories, and every instance of a cluster would start one at the same boot.
 */
export const checkIndexVersion = async (strapi: Core.Strapi): Promise<IndexVersionCheck> => {
  const scorer = scorerVersion();
  const indexed = await indexVersion(strapi);
  if (indexed === scorer) return { stale: false, indexed, scorer };
  const any = await strapi.db.connection(TABLES.suggestDocs).where({ indexed: 1 }).first('id');
  if (!any) {
    await markIndexCurrent(strapi);
    return { stale: false, indexed: scorer, scorer };
  }
  strapi.log.warn(
    `[${PLUGIN_ID}] The related-story suggestions were indexed by ${indexed ? `scorer ${indexed}` : 'an earlier release'}; this release scores with ${scorer}. ` +
      `Until a full reindex, stories are compared by two sets of rules. Run \`npm run newsroom -- reindex\` (in your own app: \`npx strapi console\`, then ` +
      `\`await strapi.plugin('${PLUGIN_ID}').service('suggestions').reindex()\`).`
  );
  return { stale: true, indexed, scorer };
};
