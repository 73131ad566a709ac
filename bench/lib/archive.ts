// A synthetic archive written the fast way for benches: bulk knex inserts instead of the Document
// Service with the plugin's hooks (~20 ms a story, an hour at 100,000), plus the timing helpers.
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { tableOf } from '../../server/src/utils/db';
import { toBlocks, type SyntheticArchive, type SyntheticStory } from '../../tests/helpers/news-archive';

export const time = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
  const started = process.hrtime.bigint();
  const result = await work();
  return [Number(process.hrtime.bigint() - started) / 1e6, result];
};

export const documentId = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(24), (byte) => alphabet[byte % alphabet.length]).join('');
};

/** Bulk-inserts the archive: correspondents through the Document Service, articles and bylines through knex. */
export const seed = async (strapi: Core.Strapi, archive: SyntheticArchive) => {
  const people: Array<{ documentId: string; id: number }> = [];
  for (const name of archive.correspondents) {
    const created = await strapi.documents(UIDS.correspondent).create({ data: { name } });
    people.push({ documentId: created.documentId, id: Number((created as unknown as { id: number }).id) });
  }
  const articles = tableOf(strapi, UIDS.article);
  const a = articles.column;
  const bylines = (strapi.db.metadata.get(UIDS.article).attributes.correspondents as { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName: string } }).joinTable;
  const db = strapi.db.connection;
  const ids = new Map<string, string>();
  const CHUNK = 200;
  for (let start = 0; start < archive.stories.length; start += CHUNK) {
    const chunk = archive.stories.slice(start, start + CHUNK);
    const rows = chunk.flatMap((story: SyntheticStory, offset) => {
      const id = documentId();
      ids.set(story.key, id);
      const date = new Date(story.dateMs);
      const base = {
        [a('documentId')]: id,
        [a('locale')]: 'ru',
        [a('title')]: story.title,
        [a('slug')]: `story-${start + offset}`,
        [a('lead')]: story.lead,
        [a('body')]: JSON.stringify(toBlocks(story.paragraphs)),
        [a('tags')]: JSON.stringify(story.tags),
        [a('publicationDate')]: date,
        [a('views')]: 0,
        [a('createdAt')]: date,
        [a('updatedAt')]: date,
      };
      return [
        { ...base, [a('publishedAt')]: null },
        { ...base, [a('publishedAt')]: date },
      ];
    });
    await db.transaction(async (trx) => {
      await trx(articles.name).insert(rows);
      const inserted = (await trx(articles.name)
        .whereIn(a('documentId'), chunk.map((story) => ids.get(story.key) as string))
        .select({ id: a('id'), documentId: a('documentId') })) as Array<{ id: number; documentId: string }>;
      const person = new Map(chunk.map((story) => [ids.get(story.key) as string, people[story.correspondent].id]));
      await trx(bylines.name).insert(
        inserted.map((row) => ({ [bylines.joinColumn.name]: row.id, [bylines.inverseJoinColumn.name]: person.get(row.documentId), [bylines.orderColumnName]: 1 }))
      );
    });
  }
  return ids;
};

