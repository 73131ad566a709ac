import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

import { UIDS } from '../../../../shared/manifest';
import { getConfig } from '../../config';
import { inTransaction, insertOrIgnore, localeKey, tableOf } from '../../utils/db';
import { baseTableFor, buildTable, toCustomReplacements, transliterate, type TransliterationTable } from './transliteration';
import { SLUG_MAX, slug as slugRule } from '../../../../shared/schemas/article-fields';
import { fieldError } from '../../utils/errors';
import { validate } from '../../utils/validate';
import { TABLES } from '../../models';



/** Slugs are unique within a scope: articles per locale, correspondents all together. */
export const articleScope = (locale: string | null | undefined) => `article:${localeKey(locale)}`;
export const CORRESPONDENT_SCOPE = 'correspondent';

/**
 * Slugs of articles and correspondents: transliterated from the title with the plugin's table, unique per locale.
 * Uniqueness is held by a unique index on (locale, slug) in the plugin's own table, so two
 * simultaneous creates of the same title get `x` and `x-2`, on every database and every instance.
 */
const slugService = ({ strapi }: { strapi: Core.Strapi }) => {
  const tables = new Map<TransliterationTable, TransliterationTable>();
  /** The locale's table (Kazakh for `kk`, Russian otherwise) with the config's overrides. */
  const getTable = (locale?: string | null) => {
    const base = baseTableFor(locale);
    let table = tables.get(base);
    if (!table) tables.set(base, (table = buildTable(getConfig(strapi).slug.table, base)));
    return table;
  };

  /** Inserts (locale, slug) for `owner` unless another document holds it; true when `owner` holds it after. */
  const claim = async (trx: Knex.Transaction, scope: string, slug: string, owner: string) => {
    if (await insertOrIgnore(strapi, trx, TABLES.slugs, { scope, slug, document_id: owner }, ['scope', 'slug'])) return true;
    // Already held: by another document, or by this one (an old slug it keeps).
    const row = await trx(TABLES.slugs).where({ scope, slug }).first('document_id');
    return row?.document_id === owner;
  };

  /** Slugs of `scope` that are `base` or `base-…`, held by documents other than `owner`. */
  const takenLike = async (db: Knex, scope: string, base: string, owner: string | null) => {
    const query = db(TABLES.slugs)
      .where({ scope })
      .andWhere((q) => q.where('slug', base).orWhere('slug', 'like', `${base}-%`));
    if (owner) query.andWhereNot('document_id', owner);
    return new Set<string>((await query.pluck('slug')) as string[]);
  };

  /** `base`, `base-2`, `base-3`, … */
  function* candidates(base: string) {
    yield base;
    for (let n = 2; ; n += 1) yield `${base}-${n}`;
  }

  return {
    /** `customReplacements` for the uid field (the Russian table), for a Content Manager whose uid service is not wrapped (see bootstrap). */
    uidFieldOptions() {
      return { decamelize: false, customReplacements: toCustomReplacements(getTable()) };
    },

    /** The slug body a title gives in a locale (Kazakh table for `kk`), before the uniqueness suffix. */
    fromTitle(title: string | null | undefined, locale?: string | null): string {
      const body = transliterate(title ?? '', getTable(locale)).slice(0, SLUG_MAX).replace(/-+$/, '');
      return body || getConfig(strapi).slug.fallback;
    },

    /** Throws a 400 naming `slug` when a hand-written slug breaks the pattern. */
    assertWellFormed(slug: string) {
      validate(slugRule, slug, { root: 'slug' });
    },

    /**
     * The slug a write leaves a document with, claimed for `owner` (null: the write leaves `slug` as
     * it is). The one policy of articles and correspondents: a hand-written slug is taken as given;
     * an emptied one is kept once `settled` (readers may have the address) and follows the title
     * otherwise; a document without a slug, or whose slug still `followsTitle`, gets the title's.
     */
    async forWrite(write: {
      scope: string;
      owner: string;
      data: Record<string, unknown>;
      current: { slug: string | null; title: string | null } | null;
      title: string | null | undefined;
      settled: boolean;
      followsTitle: boolean;
      /** The story's locale: picks the transliteration table (none: Russian). */
      locale?: string | null;
    }): Promise<string | null> {
      const { scope, owner, data, current } = write;
      const given = this.handWritten(data) ?? '';
      if (given !== '') {
        if (given !== current?.slug) await this.claimExact(scope, given, owner);
        return given;
      }
      const emptied = 'slug' in data;
      if (current?.slug && emptied && write.settled) return current.slug;
      if (!current?.slug || emptied || write.followsTitle) return this.claimUnique(scope, this.fromTitle(write.title ?? current?.title, write.locale), owner);
      return null;
    },

    /** The slug a write gives by hand (trimmed), or null when it gives none (absent, null or blank). */
    handWritten(data: Record<string, unknown>): string | null {
      const given = data.slug === undefined || data.slug === null ? '' : String(data.slug).trim();
      return given === '' ? null : given;
    },

    /** A placeholder owner for a document that does not exist yet; `adopt` hands it over. */
    pendingOwner: () => `pending:${randomUUID()}`,

    /** Claims `base`, else `base-2`, `base-3`, ... in `scope`; returns the slug now held by `owner`. */
    async claimUnique(scope: string, base: string, owner: string): Promise<string> {
      return inTransaction(strapi, async (trx) => {
        const taken = await takenLike(trx, scope, base, owner);
        for (const candidate of candidates(base)) {
          // A concurrent writer may take a free candidate between the read and the insert: try the next.
          if (!taken.has(candidate) && (await claim(trx, scope, candidate, owner))) return candidate;
        }
        throw new Error('unreachable: candidates never end');
      });
    },

    /** The slug `claimUnique` would give a new document of `scope` now (the Content Manager's preview); claims nothing. */
    async previewUnique(scope: string, base: string): Promise<string> {
      const taken = await takenLike(strapi.db.connection, scope, base, null);
      for (const candidate of candidates(base)) if (!taken.has(candidate)) return candidate;
      throw new Error('unreachable: candidates never end');
    },

    /** Claims a hand-written slug; a 400 naming `slug` when another document of the scope holds it. */
    async claimExact(scope: string, slug: string, owner: string): Promise<void> {
      this.assertWellFormed(slug);
      const held = await inTransaction(strapi, (trx) => claim(trx, scope, slug, owner));
      if (!held) {
        const rule = scope === CORRESPONDENT_SCOPE ? 'must be unique among correspondents' : 'must be unique per locale';
        throw fieldError(['slug'], `${rule}: "${slug}" is already used by another ${scope === CORRESPONDENT_SCOPE ? 'correspondent' : 'article'}`);
      }
    },

    /** Hands a pending claim to the document that now exists. */
    async adopt(pending: string, documentId: string) {
      await inTransaction(strapi, (trx) => trx(TABLES.slugs).where({ document_id: pending }).update({ document_id: documentId }));
    },

    /** Drops a story's claims on slugs none of its rows (draft or published, any locale) carries any more. */
    async releaseUnused(documentId: string) {
      const articles = tableOf(strapi, UIDS.article);
      await inTransaction(strapi, async (trx) => {
        const rows = (await trx(articles.name)
          .where(articles.column('documentId'), documentId)
          .select({ locale: articles.column('locale'), slug: articles.column('slug') })) as Array<{ locale: string | null; slug: string | null }>;
        const kept = new Set(rows.filter((row) => row.slug).map((row) => `${articleScope(row.locale)}\u0000${row.slug}`));
        // Old published slugs of a renamed story stay its own: they answer with a redirect.
        const redirects = (await trx(TABLES.slugRedirects).where({ document_id: documentId }).select('scope', 'slug')) as Array<{ scope: string; slug: string }>;
        for (const redirect of redirects) kept.add(`${redirect.scope}\u0000${redirect.slug}`);
        const claims = (await trx(TABLES.slugs).where({ document_id: documentId }).select('id', 'scope', 'slug')) as Array<{ id: number; scope: string; slug: string }>;
        const stale = claims.filter((claim) => !kept.has(`${claim.scope}\u0000${claim.slug}`)).map((claim) => claim.id);
        if (stale.length > 0) await trx(TABLES.slugs).whereIn('id', stale).delete();
      });
    },

    /** Drops every claim of a document but the one it now carries (correspondents). */
    async keepOnly(scope: string, documentId: string, slug: string | null) {
      await inTransaction(strapi, (trx) => trx(TABLES.slugs).where({ scope, document_id: documentId }).whereNot('slug', slug ?? '').delete());
    },

    /**
     * Claims every slug already in the articles table (installs over existing data, imports). Reads what is
     * missing first and claims it one idempotent insert at a time: two instances booting on one SQLite file
     * would otherwise each upgrade a read transaction to a write and one would fail as "database is locked".
     */
    async syncFromArticles() {
      const db = strapi.db.connection;
      const articles = tableOf(strapi, UIDS.article);
      const people = tableOf(strapi, UIDS.correspondent);
      const unclaimed = (table: string, slugColumn: string, scope: string) =>
        db({ s: TABLES.slugs })
          .where('s.scope', scope)
          .whereRaw('?? = ??', ['s.slug', `${table}.${slugColumn}`])
          .select(db.raw('1'));
      const locales = (await db(articles.name).distinct(articles.column('locale')).pluck(articles.column('locale'))) as Array<string | null>;
      const missing: Array<{ scope: string; slug: string; document_id: string }> = [];
      for (const locale of locales) {
        const scope = articleScope(locale);
        const query = db(articles.name)
          .distinct({ slug: articles.column('slug'), document_id: articles.column('documentId') })
          .whereNotNull(articles.column('slug'))
          .whereNotExists(unclaimed(articles.name, articles.column('slug'), scope));
        const rows = (await (locale === null ? query.whereNull(articles.column('locale')) : query.where(articles.column('locale'), locale))) as Array<{ slug: string; document_id: string }>;
        missing.push(...rows.map((row) => ({ scope, ...row })));
      }
      const bylines = (await db(people.name)
        .distinct({ slug: people.column('slug'), document_id: people.column('documentId') })
        .whereNotNull(people.column('slug'))
        .whereNotExists(unclaimed(people.name, people.column('slug'), CORRESPONDENT_SCOPE))) as Array<{ slug: string; document_id: string }>;
      missing.push(...bylines.map((row) => ({ scope: CORRESPONDENT_SCOPE, ...row })));
      for (const row of missing) await db(TABLES.slugs).insert(row).onConflict(['scope', 'slug']).ignore();
      return missing.length;
    },

    /** Drops every claim of a document in a scope (or in every scope). */
    async releaseAll(documentId: string, scope: string | '*') {
      await inTransaction(strapi, (trx) => {
        const query = trx(TABLES.slugs).where({ document_id: documentId });
        return (scope === '*' ? query : query.andWhere({ scope })).delete();
      });
    },
  };
};

export type SlugService = ReturnType<typeof slugService>;
export default slugService;
