import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { PLUGIN_ID, UIDS } from '../../../shared/manifest';
import { getConfig } from '../config';
import { isPostgres, rowsOf, tableOf } from './db';

/** The plugin's fixed reads (SQL text built once), run as named prepared statements on PostgreSQL when their plans can keep up. */

/** Stands in for a value while a read is compiled (`compiledRead`); never sent to the database. */
const PARAM = '\u0000param:';

/** Per app, read at boot: whether PostgreSQL's statistics on the articles table exist or will (autovacuum). */
const plansKeepUp = new WeakMap<Core.Strapi, boolean>();

/**
 * Whether generic plans will be right. A named statement keeps its generic plan until the statistics of its tables
 * change. Once the articles table has statistics, they tell the planner that a documentId or a slug names one row,
 * however much the table grows. Before that, the plan is a guess made on a nearly empty table, and it can read a
 * whole locale for one story. Autovacuum, which runs only with track_counts on, takes the statistics soon after the
 * first rows arrive; without it they exist only once someone ran ANALYZE.
 */
export const PLANS_KEEP_UP_SQL = `select (current_setting('autovacuum') = 'on' and current_setting('track_counts') = 'on')
  or exists (select 1 from pg_stats where schemaname = current_schema() and tablename = ? and attname = ?) as keep_up`;

/** Resolves `preparedStatements: 'auto'` (at boot, and again when a caller knows the statistics changed). */
export const checkPreparedStatements = async (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return;
  const articles = tableOf(strapi, UIDS.article);
  const result = await strapi.db.connection.raw(PLANS_KEEP_UP_SQL, [articles.name, articles.column('documentId')]);
  const keepUp = rowsOf<{ keep_up: boolean }>(strapi, result)[0]?.keep_up === true;
  plansKeepUp.set(strapi, keepUp);
  if (getConfig(strapi).preparedStatements === 'auto' && !keepUp) {
    strapi.log.info(
      `[${PLUGIN_ID}] PostgreSQL's autovacuum does not run and the articles table has no statistics: the plugin plans each read afresh (preparedStatements 'auto'); after an ANALYZE a restart prepares them`
    );
  }
};

/** Whether the plugin's fixed reads run as named prepared statements on this app (PostgreSQL only). */
export const usesPreparedStatements = (strapi: Core.Strapi) => {
  if (!isPostgres(strapi)) return false;
  const setting = getConfig(strapi).preparedStatements;
  return setting === 'auto' ? plansKeepUp.get(strapi) === true : setting;
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
