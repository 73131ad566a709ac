import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../../shared/manifest';
import { TABLES } from '../../models';
import { inTransaction, localeKey } from '../../utils/db';
import { articleScope } from '.';

/**
 * Old published slugs of renamed stories. A publish that changes a story's published slug keeps the
 * old one here and in the reservations (no other story can take it); a read of an old slug finds
 * the story's current published slug, so a chain of renames redirects straight to the last one.
 */
const slugRedirectsService = ({ strapi }: { strapi: Core.Strapi }) => {
  return {
    /** The published slug of each of `locales` before a write (a locale never published is absent). */
    async publishedSlugs(documentId: string, locales: string[]): Promise<Map<string, string>> {
      // The query engine, not raw knex: it runs in the publish's transaction.
      const rows = (await strapi.db.query(UIDS.article).findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale', 'slug'] })) as Array<{ locale: string | null; slug: string | null }>;
      return new Map(rows.filter((row) => row.slug && locales.includes(localeKey(row.locale))).map((row) => [localeKey(row.locale), row.slug as string]));
    },

    /** After a publish: each locale whose published slug changed keeps its old slug as a redirect. */
    async record(documentId: string, before: Map<string, string>) {
      if (before.size === 0) return;
      const after = await this.publishedSlugs(documentId, [...before.keys()]);
      await inTransaction(strapi, async (trx) => {
        for (const [locale, old] of before) {
          const current = after.get(locale);
          if (!current || current === old) continue;
          const scope = articleScope(locale);
          await trx(TABLES.slugRedirects).insert({ scope, slug: old, document_id: documentId }).onConflict(['scope', 'slug']).ignore();
          await trx(TABLES.slugs).insert({ scope, slug: old, document_id: documentId }).onConflict(['scope', 'slug']).ignore();
          // Renamed back to an old slug: it is the story's address again, not a redirect.
          await trx(TABLES.slugRedirects).where({ scope, slug: current, document_id: documentId }).delete();
        }
      });
    },

    /** Where an old slug points now: the story's current published slug in that locale, or null. */
    async resolve(slug: string, locale: string | null): Promise<{ documentId: string; slug: string } | null> {
      const redirect = (await strapi.db.connection(TABLES.slugRedirects).where({ scope: articleScope(locale), slug }).first('document_id')) as { document_id: string } | undefined;
      if (!redirect) return null;
      const current = (await this.publishedSlugs(redirect.document_id, [localeKey(locale)])).get(localeKey(locale));
      return current ? { documentId: redirect.document_id, slug: current } : null;
    },

    async forget(documentId: string, locale: string) {
      await inTransaction(strapi, (trx) => trx(TABLES.slugRedirects).where({ document_id: documentId, scope: articleScope(locale) }).delete());
    },
  };
};

export type SlugRedirectsService = ReturnType<typeof slugRedirectsService>;
export default slugRedirectsService;
