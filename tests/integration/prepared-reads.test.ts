import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { TABLES } from '../../server/src/models';
import { readStored } from '../../server/src/services/suggestions/engine/read';
import { checkPreparedStatements, PLANS_KEEP_UP_SQL } from '../../server/src/utils/fixed-reads';
import { databaseClient } from '../helpers/database';
import { bootForFile } from '../helpers/strapi';
import { createStory, LOCALE, publish, setRelated } from '../helpers/stories';

const booted = bootForFile();
const postgres = databaseClient() === 'postgres';

/** How many times this connection ran the plugin's prepared reads of stored suggestions (PostgreSQL keeps them per session). */
const preparedRuns = async (trx: Knex.Transaction): Promise<number> => {
  const { rows } = (await trx.raw(`select statement, generic_plans + custom_plans as runs from pg_prepared_statements where name like 'newsroom\\_%'`)) as {
    rows: Array<{ statement: string; runs: string | number }>;
  };
  return rows.filter((row) => row.statement.includes(TABLES.suggestions)).reduce((sum, row) => sum + Number(row.runs), 0);
};

let cited: { documentId: string };
let citer: { documentId: string };

beforeAll(async () => {
  const { strapi } = booted;
  cited = await createStory(strapi, { title: 'История, на которую ссылаются' });
  citer = await createStory(strapi, { title: 'История со ссылкой' }, { publish: false });
  await setRelated(strapi, citer.documentId, [{ target: cited.documentId }]);
  await publish(strapi, citer.documentId);
  // The stored lists are computed after the publish: every read below must see the same ones.
  await strapi.plugin('newsroom').service('suggestions').idle();
});

/** Reads the stored suggestions of `cited` with the setting given; `prepared`: whether the read ran as a prepared statement. */
const readOnOneConnection = (strapi: Core.Strapi, setting: boolean | 'auto') => {
  strapi.config.set('plugin::newsroom.preparedStatements', setting);
  return strapi.db.connection.transaction(async (trx) => {
    const before = postgres ? await preparedRuns(trx) : 0;
    const stories = await readStored(strapi, trx, [cited.documentId], LOCALE, { limit: 5 });
    const prepared = postgres && (await preparedRuns(trx)) > before;
    return { stories: stories.map(({ documentId, title, reasons }) => ({ documentId, title, reasons: reasons.map((reason) => reason.kind) })), prepared };
  });
};

describe('preparedStatements', () => {
  afterEach(() => booted.strapi.config.set('plugin::newsroom.preparedStatements', true));

  it('reads the same rows with prepared statements on and off; on PostgreSQL the connection keeps the read prepared only when on', async () => {
    const { strapi } = booted;
    // The test apps run PostgreSQL's reads prepared, as a server with autovacuum does (tests/helpers/strapi.ts).
    expect(strapi.config.get('plugin::newsroom.preparedStatements')).toBe(true);
    const plain = await readOnOneConnection(strapi, false);
    const prepared = await readOnOneConnection(strapi, true);

    expect(plain.stories).toEqual([{ documentId: citer.documentId, title: 'История со ссылкой', reasons: ['cites', 'text', 'neighbours', 'time'] }]);
    expect(prepared.stories).toEqual(plain.stories);
    expect(plain.prepared).toBe(false);
    expect(prepared.prepared).toBe(postgres);
  });

  it("'auto' prepares on PostgreSQL only once the articles table has statistics, or autovacuum will take them", async () => {
    const { strapi } = booted;
    const autovacuum = postgres && ((await strapi.db.connection.raw("select current_setting('autovacuum') = 'on' and current_setting('track_counts') = 'on' as runs")) as { rows: Array<{ runs: boolean }> }).rows[0].runs;
    // The test database is new and nothing has analysed it: a plan made now would be a guess on a nearly empty table.
    await checkPreparedStatements(strapi);
    const before = await readOnOneConnection(strapi, 'auto');

    if (postgres) await strapi.db.connection.raw('analyze ??', [TABLES.articles]);
    await checkPreparedStatements(strapi);
    const analysed = await readOnOneConnection(strapi, 'auto');

    const plain = await readOnOneConnection(strapi, false);
    expect(before.stories).toEqual(plain.stories);
    expect(analysed.stories).toEqual(plain.stories);
    expect(before.prepared).toBe(autovacuum);
    expect(analysed.prepared).toBe(postgres);
    if (postgres) {
      const keepUp = (await strapi.db.connection.raw(PLANS_KEEP_UP_SQL, [TABLES.articles, 'document_id'])) as { rows: Array<{ keep_up: boolean }> };
      expect(keepUp.rows[0].keep_up).toBe(true);
    }
  });
});
