import type { SuggestionsService } from '../../server/src/services/suggestions';
import { indexVersion, scorerVersion } from '../../server/src/services/suggestions/engine/version';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { toBlocks } from '../helpers/news-archive';
import { createStory, databaseIdle } from '../helpers/stories';
import { bootStrapi, type TestApp } from '../helpers/strapi';

/** After an upgrade that changed the scorer, boot says once that the index needs a reindex. */
let database: TestDatabase;
let app: TestApp | undefined;

const suggestions = (current: TestApp) => current.strapi.plugin('newsroom').service('suggestions') as SuggestionsService;

/** Everything Strapi's logger printed while `work` ran (winston's console transport writes to the console's own stdout). */
const printedDuring = async (work: () => Promise<void>): Promise<string> => {
  const printed: string[] = [];
  const own = console as unknown as { _stdout?: NodeJS.WriteStream; _stderr?: NodeJS.WriteStream };
  const streams = new Set([process.stdout, process.stderr, own._stdout, own._stderr].filter((stream): stream is NodeJS.WriteStream => stream !== undefined));
  const spies = [...streams].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    }) as typeof stream.write)
  );
  const consoles = (['log', 'info', 'warn', 'error'] as const).map((method) => jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.join(' '))));
  try {
    await work();
  } finally {
    for (const spy of [...spies, ...consoles]) spy.mockRestore();
  }
  return printed.join('');
};

const reboot = async () => {
  if (app) {
    await databaseIdle(app.strapi);
    await app.stop({ keepDatabase: true });
  }
  app = undefined;
  const log = await printedDuring(async () => {
    app = await bootStrapi({ database });
  });
  return { app: app as unknown as TestApp, log };
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  if (app) await databaseIdle(app.strapi);
  await app?.stop();
  if (!app) await database?.drop();
});

const WARNING = 'npm run newsroom -- reindex';

describe('the scorer version of the suggestion index', () => {
  it('is recorded for an empty index, warned about once at boot when another version built the index, and recorded again by a reindex', async () => {
    const first = await reboot();
    expect(first.log).not.toContain(WARNING);
    expect(await indexVersion(first.app.strapi)).toBe(scorerVersion());

    // Stories indexed by this version: a reboot stays quiet.
    for (const title of ['Паводок в Атырауской области', 'Паводок: эвакуация в Атырауской области']) {
      await createStory(first.app.strapi, { title, body: toBlocks(['Вода подтопила дома, жителей эвакуировали.']), publicationDate: '2025-04-01T06:00:00Z' } as never);
    }
    await suggestions(first.app).idle();
    const quiet = await reboot();
    expect(quiet.log).not.toContain(WARNING);

    // An index built by another release (its version, or none recorded before this check existed).
    for (const recorded of ['0.older', null]) {
      await (app as TestApp).strapi.store.set({ type: 'plugin', name: 'newsroom', key: 'suggestions-scorer', value: recorded });
      const upgraded = await reboot();
      expect(upgraded.log.split(WARNING).length - 1).toBe(1);
      expect(upgraded.log).toContain(recorded ? 'scorer 0.older' : 'an earlier release');
      let check: unknown;
      await printedDuring(async () => {
        check = await suggestions(upgraded.app).checkIndexVersion();
      });
      expect(check).toMatchObject({ stale: true, indexed: recorded, scorer: scorerVersion() });
    }

    // A full reindex records this version; the next boot is quiet.
    await suggestions(app as TestApp).reindex({ fresh: true });
    expect(await indexVersion((app as TestApp).strapi)).toBe(scorerVersion());
    const done = await reboot();
    expect(done.log).not.toContain(WARNING);
  });
});
