// node -r esbuild-register bench/quality-offline.ts [--archives old,heldout,heldout2,heldout3,synthetic] [--steps] [--no-recency] [--squeeze DAYS] [--rerank]
// The scorer's precision without a database (see bench/lib/offline-quality.ts), for trying changes.
// --no-recency: recency floor 1 (dates ignored); --squeeze 3: every archive's dates moved into 3 days (see squeezeDates).
// --rerank: each list in shared-neighbour order, as the plugin reads it (server/src/services/suggestions/engine/neighbours.ts); without it, the stored score's order.
// --steps: the table of the real-text analysis steps, added one at a time (analysisSteps in analysis.ts).
import { analysisSteps } from '../server/src/services/suggestions/text/analysis';
import { HELD_OUT_2_DIR, HELD_OUT_3_DIR, HELD_OUT_DIR, loadRealNews, REAL_NEWS_DIR } from '../tests/helpers/real-news';
import { DEFAULT_OPTIONS, offlineRealPrecision, offlineSyntheticPrecision } from './lib/offline-quality';

const DIRS: Record<string, string> = { old: REAL_NEWS_DIR, heldout: HELD_OUT_DIR, heldout2: HELD_OUT_2_DIR, heldout3: HELD_OUT_3_DIR };

type Step = keyof typeof analysisSteps;
const STEPS = Object.keys(analysisSteps) as Step[];

const measure = async (archives: string[], worst: boolean, recency: boolean, squeeze?: number, rerank = false) => {
  const options = recency ? DEFAULT_OPTIONS : { ...DEFAULT_OPTIONS, recencyFloor: 1 };
  const cells: string[] = [];
  for (const name of archives) {
    if (name === 'synthetic') {
      cells.push(`synthetic ${(await offlineSyntheticPrecision(1000, options, squeeze, rerank)).toFixed(3)}`);
      continue;
    }
    const report = await offlineRealPrecision(loadRealNews(DIRS[name]), options, false, squeeze, rerank);
    cells.push(`${name} ${report.precision.toFixed(3)}${worst ? ` (worst: ${report.events.slice(0, 4).map((event) => `${event.event} ${event.precision.toFixed(2)}`).join(', ')})` : ''}`);
  }
  return cells.join(' | ');
};

const main = async () => {
  const args = process.argv.slice(2);
  const at = args.indexOf('--archives');
  const archives = at >= 0 ? args[at + 1].split(',') : ['old', 'synthetic'];
  const recency = !args.includes('--no-recency');
  const squeezeAt = args.indexOf('--squeeze');
  const squeeze = squeezeAt >= 0 ? Number(args[squeezeAt + 1]) : undefined;
  if (!args.includes('--steps')) {
    console.log(await measure(archives, true, recency, squeeze, args.includes('--rerank')));
    return;
  }
  for (let on = 0; on <= STEPS.length; on += 1) {
    STEPS.forEach((step, index) => (analysisSteps[step] = index < on));
    console.log(`${on === 0 ? 'before' : `+ ${STEPS[on - 1]}`}: ${await measure(archives, on === STEPS.length, recency, squeeze)}`);
  }
};

void main();
