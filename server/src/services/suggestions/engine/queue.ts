import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../../../shared/manifest';
import { TABLES } from '../../../models';
import { BACKGROUND_YIELD_MS, editorWrites } from '../../../utils/editor-writes';

/** A claimed job is someone's for this long; past it, any instance may take it again. */
const LEASE_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 5;
/** A burst of publishes is worked off once it pauses (this long without a new job here), or this long after its first job at the latest. */
const QUIET_MS = 100;
const MAX_WAIT_MS = 1000;

interface JobRow {
  id: number;
  document_id: string;
  locale: string;
  requested_at: number | string;
  claimed_until: number | string;
  attempts: number | string;
}

/**
 * The recompute queue, kept in `newsroom_suggest_jobs` so that it survives a restart and any
 * instance can run it. A publish adds a job once its transaction has committed (the editor's save
 * never waits for, nor fails because of, suggestions), then this instance works the queue in the
 * background. A job is claimed with a lease (compare-and-set on `claimed_until`), finished only if
 * nobody asked again meanwhile, and retried with a growing delay when the work throws.
 */
/**
 * Background work runs in the async context of module load, outside any request or transaction.
 * Created here, not in createQueue: Strapi instantiates services lazily, and a service first used
 * inside a transaction (the sample loader, a publish) would capture that transaction for good.
 */
const root = new AsyncResource(`${PLUGIN_ID}-suggestions`);

/** A job's `requested_at`: the time in ms times 1000 plus a random part, unique per request, so a finished run never swallows a newer request made in the same millisecond. */
const stamp = () => Date.now() * 1000 + Math.floor(Math.random() * 1000);
/** When the oldest of `jobs` was asked for (ms, read back from its stamp): background work may wait for editors until a while after it. */
const askedAt = (jobs: JobRow[]) => Math.min(...jobs.map((job) => Math.floor(Number(job.requested_at) / 1000)));

export const createQueue = (strapi: Core.Strapi, batchSize: number, work: (documentIds: string[], locale: string, askedAtMs: number) => Promise<void>) => {
  let running: Promise<void> | null = null;
  let again = false;
  let waiting: { timer: NodeJS.Timeout; since: number } | null = null;
  let stopped = false;
  /** Jobs on their way into the table (after a commit, before the insert). */
  const adding = new Set<Promise<void>>();
  const db = () => strapi.db.connection;

  /**
   * Claims the oldest jobs of one locale, up to `batchSize`: one compare-and-set for a single job;
   * for several, one UPDATE whose lease end is also a ticket naming the jobs this run took.
   */
  const claim = async (): Promise<JobRow[]> => {
    for (let tries = 0; tries < 5; tries += 1) {
      const now = Date.now();
      const oldest = (await db()(TABLES.suggestJobs).where('claimed_until', '<=', now).orderBy([{ column: 'requested_at' }, { column: 'id' }]).limit(batchSize)) as JobRow[];
      if (oldest.length === 0) return [];
      const jobs = oldest.filter((job) => job.locale === oldest[0].locale);
      if (jobs.length === 1) {
        const [job] = jobs;
        const taken = await db()(TABLES.suggestJobs)
          .where({ id: job.id, claimed_until: job.claimed_until })
          .update({ claimed_until: now + LEASE_MS, attempts: Number(job.attempts) + 1 });
        if (taken === 1) return jobs;
        continue;
      }
      const ticket = now + LEASE_MS + Math.floor(Math.random() * 60_000);
      const ids = jobs.map((job) => job.id);
      const taken = await db()(TABLES.suggestJobs).whereIn('id', ids).where('claimed_until', '<=', now).update({ claimed_until: ticket, attempts: db().raw('?? + 1', ['attempts']) });
      if (taken === jobs.length) return jobs;
      if (taken === 0) continue;
      const mine = new Set(((await db()(TABLES.suggestJobs).whereIn('id', ids).where('claimed_until', ticket).pluck('id')) as Array<number | string>).map(Number));
      return jobs.filter((job) => mine.has(Number(job.id)));
    }
    return [];
  };

  const runOne = async (job: JobRow) => {
    try {
      await work([job.document_id], job.locale, askedAt([job]));
      const done = await db()(TABLES.suggestJobs).where({ id: job.id, requested_at: job.requested_at }).delete();
      // Asked again while it ran: leave it, unclaimed, for the next turn.
      if (done === 0) await db()(TABLES.suggestJobs).where({ id: job.id }).update({ claimed_until: 0, attempts: 0 });
    } catch (error) {
      const attempts = Number(job.attempts) + 1;
      strapi.log.error(`[${PLUGIN_ID}] suggestions for ${job.document_id} (${job.locale || '-'}) failed (attempt ${attempts}): ${(error as Error).message}`);
      await (attempts >= MAX_ATTEMPTS
        ? db()(TABLES.suggestJobs).where({ id: job.id }).delete()
        : db()(TABLES.suggestJobs).where({ id: job.id }).update({ claimed_until: Date.now() + 1000 * 2 ** attempts }));
    }
  };

  /** Several jobs in one pass; if the pass fails, each job runs (and is retried) on its own. */
  const run = async (jobs: JobRow[]) => {
    if (jobs.length === 1) return runOne(jobs[0]);
    try {
      await work(
        jobs.map((job) => job.document_id),
        jobs[0].locale,
        askedAt(jobs)
      );
    } catch (error) {
      strapi.log.warn(`[${PLUGIN_ID}] suggestions for ${jobs.length} stories in one pass failed, one by one now: ${(error as Error).message}`);
      for (const job of jobs) await runOne(job);
      return;
    }
    const done = await db()(TABLES.suggestJobs)
      .where((q) => {
        for (const job of jobs) q.orWhere({ id: job.id, requested_at: job.requested_at });
      })
      .delete();
    // Those asked again while the pass ran are still there: unclaimed, for the next turn.
    if (done < jobs.length) await db()(TABLES.suggestJobs).whereIn('id', jobs.map((job) => job.id)).update({ claimed_until: 0, attempts: 0 });
  };

  const loop = async () => {
    while (!stopped) {
      // Each pass (one story, or a burst's batch) starts once the editors' writes in flight are done.
      await editorWrites.yieldTo(BACKGROUND_YIELD_MS);
      const jobs = await claim();
      if (jobs.length === 0) return;
      await run(jobs);
    }
  };

  const queue = {
    /** Starts working the queue unless this instance already is; never throws. */
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = new Promise<void>((resolve) => {
        root.runInAsyncScope(() =>
          setImmediate(() => {
            loop()
              .catch((error: Error) => strapi.log.error(`[${PLUGIN_ID}] suggestions queue: ${error.message}`))
              .finally(() => {
                running = null;
                resolve();
                if (again) {
                  again = false;
                  queue.kick();
                }
              });
          })
        );
      });
    },

    /** Kicks the worker once the jobs stop coming (QUIET_MS), so a burst is recomputed in few passes. */
    kickSoon() {
      if (stopped) return;
      const since = waiting?.since ?? Date.now();
      if (waiting) clearTimeout(waiting.timer);
      const timer = setTimeout(() => {
        waiting = null;
        queue.kick();
      }, Math.max(0, Math.min(QUIET_MS, since + MAX_WAIT_MS - Date.now())));
      // Shutdown does not wait for it: idle() and the next boot's drain work the table off.
      timer.unref();
      waiting = { timer, since };
    },

    /** Shutdown: no new pass, the current one and the jobs on their way in finish before the database closes; what is left waits in the table for the next drain. */
    async stop() {
      stopped = true;
      if (waiting) clearTimeout(waiting.timer);
      waiting = null;
      await Promise.all([...adding]);
      if (running) await running;
    },

    /** Starts a waiting kick now (idle, drain). */
    kickNow() {
      if (!waiting) return;
      clearTimeout(waiting.timer);
      waiting = null;
      queue.kick();
    },

    /** Records the request (idempotent per story and locale) and kicks the worker. */
    async add(documentId: string, locales: string[]) {
      const requested = stamp();
      const rows = [...new Set(locales)].map((locale) => ({ document_id: documentId, locale, requested_at: requested, claimed_until: 0, attempts: 0 }));
      if (rows.length === 0) return;
      await db()(TABLES.suggestJobs).insert(rows).onConflict(['document_id', 'locale']).merge(['requested_at', 'claimed_until', 'attempts']);
      queue.kickSoon();
    },

    /**
     * From a document hook: adds the jobs once the surrounding transaction commits (nothing if it
     * rolls back). Errors are logged, never thrown into the editor's save.
     */
    async schedule(documentId: string, locales: string[]) {
      const enqueue = () => {
        const added = new Promise<void>((resolve) => {
          root.runInAsyncScope(() =>
            setImmediate(() => {
              queue
                .add(documentId, locales)
                .catch((error: Error) => strapi.log.error(`[${PLUGIN_ID}] could not queue suggestions for ${documentId}: ${error.message}`))
                .finally(resolve);
            })
          );
        });
        adding.add(added);
        void added.finally(() => adding.delete(added));
      };
      try {
        if (strapi.db.inTransaction()) await strapi.db.transaction(async ({ onCommit }) => onCommit(enqueue));
        else enqueue();
      } catch (error) {
        strapi.log.error(`[${PLUGIN_ID}] could not schedule suggestions for ${documentId}: ${(error as Error).message}`);
      }
    },

    async pending(documentId: string, locale: string) {
      return Boolean(await db()(TABLES.suggestJobs).where({ document_id: documentId, locale }).first('id'));
    },

    /** Resolves when this instance has nothing left to do (tests, the reindex command, shutdown). */
    async idle() {
      for (;;) {
        if (adding.size > 0) await Promise.all([...adding]);
        queue.kickNow();
        if (!running) return;
        await running;
      }
    },
  };
  return queue;
};

export type SuggestQueue = ReturnType<typeof createQueue>;
