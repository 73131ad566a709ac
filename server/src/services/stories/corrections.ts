import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { COMPONENTS, UIDS } from '../../../../shared/manifest';
import type { PublicCorrection } from '../../../../shared/contracts/public-api';
import { toIso } from '../../utils/columns';

interface ComponentJoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  on: { field: string };
  orderColumnName: string;
}

/**
 * The corrections of one article row over Strapi's component tables, in the same columns as
 * `relatedQuery` (the text as `label`, the date as `publication_date`) so the story page reads both
 * in one statement; `ord` and `row_id` give the editors' order. `articleId` may be a subquery answering one id.
 */
export const correctionsQuery = (strapi: Core.Strapi, db: Knex, articleId: number | string | Knex.QueryBuilder) => {
  const join = (strapi.db.metadata.get(UIDS.article).attributes.corrections as unknown as { joinTable: ComponentJoinTable }).joinTable;
  const component = strapi.db.metadata.get(COMPONENTS.correction as never);
  const none = db.raw('null');
  return db({ j: join.name })
    .join({ c: component.tableName }, 'c.id', `j.${join.inverseJoinColumn.name}`)
    .where(`j.${join.joinColumn.name}`, articleId)
    .andWhere('j.field', join.on.field)
    .select({ kind: db.raw(`'correction'`), ord: `j.${join.orderColumnName}`, row_id: 'j.id', url: none, label: 'c.text', target: none, slug: none, title: none, publication_date: 'c.date' });
};

/** A correction as readers get it, from a `correctionsQuery` row. */
export const toCorrection = (row: { label: string | null; publication_date: unknown }): PublicCorrection => ({ date: toIso(row.publication_date), text: row.label ?? '' });
