import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { readJson } from '../utils/columns';
import { tableOf } from '../utils/db';

type Roles = Record<string, string>;

/**
 * Per-story byline roles (`bylineRoles`), stored keyed by the correspondent's documentId: a slug can
 * be edited, a documentId cannot, and the form's byline-roles field knows documentIds, not slugs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** documentId of every correspondent a key names, by documentId or by slug: one query. */
  const resolveKeys = async (keys: string[]): Promise<Map<string, string>> => {
    const resolved = new Map<string, string>();
    if (keys.length === 0) return resolved;
    // The query engine, not raw knex: it joins the caller's transaction (a write's middleware runs in one).
    const rows = (await strapi.db.query(UIDS.correspondent).findMany({
      where: { $or: [{ documentId: { $in: keys } }, { slug: { $in: keys } }] },
      select: ['documentId', 'slug'],
    })) as Array<{ documentId: string; slug: string | null }>;
    for (const row of rows) resolved.set(row.documentId, row.documentId);
    // A documentId wins over a slug that happens to spell the same.
    for (const row of rows) if (row.slug && !resolved.has(row.slug)) resolved.set(row.slug, row.documentId);
    return resolved;
  };

  /** The same roles keyed by documentId; keys that name no correspondent are dropped (they could never be printed). */
  const rekey = (roles: Roles, resolved: Map<string, string>): Roles => {
    const result: Roles = {};
    for (const [key, role] of Object.entries(roles)) {
      const documentId = resolved.get(key);
      // An entry already keyed by documentId is kept over one that reached it through a slug.
      if (documentId && typeof role === 'string' && role !== '' && (key === documentId || !(documentId in result))) result[documentId] = role;
    }
    return result;
  };

  return {
    /** A write's roles keyed by documentId (code may key them by slug, as the previous version stored them). */
    async normalize(roles: Roles | null): Promise<Roles | null> {
      if (!roles) return null;
      const result = rekey(roles, await resolveKeys(Object.keys(roles)));
      return Object.keys(result).length ? result : null;
    },

    /**
     * Boot-time migration of stories written when roles were keyed by slug: every row, draft and
     * published, rewritten in place without hooks (a rewrite is not an edit). Running it again changes nothing.
     */
    async migrate(): Promise<number> {
      const articles = tableOf(strapi, UIDS.article);
      const column = articles.column('bylineRoles');
      const db = strapi.db.connection;
      const rows = (await db(articles.name).whereNotNull(column).select({ id: 'id', roles: column })) as Array<{ id: number; roles: unknown }>;
      const stored = rows
        .map((row) => ({ id: row.id, roles: readJson(row.roles) }))
        .filter((row): row is { id: number; roles: Roles } => typeof row.roles === 'object' && row.roles !== null && !Array.isArray(row.roles));
      const resolved = await resolveKeys([...new Set(stored.flatMap((row) => Object.keys(row.roles)))]);
      let changed = 0;
      for (const row of stored) {
        const next = rekey(row.roles, resolved);
        if (JSON.stringify(next) === JSON.stringify(row.roles)) continue;
        await db(articles.name)
          .where({ id: row.id })
          .update({ [column]: Object.keys(next).length ? JSON.stringify(next) : null });
        changed += 1;
      }
      return changed;
    },
  };
};
