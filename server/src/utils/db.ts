import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

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

/** The rows of a `knex.raw` answer, whatever the driver: an array (SQLite), `{ rows }` (PostgreSQL), `[rows, fields]` (MySQL). */
export const rowsOf = <Row>(strapi: Core.Strapi, result: unknown): Row[] => {
  if (isMysql(strapi)) return (result as [Row[]])[0];
  return Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
};
