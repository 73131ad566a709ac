import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export const inTransaction = async <T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> =>
  (await strapi.db.transaction(({ trx }) => work(trx))) as T;

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
