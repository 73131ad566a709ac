import { AsyncResource } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from '../../../../../shared/manifest';
import { TABLES } from '../../../models';

/** A claimed job is someone's for this long; past it, any instance may take it again. */
const LEASE_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 5;

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

export const createQueue = (strapi: Core.Strapi, work: (documentId: string, locale: string) => Promise<void>) => {
  let running: Promise<void> | null = null;
  let again = false;
  /** Jobs on their way into the table (after a commit, before the insert). */
  const adding = new Set<Promise<void>>();
  const db = () => strapi.db.connection;

  /** Unique per request, so a finished run never swallows a newer request made in the same millisecond. */
  const stamp = () => Date.now() * 1000 + Math.floor(Math.random() * 1000);

  const claim = async (): Promise<JobRow | null> => {
    for (let tries = 0; tries < 5; tries += 1) {
      const now = Date.now();
      const job = (await db()(TABLES.suggestJobs).where('claimed_until', '<=', now).orderBy([{ column: 'requested_at' }, { column: 'id' }]).first()) as JobRow | undefined;
      if (!job) return null;
      const taken = await db()(TABLES.suggestJobs)
        .where({ id: job.id, claimed_until: job.claimed_until })
        .update({ claimed_until: now + LEASE_MS, attempts: Number(job.attempts) + 1 });
      if (taken === 1) return job;
    }
    return null;
  };

  const runOne = async (job: JobRow) => {
    try {
      await work(job.document_id, job.locale);
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

  const loop = async () => {
    for (;;) {
      const job = await claim();
      if (!job) return;
      await runOne(job);
    }
  };

  const queue = {
    /** Starts working the queue unless this instance already is; never throws. */
    kick() {
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

    /** Records the request (idempotent per story and locale) and kicks the worker. */
    async add(documentId: string, locales: string[]) {
      const requested = stamp();
      const rows = [...new Set(locales)].map((locale) => ({ document_id: documentId, locale, requested_at: requested, claimed_until: 0, attempts: 0 }));
      if (rows.length === 0) return;
      await db()(TABLES.suggestJobs).insert(rows).onConflict(['document_id', 'locale']).merge(['requested_at', 'claimed_until', 'attempts']);
      queue.kick();
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
      while (adding.size > 0 || running) await Promise.all([...adding, running]);
    },
  };
  return queue;
};

export type SuggestQueue = ReturnType<typeof createQueue>;
