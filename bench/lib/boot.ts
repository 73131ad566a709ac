import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { compileStrapi, createStrapi, type Core } from '@strapi/strapi';

import { createTestDatabase, type DatabaseClient, type TestDatabase } from '../../tests/helpers/database';
import { PLAYGROUND, PLAYGROUND_DIST, REPO } from '../../tests/helpers/paths';
import { isPostgres } from '../../server/src/utils/db';
import { checkPreparedStatements, usesPreparedStatements } from '../../server/src/utils/fixed-reads';

const PLUGIN_SOURCES = path.join(REPO, 'server', 'src');

const newestMtime = (dir: string, skip: (file: string) => boolean): number => {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip(full)) continue;
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full, skip) : fs.statSync(full).mtimeMs);
  }
  return newest;
};

/** Strapi loads only compiled config: compile the playground when its config or src is newer than dist. */
const ensurePlaygroundCompiled = async () => {
  const skipAdmin = (file: string) => file.startsWith(path.join(PLAYGROUND, 'src', 'admin'));
  const sources = Math.max(newestMtime(path.join(PLAYGROUND, 'config'), skipAdmin), newestMtime(path.join(PLAYGROUND, 'src'), skipAdmin));
  const compiled = fs.existsSync(path.join(PLAYGROUND_DIST, 'config', 'database.js'))
    ? fs.statSync(path.join(PLAYGROUND_DIST, 'config', 'database.js')).mtimeMs
    : 0;
  if (compiled >= sources) return;
  console.log('compiling the playground (config or src changed)…');
  await compileStrapi({ appDir: PLAYGROUND, ignoreDiagnostics: true });
};

/** The plugin's fixed reads change with the server's statistics (preparedStatements 'auto'): each bench says which way they went. */
const sayHowPostgresReads = (strapi: Core.Strapi, when: string) => {
  const setting = strapi.config.get('plugin::newsroom.preparedStatements');
  const why = setting === 'auto' ? ': no statistics, no autovacuum' : '';
  const how = usesPreparedStatements(strapi) ? 'named prepared statements' : `planned on every call (preparedStatements ${JSON.stringify(setting)}${why})`;
  console.log(`PostgreSQL ${when}: the plugin's fixed reads are ${how}`);
};

/**
 * After a seed: PostgreSQL's statistics as a live database has them (autovacuum would take them a minute later; this
 * machine's server runs none), and the plugin's fixed reads as it then runs them. No effect elsewhere.
 */
export const takeStatistics = async (app: BenchApp) => {
  if (!isPostgres(app.strapi)) return;
  await app.strapi.db.connection.raw('ANALYZE');
  await checkPreparedStatements(app.strapi);
  sayHowPostgresReads(app.strapi, 'after ANALYZE');
};

/** Counts knex `query` events (every statement, transaction control included) while `active`. */
export interface QueryCounter {
  measure<T>(work: () => Promise<T>): Promise<{ result: T; queries: string[] }>;
}

const createQueryCounter = (strapi: Core.Strapi): QueryCounter => {
  let log: string[] | null = null;
  strapi.db.connection.on('query', (query: { sql?: string }) => {
    if (log) log.push(query.sql ?? '?');
  });
  return {
    async measure(work) {
      log = [];
      try {
        const result = await work();
        return { result, queries: log };
      } finally {
        log = null;
      }
    },
  };
};

export interface BootOptions {
  db: DatabaseClient;
  /** Runs between Strapi's register and bootstrap phases (add services, controllers, routes). */
  beforeBootstrap?: (strapi: Core.Strapi) => void | Promise<void>;
  /** Runs after bootstrap, before the server listens (add raw routes, grant permissions). */
  beforeListen?: (strapi: Core.Strapi) => void | Promise<void>;
  /** Wrap the plugin's Document Service middlewares so `hooks.enabled = false` skips them. */
  hookSwitch?: boolean;
}

export interface BenchApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  url: string;
  queries: QueryCounter;
  /** The plugin's Document Service middlewares run only while `enabled` (with `hookSwitch`). */
  hooks: { enabled: boolean; wrapped: number };
  stop(): Promise<void>;
}

/**
 * One real Strapi instance of the playground (plugin sources, a throwaway database), listening on
 * 127.0.0.1 and a free port. `stop()` shuts it down and drops the database.
 */
export const bootBench = async (options: BootOptions): Promise<BenchApp> => {
  process.env.DATABASE_CLIENT = options.db;
  await ensurePlaygroundCompiled();
  // The plugin's TypeScript sources (tests/plugin-sources), so the bench measures the code in the tree.
  process.env.NEWSROOM_PLUGIN_FROM = 'sources';
  const database = await createTestDatabase(`newsroom_bench_${Date.now().toString(36)}`);
  Object.assign(process.env, database.env);

  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND_DIST, autoReload: false, serveAdminPanel: false });
  const hooks = { enabled: true, wrapped: 0 };
  if (options.hookSwitch) {
    // A middleware registered from the plugin's sources (register.ts) gets a switch; others are untouched.
    const documents = strapi.documents as unknown as { use: (middleware: Middleware) => unknown };
    type Middleware = (context: unknown, next: () => Promise<unknown>) => Promise<unknown>;
    const use = documents.use;
    documents.use = (middleware: Middleware) => {
      const fromPlugin = (new Error().stack ?? '').includes(PLUGIN_SOURCES + path.sep);
      if (!fromPlugin) return use(middleware);
      hooks.wrapped += 1;
      return use((context, next) => (hooks.enabled ? middleware(context, next) : next()));
    };
  }

  const stop = async () => {
    await strapi.destroy().catch((error: unknown) => console.error('strapi.destroy failed:', error));
    await database.drop().catch((error: unknown) => console.error('dropping the bench database failed:', error));
  };

  try {
    await strapi.register();
    await options.beforeBootstrap?.(strapi);
    await strapi.bootstrap();
    (strapi as unknown as { isLoaded: boolean }).isLoaded = true;
    await options.beforeListen?.(strapi);
    const queries = createQueryCounter(strapi);
    const port = await new Promise<number>((resolve, reject) => {
      const server = strapi.server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
      server.once('error', reject);
    });
    if (options.db === 'postgres') sayHowPostgresReads(strapi, 'at boot');
    if (options.hookSwitch && hooks.wrapped === 0) throw new Error('hookSwitch: no Document Service middleware was registered from the plugin sources');
    return { strapi, database, url: `http://127.0.0.1:${port}`, queries, hooks, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
