import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../shared/manifest';

/**
 * Runs `write` (which writes what a buffer holds, putting it back and throwing when the database
 * refuses) one at a time, `intervalMs()` after something was buffered, and once more on stop.
 * A failing database is logged once per outage, not once per attempt.
 */
export const flushTimer = (strapi: Core.Strapi, what: string, intervalMs: () => number, write: () => Promise<void>) => {
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let failing = false;

  const attempt = async () => {
    try {
      await write();
      failing = false;
    } catch (error) {
      if (!failing) strapi.log.error(`[${PLUGIN_ID}] writing ${what} failed, kept in memory for the next flush: ${(error as Error).message}`);
      failing = true;
    }
  };

  const control = {
    /** After stop, callers write through instead of buffering. */
    get stopped() {
      return stopped;
    },
    schedule() {
      if (timer || stopped) return;
      timer = setTimeout(() => {
        timer = null;
        void control.flush();
      }, intervalMs());
      timer.unref();
    },
    async flush() {
      chain = chain.then(attempt);
      await chain;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await control.flush();
    },
  };
  return control;
};
