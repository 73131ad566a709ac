import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import type { PublicTag } from '../../../../shared/contracts/public-api';
import { TABLES } from '../../models';
import { inTransaction, isSqlite, localeKey } from '../../utils/db';
import { containsPattern, foldText } from '../../utils/fold';
import { getService } from '../../utils/services';
import { carryOver } from './carry-over';

/** Slug of a tag whose name has no letter or digit ("#", "…"). */
const FALLBACK_SLUG = 'tag';
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Slugs other writers may take between the read of the taken ones and an insert. */
const MAX_RACES = 100;

interface CatalogRow {
  name: string;
  name_key: string;
  slug: string;
}

const toTag = (row: CatalogRow): PublicTag => ({ name: row.name, slug: row.slug });

/**
 * The tag catalogue: one tag per name and locale (case-insensitive, ё = е), each with a slug from
 * the plugin's transliteration, unique in its locale. Stories store the catalogue's `{ name, slug }`
 * objects; the public API, tag pages, filters and suggestions all read those.
 */
const tagsService = ({ strapi }: { strapi: Core.Strapi }) => {
  // A kk tag is transliterated with the Kazakh table, like a kk story's slug.
  const slugBase = (name: string, locale: string) => (HAS_LETTER_OR_DIGIT.test(name) ? getService(strapi, 'slug').fromTitle(name, locale) : FALLBACK_SLUG);

  /**
   * Adds one tag; a simultaneous writer may take its name (then theirs is the tag) or its slug (then
   * the next suffix). The read after the insert locks, so MySQL's repeatable read sees the other
   * writer's committed row instead of its own older snapshot.
   */
  const insert = async (trx: Knex.Transaction, locale: string, name: string): Promise<CatalogRow> => {
    const key = foldText(name);
    const base = slugBase(name, locale);
    const taken = new Set<string>(
      (await trx(TABLES.tagCatalog)
        .where({ locale })
        .andWhere((q) => q.where('slug', base).orWhere('slug', 'like', `${base}-%`))
        .pluck('slug')) as string[]
    );
    for (let n = 1; n <= taken.size + MAX_RACES; n += 1) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (taken.has(slug)) continue;
      await trx(TABLES.tagCatalog).insert({ locale, name, name_key: key, slug }).onConflict().ignore();
      const read = trx(TABLES.tagCatalog).where({ locale, name_key: key }).first('name', 'name_key', 'slug');
      if (!isSqlite(strapi)) read.forShare();
      const row = (await read) as CatalogRow | undefined;
      if (row) return row;
    }
    throw new Error(`tag "${name}" (${locale}): no free slug after ${MAX_RACES} simultaneous writers`);
  };

  return {
    /**
     * The catalogue's tags for `names` in a locale, in their order, without repeats: an existing tag
     * whatever the case or ё of the name given, a new one (with its slug) otherwise.
     */
    async resolve(names: string[], locale: string | null): Promise<PublicTag[]> {
      const keys = [...new Set(names.map(foldText).filter(Boolean))];
      if (keys.length === 0) return [];
      return inTransaction(strapi, async (trx) => {
        const found = new Map<string, CatalogRow>();
        const rows = (await trx(TABLES.tagCatalog).where({ locale: localeKey(locale) }).whereIn('name_key', keys).select('name', 'name_key', 'slug')) as CatalogRow[];
        for (const row of rows) found.set(row.name_key, row);
        for (const name of names) {
          const key = foldText(name);
          if (key && !found.has(key)) found.set(key, await insert(trx, localeKey(locale), name.trim().replace(/\s+/g, ' ')));
        }
        return keys.map((key) => toTag(found.get(key) as CatalogRow));
      });
    },

    /** Tags of a locale whose name contains `text` (case-insensitive, ё = е): names starting with it first. */
    async search(text: string, locale: string | null, limit: number): Promise<PublicTag[]> {
      const prefix = `${foldText(text).replace(/[!%_]/g, (char) => `!${char}`)}%`;
      const rows = (await strapi.db
        .connection(TABLES.tagCatalog)
        .where({ locale: localeKey(locale) })
        .whereRaw(`name_key like ? escape '!'`, [containsPattern(text)])
        .orderByRaw(`case when name_key like ? escape '!' then 0 else 1 end`, [prefix])
        .orderBy('name_key', 'asc')
        .limit(limit)
        .select('name', 'name_key', 'slug')) as CatalogRow[];
      return rows.map(toTag);
    },

    async findBySlug(slug: string, locale: string | null): Promise<PublicTag | null> {
      const row = (await strapi.db.connection(TABLES.tagCatalog).where({ locale: localeKey(locale), slug }).first('name', 'name_key', 'slug')) as CatalogRow | undefined;
      return row ? toTag(row) : null;
    },

    /** The folded names a `filters[tags]` value stands for: the value as a name, and the name of the tag whose slug it is. */
    async filterKeys(value: string, locale: string | null): Promise<string[]> {
      const bySlug = await this.findBySlug(value, locale);
      return [...new Set([foldText(value), ...(bySlug ? [foldText(bySlug.name)] : [])])];
    },

    /** Carries tags stored as bare names (before the catalogue) over to catalogue tags; see `carry-over.ts`. */
    carryOver: () => carryOver(strapi),
  };
};

export type TagsService = ReturnType<typeof tagsService>;
export default tagsService;
