import type { Knex } from 'knex';

import { TABLES } from '../../server/src/models';
import { AUTOVACUUM_RUNS_SQL } from '../../server/src/utils/db';
import { readStored } from '../../server/src/services/suggestions/engine/read';
import { databaseClient } from '../helpers/database';
import { bootForFile } from '../helpers/strapi';
import { createStory, LOCALE, publish, setRelated } from '../helpers/stories';

const booted = bootForFile();

/** The plugin's prepared statements that read stored suggestions, on the transaction's own connection (PostgreSQL keeps them per session). */
const preparedOn = async (trx: Knex.Transaction): Promise<string[]> => {
  const { rows } = (await trx.raw(`select name, statement from pg_prepared_statements where name like 'newsroom\\_%'`)) as { rows: Array<{ name: string; statement: string }> };
  return rows.filter((row) => row.statement.includes(TABLES.suggestions)).map((row) => row.name);
};

describe('preparedStatements', () => {
  it("reads the same rows with prepared statements on, off and 'auto'; on PostgreSQL the connection keeps the read prepared when on, and with 'auto' only while autovacuum runs", async () => {
    const { strapi } = booted;
    // The test apps run PostgreSQL's reads prepared, as a server with autovacuum does (tests/helpers/strapi.ts).
    expect(strapi.config.get('plugin::newsroom.preparedStatements')).toBe(true);
    const cited = await createStory(strapi, { title: 'История, на которую ссылаются' });
    const citer = await createStory(strapi, { title: 'История со ссылкой' }, { publish: false });
    await setRelated(strapi, citer.documentId, [{ target: cited.documentId }]);
    await publish(strapi, citer.documentId);

    const readOnOneConnection = (prepared: boolean | 'auto', limit = 5) => {
      strapi.config.set('plugin::newsroom.preparedStatements', prepared);
      return strapi.db.connection.transaction(async (trx) => {
        const before = databaseClient() === 'postgres' ? await preparedOn(trx) : [];
        const stories = await readStored(strapi, trx, [cited.documentId], LOCALE, { limit });
        const after = databaseClient() === 'postgres' ? await preparedOn(trx) : [];
        return { stories: stories.map(({ documentId, title, reasons }) => ({ documentId, title, reasons: reasons.map((reason) => reason.kind) })), before, after };
      });
    };
    const plain = await readOnOneConnection(false);
    const prepared = await readOnOneConnection(true);
    // 'auto' (the default) prepares only while autovacuum runs: without it PostgreSQL never plans a named statement again
    // as the tables grow. Another limit is another statement text, so the connection cannot hold it from the reads above.
    const auto = await readOnOneConnection('auto', 4);
    strapi.config.set('plugin::newsroom.preparedStatements', true);
    const autovacuum =
      databaseClient() === 'postgres' && ((await strapi.db.connection.raw(AUTOVACUUM_RUNS_SQL)) as { rows: Array<{ runs: boolean }> }).rows[0].runs === true;

    expect(auto.stories).toEqual(plain.stories);
    expect(auto.after).toHaveLength(auto.before.length + (autovacuum ? 1 : 0));
    expect(plain.stories).toEqual([{ documentId: citer.documentId, title: 'История со ссылкой', reasons: ['cites'] }]);
    expect(prepared.stories).toEqual(plain.stories);
    // Off: the read prepares nothing (the connection may hold it from an earlier read). On: the connection holds it afterwards.
    expect(plain.after).toEqual(plain.before);
    expect(prepared.after).toHaveLength(databaseClient() === 'postgres' ? 1 : 0);
  });
});
