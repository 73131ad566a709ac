import { createHash } from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

import { getConfig } from '../config';
import { PLUGIN_ID } from '../../../shared/manifest';

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export const inTransaction = async <T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
  (await strapi.db.transaction(({ trx }) => work(trx))) as T;

/**
 * Deadlock (MySQL 1213, PostgreSQL 40P01), serialization failure (40001) or SQLite busy (another process
 * holds the write lock this transaction's read wants to upgrade, as two instances on one file do): safe to run again.
 */
const isRetryable = (error: unknown) => {
  const { code, errno } = (error ?? {}) as { code?: string; errno?: number };
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === '40P01' || code === '40001' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
};

/**
 * Runs `work` (which opens its own transaction) again when the database picked it as a deadlock
 * victim. Inside a caller's transaction it runs once: the victim's whole transaction is gone, only the caller can retry it.
 */
export const retryOnDeadlock = async <T>(strapi: Core.Strapi, work: () => Promise<T>, attempts = 8): Promise<T> => {
  if (strapi.db.inTransaction()) return work();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      // Jittered and doubling (≤ 10 ms, then up to ≈ 0.6 s): 220 readers clicking one entry at once on MySQL outlasted five short waits.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
    }
  }
};

/** Table and column names of a content type, read from Strapi's metadata (never hand-written). */
export const tableOf = (strapi: Core.Strapi, uid: UID.Schema) => {
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute: string): string => {
    const definition = meta.attributes[attribute] as { columnName?: string } | undefined;
    if (!definition?.columnName) throw new Error(`${uid} has no column for "${attribute}"`);
    return definition.columnName;
  };
  return { name: meta.tableName, column };
};

/** The key the plugin's own tables use for a story's locale ('' for content without i18n). */
export const localeKey = (locale: string | null | undefined): string => locale ?? '';

export const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';
export const isMysql = (strapi: Core.Strapi) => ['mysql', 'mysql2'].includes(strapi.db.dialect.client as string);
export const isSqlite = (strapi: Core.Strapi) => strapi.db.dialect.client === 'sqlite';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * SQL giving each row of an `insert … select` a documentId of its own, shaped like Strapi's cuid2 ids
 * (24 characters of a–z0–9, a letter first): a random letter, then 23 random hex digits.
 */
export const newDocumentIdSql = (strapi: Core.Strapi): string => {
  if (isPostgres(strapi)) return `substr('${LETTERS}', 1 + floor(random() * 26)::int, 1) || substr(md5(random()::text || clock_timestamp()::text), 1, 23)`;
  if (isMysql(strapi)) return `concat(substr('${LETTERS}', 1 + floor(rand() * 26), 1), substr(md5(concat(rand(), uuid())), 1, 23))`;
  return `substr('${LETTERS}', 1 + abs(random()) % 26, 1) || substr(lower(hex(randomblob(12))), 1, 23)`;
};

/** Inserts `row` unless its unique `key` exists; true when it wrote the row (tables with an `id`). One statement on every database. */
export const insertOrIgnore = async (strapi: Core.Strapi, db: Knex | Knex.Transaction, table: string, row: Record<string, unknown>, key: string[]) => {
  const query = db(table).insert(row).onConflict(key).ignore();
  if (isMysql(strapi)) {
    // INSERT IGNORE answers insertId 0 when it wrote nothing.
    const [insertId] = (await query) as number[];
    return insertId > 0;
  }
  const returned = (await query.returning('id')) as unknown[];
  return returned.length > 0;
};

/** Deletes a story's rows (keyed `document_id`, `locale`; '*': every locale) from the plugin's tables, in the caller's transaction when there is one. */
export const deleteStoryRows = async (strapi: Core.Strapi, tables: string[], documentId: string, locale: string | null | '*') => {
  await strapi.db.transaction(async ({ trx }) => {
    for (const table of tables) {
      const query = trx(table).where({ document_id: documentId });
      if (locale !== '*') query.andWhere({ locale: localeKey(locale) });
      await query.delete();
    }
  });
};

/** Stands in for a value while a read is compiled (`compiledRead`); never sent to the database. */
const PARAM = '\u0000param:';

/** The rows of a `knex.raw` answer, whatever the driver: an array (SQLite), `{ rows }` (PostgreSQL), `[rows, fields]` (MySQL). */
export const rowsOf = <Row>(strapi: Core.Strapi, result: unknown): Row[] => {
  if (isMysql(strapi)) return (result as [Row[]])[0];
  return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
};

/** Per app, read once at boot: whether PostgreSQL's autovacuum (hence ANALYZE, which makes prepared plans again) runs. */
const autovacuumOn = new WeakMap<Core.Strapi, boolean>();
/** Autovacuum runs only with statistics collection on too. */
export const AUTOVACUUM_RUNS_SQL = "select current_setting('autovacuum') = 'on' and current_setting('track_counts') = 'on' as runs";

/**
 * Resolves `preparedStatements: 'auto'` at boot. A named statement keeps its generic plan until the table's statistics
 * change; with autovacuum off they never do, and a plan made while the articles table was empty scans a whole locale per read.
 */
export const checkPreparedStatements = async (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return;
  const runs = rowsOf<{ runs: boolean }>(strapi, await strapi.db.connection.raw(AUTOVACUUM_RUNS_SQL))[0]?.runs === true;
  autovacuumOn.set(strapi, runs);
  if (getConfig(strapi).preparedStatements === 'auto' && !runs) {
    strapi.log.info(`[${PLUGIN_ID}] PostgreSQL's autovacuum is off: the plugin plans each read afresh instead of preparing it (preparedStatements: 'auto')`);
  }
};

/** Whether the plugin's fixed reads run as named prepared statements on this app (PostgreSQL only). */
export const usesPreparedStatements = (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return false;
  const setting = getConfig(strapi).preparedStatements;
  return setting === 'auto' ? autovacuumOn.get(strapi) === true : setting;
};

const statementNames = new Map<string, string>();
/** PostgreSQL's name for a statement: the same text always gets the same name, on every connection. */
const statementName = (sql: string) => {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `newsroom_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
};

/**
 * Runs a read whose SQL text is fixed. On PostgreSQL it is a named prepared statement: each pooled
 * connection plans it once, where planning took two thirds of a stored-suggestion read (0.66 of 0.8 ms).
 */
export const runRead = async <Row>(strapi: Core.Strapi, db: Knex, sql: string, values: readonly unknown[]): Promise<Row[]> => {
  const query = db.raw(sql, values as Knex.RawBinding[]);
  // Only fixed texts come here (compiled reads, hand-written lookups), so the names stay few.
  if (usesPreparedStatements(strapi)) query.options({ name: statementName(sql) });
  return rowsOf<Row>(strapi, await query);
};

/**
 * A public read built with knex once per shape and then run from its SQL text: building and
 * compiling the builder took more CPU than running the statement. `shape` holds what changes the
 * SQL text (a config value, an optional clause); each value the statement takes goes through
 * `param(name)` and is bound on every run.
 */
export const compiledRead = <Shape, Param extends string>(build: (strapi: Core.Strapi, db: Knex, shape: Shape, param: (name: Param) => string) => Knex.QueryBuilder) => {
  // Per app, not per knex instance: a transaction is a new one each time, and the SQL text is the same in it.
  const compiled = new WeakMap<Core.Strapi, Map<string, { sql: string; bindings: readonly unknown[] }>>();
  return async <Row>(strapi: Core.Strapi, db: Knex, shape: Shape, params: Record<Param, unknown>): Promise<Row[]> => {
    let byShape = compiled.get(strapi);
    if (!byShape) compiled.set(strapi, (byShape = new Map()));
    const key = JSON.stringify(shape);
    let statement = byShape.get(key);
    if (!statement) {
      const { sql, bindings } = build(strapi, db, shape, (name) => `${PARAM}${name}`).toSQL();
      byShape.set(key, (statement = { sql, bindings: [...bindings] }));
    }
    const values = statement.bindings.map((value) => (typeof value === 'string' && value.startsWith(PARAM) ? params[value.slice(PARAM.length) as Param] : value));
    return runRead<Row>(strapi, db, statement.sql, values);
  };
};
