// `npm run newsroom -- <command>`: maintenance commands of the plugin, run against the playground's
// database (DATABASE_CLIENT & co., as `npm run develop` uses them).
//
//   reindex [--fresh] [--batch 250]   recompute every story's related-story suggestions, with a
//                                     progress bar; continues an interrupted run unless --fresh
//   drain                             work off queued suggestion jobs (e.g. left by a crash)
//   status                            the reindex checkpoint, the scorer versions and the size of the index
//
// In a deployed app without this repository, the same work runs from `npx strapi console`:
//   await strapi.plugin('newsroom').service('suggestions').reindex({ onProgress: console.log })
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.STRAPI_LOG_LEVEL ??= 'warn';
process.env.STRAPI_STARTUP_LOG = 'false';

import path from 'node:path';

import cliProgress from 'cli-progress';
import { TABLES } from '../server/src/models';
import { indexVersion, scorerVersion } from '../server/src/services/suggestions/engine/version';

const REPO = path.resolve(__dirname, '..');
const PLAYGROUND = path.join(REPO, 'playground');
const usage = () => {
  console.log('usage: npm run newsroom -- reindex [--fresh] [--batch N] | drain | status');
  process.exit(2);
};

const main = async () => {
  const [command, ...flags] = process.argv.slice(2);
  if (!['reindex', 'drain', 'status'].includes(command)) usage();
  const fresh = flags.includes('--fresh');
  const batchAt = flags.indexOf('--batch');
  const batchSize = batchAt >= 0 ? Number(flags[batchAt + 1]) : undefined;
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) usage();

  process.chdir(PLAYGROUND);
  // The plugin's TypeScript sources (tests/plugin-sources), as the tests load them: no build needed.
  process.env.NEWSROOM_PLUGIN_FROM = 'sources';
  // Required here, not imported: @strapi/core reads the environment and .env of the working directory when first loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileStrapi, createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const compiled = await compileStrapi({ appDir: PLAYGROUND, ignoreDiagnostics: true });
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: compiled.distDir, autoReload: false, serveAdminPanel: false });
  await strapi.load();
  const service = strapi.plugin('newsroom').service('suggestions') as import('../server/src/services/suggestions/index').SuggestionsService;
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    console.log('\ninterrupted: the checkpoint is saved after each batch; run the same command again to continue.');
    process.exit(130);
  });

  try {
    if (command === 'status') {
      const db = strapi.db.connection;
      const count = async (table: string) => Number(((await db(table).count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
      console.log('checkpoint:', JSON.stringify(await strapi.store.get({ type: 'plugin', name: 'newsroom', key: 'suggestions-reindex' })));
      console.log(`scorer: the index was built by ${(await indexVersion(strapi)) ?? 'an unrecorded (earlier) release'}, this code scores with ${scorerVersion()}`);
      console.log(`indexed stories: ${await count(TABLES.suggestDocs)}, index rows: ${await count(TABLES.suggestTerms)}, stored suggestions: ${await count(TABLES.suggestions)}, queued jobs: ${await count(TABLES.suggestJobs)}`);
    } else if (command === 'drain') {
      await service.drain();
      console.log('queue drained');
    } else {
      const bar = new cliProgress.SingleBar(
        { format: '{phase} |{bar}| {percentage}% | {value}/{total} stories | {duration_formatted} (ETA {eta_formatted})', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
        cliProgress.Presets.shades_classic
      );
      let phase = '';
      const result = await service.reindex({
        fresh,
        batchSize,
        onProgress: (progress) => {
          const label = progress.phase === 'index' ? 'index  ' : `score ${progress.locale ?? ''}`.padEnd(7);
          if (progress.phase !== phase) {
            if (phase) bar.stop();
            phase = progress.phase;
            bar.start(progress.total, progress.done, { phase: label });
          }
          bar.update(progress.done, { phase: label });
        },
      });
      bar.stop();
      console.log(
        `${result.resumed ? 'resumed and finished' : 'finished'} in ${result.seconds.toFixed(1)} s: ${result.indexed} stories (re)indexed, ${result.removed} no longer published removed, ${result.scored} lists computed`
      );
    }
  } finally {
    if (!interrupted) await strapi.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  }
);
