import type { Core } from '@strapi/strapi';
import { createStrapi } from '@strapi/strapi';

import { createTestDatabase, type TestDatabase } from './database';
import { superAdmin, type AdminSession } from './http';
import { PLAYGROUND, PLAYGROUND_DIST } from './paths';

export interface BootOptions {
  /** Load the playground's sample story on bootstrap (off by default: tests bring their own data). */
  sample?: boolean;
  /** Extra environment for the playground's config files (e.g. NEWSROOM_MAX_RELATED). */
  env?: Record<string, string>;
  /** Reuse a database (to boot a second time on the same data); a new one by default. */
  database?: TestDatabase;
}

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** Stops Strapi; drops the database unless `keepDatabase`. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** Boots the real playground (plugin sources, real database) and mounts its HTTP server. */
export const bootStrapi = async (options: BootOptions = {}): Promise<TestApp> => {
  const database = options.database ?? (await createTestDatabase());
  // No example front end (preview, webhook) unless a test brings one.
  // PostgreSQL reads run prepared, as on a server with autovacuum: this machine's has it off, where the plugin's default ('auto') would not.
  const env = { ...database.env, NEWSROOM_SKIP_SAMPLE: options.sample ? 'false' : 'true', FRONT_END_URL: '', NEWSROOM_PREPARED_STATEMENTS: 'true', ...options.env };
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND_DIST, autoReload: false, serveAdminPanel: false });
  try {
    await strapi.load();
    strapi.server.mount();
    // Listening for the app's lifetime, with room for a burst: supertest would otherwise listen and close per request, and 1,000 simultaneous requests overflowed the default backlog under load (ECONNRESET).
    await new Promise<void>((resolve, reject) => {
      strapi.server.httpServer.once('error', reject);
      strapi.server.httpServer.listen(0, '127.0.0.1', 4096, () => resolve());
    });
  } catch (error) {
    await strapi.destroy().catch(() => undefined);
    throw error;
  }
  return {
    strapi,
    database,
    async stop({ keepDatabase = false } = {}) {
      await strapi.destroy();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      if (!keepDatabase) await database.drop();
    },
  };
};

/** A booted app, its Strapi and a logged-in super admin: the start of most HTTP tests. */
export const bootWithAdmin = async (options: BootOptions = {}): Promise<{ app: TestApp; strapi: Core.Strapi; admin: AdminSession }> => {
  const app = await bootStrapi(options);
  return { app, strapi: app.strapi, admin: await superAdmin(app.strapi) };
};

export interface BootedFile {
  app: TestApp;
  strapi: Core.Strapi;
  admin: AdminSession;
}

/** One app for the whole test file with a super admin: booted before its tests, stopped after. Reboots assign `app` and `strapi` anew. */
export const bootForFile = (options: BootOptions = {}): BootedFile => {
  const booted = {} as BootedFile;
  beforeAll(async () => {
    booted.app = await bootStrapi(options);
    booted.strapi = booted.app.strapi;
    booted.admin = await superAdmin(booted.strapi);
  });
  afterAll(() => booted.app?.stop());
  return booted;
};
