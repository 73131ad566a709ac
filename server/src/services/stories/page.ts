import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../../shared/manifest';
import type { DisplayLanguage } from '../../../../shared/dates';
import type { PublicArticleCard, PublicCorrection, PublicRelatedStory } from '../../../../shared/contracts/public-api';
import { getConfig } from '../../config';
import { bylinesTable } from '../../utils/bylines';
import { tableOf } from '../../utils/db';
import { compiledRead } from '../../utils/fixed-reads';
import type { KeySet } from '../pages/keys';
import { articleColumn, bySlugThenId, cardQuery, mediaTables, toCard, toMedia, type ArticleRow, type CardByline, type MediaRow, type StoryKey } from './cards';
import { correctionsQuery, toCorrection } from './corrections';
import { relatedQuery, toRelated, type RelatedRow } from './related';

/** The card columns plus, per byline, the join row, the correspondent and their photo (`photo_*`); the cover (`cover_*`) on every row. */
type PageRow = ArticleRow & {
  link_id: number | null;
  person_id: number | null;
  person_document_id: string;
  person_name: string;
  person_role: string | null;
  person_slug: string | null;
} & Record<string, unknown>;

const FILE_COLUMNS = ['url', 'alternative_text', 'width', 'height', 'formats'] as const;
/** Flat column aliases of a joined file (`cover_url`, …) ↔ the nested row `toMedia` reads. */
const fileColumns = (alias: string, prefix: string) => Object.fromEntries(FILE_COLUMNS.map((column) => [`${prefix}_${column}`, `${alias}.${column}`]));
const fileOf = (row: Record<string, unknown>, prefix: string): MediaRow => ({
  url: row[`${prefix}_url`] as string | null,
  alternative_text: row[`${prefix}_alternative_text`] as string | null,
  width: row[`${prefix}_width`] as number | null,
  height: row[`${prefix}_height`] as number | null,
  formats: row[`${prefix}_formats`],
});

/**
 * A story page's published row, cover, bylines in order and their photos in one statement (one row
 * per byline, at least one), where the card path reads bylines and media in two more. By `slug` or
 * by `documentId`, each through its own index.
 */
const readPage = compiledRead((strapi, db, { localized, by }: { localized: boolean; by: StoryKey }, param: (name: 'slugOrId' | 'locale') => string) => {
  const a = articleColumn(strapi);
  const bylines = bylinesTable(strapi);
  const people = tableOf(strapi, UIDS.correspondent);
  const c = (attribute: string) => `c.${people.column(attribute)}`;
  const m = mediaTables(strapi);
  const query = cardQuery(strapi, db, true)
    .leftJoin({ cm: m.morph }, function joinCover() {
      this.on(`cm.${m.relatedId}`, '=', a('id')).andOnVal(`cm.${m.relatedType}`, '=', UIDS.article).andOnVal('cm.field', '=', 'cover');
    })
    .leftJoin({ cf: m.files }, 'cf.id', `cm.${m.fileId}`)
    .leftJoin({ l: bylines.name }, `l.${bylines.joinColumn.name}`, a('id'))
    .leftJoin({ c: people.name }, c('id'), `l.${bylines.inverseJoinColumn.name}`)
    .leftJoin({ pm: m.morph }, function joinPhoto() {
      this.on(`pm.${m.relatedId}`, '=', c('id')).andOnVal(`pm.${m.relatedType}`, '=', UIDS.correspondent).andOnVal('pm.field', '=', 'photo');
    })
    .leftJoin({ pf: m.files }, 'pf.id', `pm.${m.fileId}`)
    .select({
      ...fileColumns('cf', 'cover'),
      link_id: 'l.id',
      person_id: c('id'),
      person_document_id: c('documentId'),
      person_name: c('name'),
      person_role: c('role'),
      person_slug: c('slug'),
      ...fileColumns('pf', 'photo'),
    })
    .andWhere(a(by), param('slugOrId'))
    .orderBy([{ column: a('id') }, { column: `l.${bylines.orderColumnName}` }, { column: 'l.id' }]);
  return localized ? query.andWhere(a('locale'), param('locale')) : query;
});

/** A story page's card (cover, bylines, photos) and its published row; null when no published story has that slug or documentId. */
export const loadPageCard = async (
  strapi: Core.Strapi,
  db: Knex,
  slugOrId: string,
  locale: string | null,
  lang: DisplayLanguage,
  keys?: KeySet
): Promise<{ row: ArticleRow; card: PublicArticleCard } | null> => {
  const rows = await bySlugThenId((by) => readPage<PageRow>(strapi, db, { localized: Boolean(locale), by }, { slugOrId, locale }));
  const [first] = rows;
  if (!first) return null;
  const seen = new Set<number>();
  const byline: CardByline[] = [];
  for (const row of rows) {
    // Rows of another story (a documentId equal to this slug), bylineless rows, and a link joined to two photo rows (never written by Strapi for a single media field).
    if (Number(row.id) !== Number(first.id) || row.person_id === null || seen.has(Number(row.link_id))) continue;
    seen.add(Number(row.link_id));
    byline.push({ id: Number(row.person_id), documentId: row.person_document_id, name: row.person_name, role: row.person_role ?? null, slug: row.person_slug ?? null, photo: toMedia(fileOf(row, 'photo')) });
  }
  return { row: first, card: toCard(strapi, first, byline, toMedia(fileOf(first, 'cover')), lang, keys) };
};

type ExtraRow = RelatedRow & { kind: 'related' | 'correction'; ord: number | string; row_id: number | string };

/** The published related list and the corrections of a story page: one statement (the two unioned), where each took one. */
const readExtras = compiledRead((strapi, db, { limit, localized }: { limit: number; localized: boolean }, param: (name: 'documentId' | 'locale' | 'articleId') => string) =>
  db
    .select('*')
    .from(relatedQuery(strapi, db, param('documentId'), param('locale'), limit, localized).as('r'))
    .unionAll(correctionsQuery(strapi, db, param('articleId')))
);

/** Editors' order within each part of the union (sorted here: a few rows, where the database sorted them in a temporary tree). */
const byOrder = (x: ExtraRow, y: ExtraRow) => Number(x.ord) - Number(y.ord) || Number(x.row_id) - Number(y.row_id);

/** A story page's related entries and corrections, from its published row. */
export const loadPageExtras = async (strapi: Core.Strapi, db: Knex, row: ArticleRow, lang: DisplayLanguage, keys?: KeySet): Promise<{ related: PublicRelatedStory[]; corrections: PublicCorrection[] }> => {
  const rows = (await readExtras<ExtraRow>(strapi, db, { limit: getConfig(strapi).maxRelated, localized: row.locale !== null }, { documentId: row.document_id, locale: row.locale ?? '', articleId: row.id })).sort(byOrder);
  const related = await toRelated(strapi, db, rows.filter((extra) => extra.kind === 'related'), row.document_id, row.locale, lang, keys);
  return { related, corrections: rows.filter((extra) => extra.kind === 'correction').map(toCorrection) };
};
