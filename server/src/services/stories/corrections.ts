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

/** The corrections of one article row, in the editors' order: one query over Strapi's component tables. */
export const loadCorrections = async (strapi: Core.Strapi, db: Knex, articleId: number): Promise<PublicCorrection[]> => {
  const join = (strapi.db.metadata.get(UIDS.article).attributes.corrections as unknown as { joinTable: ComponentJoinTable }).joinTable;
  const component = strapi.db.metadata.get(COMPONENTS.correction as never);
  const rows = (await db({ j: join.name })
    .join({ c: component.tableName }, 'c.id', `j.${join.inverseJoinColumn.name}`)
    .where(`j.${join.joinColumn.name}`, articleId)
    .andWhere('j.field', join.on.field)
    .orderBy([{ column: `j.${join.orderColumnName}` }, { column: 'j.id' }])
    .select({ date: 'c.date', text: 'c.text' })) as Array<{ date: unknown; text: string | null }>;
  return rows.map((row) => ({ date: toIso(row.date), text: row.text ?? '' }));
};
