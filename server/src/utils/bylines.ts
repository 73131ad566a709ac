import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { UIDS } from '../../../shared/manifest';
import { tableOf } from './db';

export interface Byline {
  id: number;
  documentId: string;
  name: string;
  role: string | null;
  slug: string | null;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName: string;
}

/** The article ↔ correspondent join table, from Strapi's metadata. */
export const bylinesTable = (strapi: Core.Strapi): JoinTable => (strapi.db.metadata.get(UIDS.article).attributes.correspondents as { joinTable: JoinTable }).joinTable;

/** The correspondents of several article rows, in byline order: one query. */
export const loadBylines = async (strapi: Core.Strapi, articleIds: number[], db: Knex = strapi.db.connection): Promise<Map<number, Byline[]>> => {
  const result = new Map<number, Byline[]>();
  if (articleIds.length === 0) return result;
  const join = bylinesTable(strapi);
  const people = tableOf(strapi, UIDS.correspondent);
  const rows = (await db({ l: join.name })
    .join({ c: people.name }, `c.${people.column('id')}`, `l.${join.inverseJoinColumn.name}`)
    .whereIn(`l.${join.joinColumn.name}`, articleIds)
    .orderBy([{ column: `l.${join.joinColumn.name}` }, { column: `l.${join.orderColumnName}` }, { column: 'l.id' }])
    .select({
      articleId: `l.${join.joinColumn.name}`,
      id: `c.${people.column('id')}`,
      documentId: `c.${people.column('documentId')}`,
      name: `c.${people.column('name')}`,
      role: `c.${people.column('role')}`,
      slug: `c.${people.column('slug')}`,
    })) as Array<Byline & { articleId: number }>;
  for (const { articleId, ...person } of rows) {
    const list = result.get(Number(articleId)) ?? [];
    list.push({ ...person, id: Number(person.id) });
    result.set(Number(articleId), list);
  }
  return result;
};

/** Names only, for the admin's lists. */
export const loadBylineNames = async (strapi: Core.Strapi, articleIds: number[]): Promise<Map<number, string[]>> =>
  new Map([...(await loadBylines(strapi, articleIds))].map(([id, people]) => [id, people.map((person) => person.name)]));
