import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../shared/manifest';
import { isMysql, tableOf } from '../../utils/db';
import { runRead } from '../../utils/fixed-reads';
import { keptLookups } from '../../utils/kept';

/** How long a found story is trusted without asking the database (another instance may unpublish it meanwhile). */
export const LOOKUP_TTL_MS = 1000;

export type PublishedRow = { documentId: string; locale: string | null; slug: string };

/**
 * One hand-written statement finds the published row a view is for, the i18n default locale read
 * by a sub-select of Strapi's core store (JSON text such as `"ru"`): a view costs no second round trip.
 */
export const publishedLookup = (strapi: Core.Strapi) => {
  let sql: string | undefined;
  const statement = () => {
    if (sql) return sql;
    const { name, column } = tableOf(strapi, UIDS.article);
    const q = (identifier: string) => (isMysql(strapi) ? `\`${identifier}\`` : `"${identifier}"`);
    const defaultLocale = `(select replace(${q('value')}, '"', '') from ${q('strapi_core_store_settings')} where ${q('key')} = 'plugin_i18n_default_locale' and ${q('environment')} is null and ${q('tag')} is null)`;
    // Without i18n the content has no locale to match.
    const localeMatch = strapi.plugin('i18n') ? ` and ${q(column('locale'))} = coalesce(?, ${defaultLocale})` : '';
    sql =
      `select ${q(column('documentId'))} as ${q('documentId')}, ${q(column('locale'))} as ${q('locale')}, ${q(column('slug'))} as ${q('slug')} from ${q(name)}` +
      ` where ${q(column('publishedAt'))} is not null and (${q(column('slug'))} = ? or ${q(column('documentId'))} = ?)${localeMatch} limit 1`;
    return sql;
  };
  // Found stories only: a story published a moment ago is never missed. Local writes clear it; another instance's unpublish shows within the TTL.
  const found = keptLookups<PublishedRow>(LOOKUP_TTL_MS);
  const lookup = (slugOrId: string, locale: string | null): Promise<PublishedRow | null> =>
    found.get(`${slugOrId}\u0000${locale ?? ''}`, async () => {
      const bindings = strapi.plugin('i18n') ? [slugOrId, slugOrId, locale] : [slugOrId, slugOrId];
      return (await runRead<PublishedRow>(strapi, strapi.db.connection, statement(), bindings))[0] ?? null;
    });
  return Object.assign(lookup, { clear: () => found.clear() });
};
