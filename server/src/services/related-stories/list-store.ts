import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import type { NormalizedEntry } from '../../../../shared/schemas/related-stories';
import { TABLES } from '../../models';
import { localeKey, newDocumentIdSql, tableOf } from '../../utils/db';

export type ListVersion = 'draft' | 'published';

export interface StoredEntry extends NormalizedEntry {
  position: number;
}

/** A story in one locale, as the admin routes name it (locale null without i18n). */
export interface StoryRef {
  documentId: string;
  locale: string | null;
}

export interface ListOwner {
  documentId: string;
  locale: string | null | undefined;
}

/**
 * The rows of the lists (one related-link row per entry, per story, locale and version) and each
 * draft list's revision. Callers hold a transaction: the query engine joins it through Strapi's
 * transaction context.
 */
export const listStore = (strapi: Core.Strapi) => {
  const articles = () => tableOf(strapi, UIDS.article);

  const links = () => strapi.db.query(UIDS.relatedLink);
  const listWhere = (owner: ListOwner, version: ListVersion) => ({
    article: owner.documentId,
    articleLocale: localeKey(owner.locale),
    version,
  });

  const readRows = async (owner: ListOwner, version: ListVersion): Promise<StoredEntry[]> => {
    const rows = await links().findMany({
      where: listWhere(owner, version),
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: ['target', 'url', 'label', 'position'],
    });
    return rows.map((row) => ({ target: row.target ?? null, url: row.url ?? null, label: row.label ?? null, position: row.position }));
  };

  /** `empty`: the caller knows the version has no rows (a first publish), so there is nothing to delete. */
  const writeRows = async (owner: ListOwner, version: ListVersion, entries: NormalizedEntry[], empty = false) => {
    if (!empty) await links().deleteMany({ where: listWhere(owner, version) });
    if (entries.length === 0) return;
    const now = new Date();
    await links().createMany({
      data: entries.map((entry, position) => ({
        ...listWhere(owner, version),
        position,
        target: entry.target,
        url: entry.url,
        label: entry.label,
        // related-link has no draft & publish: its rows count as published, as Strapi's own do.
        publishedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    });
  };

  /**
   * Copies the `from` list over the `to` list of the same story in one `insert … select` (no read): the rows
   * `writeRows` would write from `readRows`, positions 0…n−1 in the editors' order, each with a documentId of its own.
   * `empty`: the caller knows `to` has no rows (a first publish), so there is nothing to delete.
   */
  const copyRows = async (trx: Knex.Transaction, owner: ListOwner, from: ListVersion, to: ListVersion, empty = false) => {
    if (!empty) await links().deleteMany({ where: listWhere(owner, to) });
    const { name, column } = tableOf(strapi, UIDS.relatedLink);
    const now = new Date();
    const copied: Array<[string, Knex.Raw | string]> = [
      [column('documentId'), trx.raw(newDocumentIdSql(strapi))],
      [column('article'), column('article')],
      [column('articleLocale'), column('articleLocale')],
      [column('version'), trx.raw('?', [to])],
      [column('position'), trx.raw('row_number() over (order by ??, ??) - 1', [column('position'), 'id'])],
      [column('target'), column('target')],
      [column('url'), column('url')],
      [column('label'), column('label')],
      // related-link has no draft & publish: its rows count as published, as Strapi's own do.
      [column('publishedAt'), trx.raw('?', [now])],
      [column('createdAt'), trx.raw('?', [now])],
      [column('updatedAt'), trx.raw('?', [now])],
    ];
    const source = trx(name)
      .where({ [column('article')]: owner.documentId, [column('articleLocale')]: localeKey(owner.locale), [column('version')]: from })
      .select(copied.map(([, value]) => value))
      .toSQL();
    await trx.raw(`insert into ?? (${copied.map(() => '??').join(', ')}) ${source.sql}`, [name, ...copied.map(([target]) => target), ...source.bindings]);
  };

  /** The story's draft now differs from what readers have: the Content Manager shows it as modified and offers Publish. */
  const markDraftModified = async (trx: Knex.Transaction, owner: ListOwner) => {
    const { name, column } = articles();
    const draft = trx(name).where(column('documentId'), owner.documentId).whereNull(column('publishedAt'));
    if (owner.locale) draft.andWhere(column('locale'), owner.locale);
    await draft.update({ [column('updatedAt')]: new Date() });
  };

  const readRevision = async (trx: Knex.Transaction, owner: ListOwner) => {
    const row = await trx(TABLES.listRevisions).where({ document_id: owner.documentId, locale: localeKey(owner.locale) }).first('revision');
    return Number(row?.revision ?? 0);
  };

  /**
   * Moves the list's revision one up (compare-and-set when `expected` is given); false when `expected` is stale.
   * UPDATE before INSERT: MySQL's INSERT IGNORE on an existing row takes a shared lock, and two savers
   * holding one deadlock on their UPDATEs.
   */
  const advanceRevision = async (trx: Knex.Transaction, owner: ListOwner, expected?: number): Promise<boolean> => {
    const key = { document_id: owner.documentId, locale: localeKey(owner.locale) };
    const bump = async () => (await trx(TABLES.listRevisions).where(expected === undefined ? key : { ...key, revision: expected }).increment('revision', 1)) > 0;
    if (await bump()) return true;
    // No row yet (the list was never saved), or a stale `expected`.
    await trx(TABLES.listRevisions).insert({ ...key, revision: 0 }).onConflict(['document_id', 'locale']).ignore();
    return bump();
  };

  return { links, listWhere, readRows, writeRows, copyRows, markDraftModified, readRevision, advanceRevision };
};
