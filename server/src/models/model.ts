import { PLUGIN_ID } from '../../../shared/manifest';

export interface ModelIndex {
  columns: string[];
  type?: 'unique';
}

/**
 * A table of the plugin's own, registered with Strapi's model registry so Strapi's schema sync
 * creates and migrates it on every database. Column names are the attribute names (snake_case),
 * which keeps the raw SQL of the atomic paths readable; indexes are named `<table>_<key>`.
 */
export const model = <TTable extends string, TAttributes extends Record<string, unknown>>(
  name: string,
  tableName: TTable,
  attributes: TAttributes,
  indexes: Record<string, ModelIndex>
) => ({
  uid: `plugin::${PLUGIN_ID}.${name}`,
  singularName: name,
  tableName,
  attributes: { id: { type: 'increments' }, ...attributes },
  indexes: Object.entries(indexes).map(([key, index]) => ({ name: `${tableName}_${key}`, ...index })),
});

/** Text keys default to '' (`locale` is '' for stories without i18n), so composite unique keys never hold NULL. */
export const text = () => ({ type: 'string', column: { notNullable: true, defaultTo: '' } });
/** Short keys keep composite indexes under MySQL's 3072-byte key limit with utf8mb4. */
export const key = (length: number) => ({ type: 'string', columnType: { type: 'string', args: [length] }, column: { notNullable: true, defaultTo: '' } });
export const int = () => ({ type: 'integer', column: { notNullable: true, defaultTo: 0 } });
export const big = () => ({ type: 'biginteger', column: { notNullable: true, defaultTo: 0 } });
