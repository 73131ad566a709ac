import type { Core, Modules } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { fieldError } from '../utils/errors';
import { getService } from '../utils/services';
import type { ListOwner, NormalizedEntry } from '../services/related-stories';
import { afterWrite } from './after-write';
import { defaultLocale } from '../utils/locale';

type Data = Record<string, unknown>;

interface LinkParams {
  documentId?: string;
  data?: Data;
}

interface LinkRow {
  id: number;
  documentId: string;
  article: string;
  articleLocale: string | null;
  version: 'draft' | 'published';
  position: number;
  target: string | null;
  url: string | null;
  label: string | null;
}

const OWNER_FIELDS = ['article', 'articleLocale', 'version'] as const;

const toEntry = (row: Pick<LinkRow, 'target' | 'url' | 'label'>): NormalizedEntry => ({
  target: row.target ?? null,
  url: row.url ?? null,
  label: row.label ?? null,
});

const pick = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : null);

/**
 * Writes to single related-link entries (the Content Manager, the REST API, other code) obey the
 * same rules as a whole-list save: the entry's list is rebuilt, checked whole, and renumbered.
 * Only draft lists are written here; published lists change by publishing their story.
 */
export const relatedLinkMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (context, next) => {
    if (context.uid !== UIDS.relatedLink) return next();
    const action = context.action as string;
    const params = context.params as LinkParams;
    if (!['create', 'update', 'delete', 'clone'].includes(action)) return next();
    if (action === 'clone') {
      throw fieldError(['documentId'], 'cannot be cloned: add the entry to the list instead');
    }
    const outcome = await strapi.db.transaction(async () => {
      const links = strapi.db.query(UIDS.relatedLink);
      const related = getService(strapi, 'related-stories');
      const existing = params.documentId
        ? ((await links.findOne({ where: { documentId: params.documentId } })) as LinkRow | null)
        : null;
      if (action !== 'create' && !existing) return next();
      if (existing?.version === 'published') {
        throw fieldError(['version'], 'is "published": the published list changes only when its story is published');
      }

      const data = (params.data ??= {});
      let owner: ListOwner;
      if (action === 'create') {
        const article = pick(data, 'article');
        if (!article) throw fieldError(['article'], 'is required: the documentId of the story whose list holds this entry');
        if ((data.version ?? 'draft') !== 'draft') {
          throw fieldError(['version'], 'must be "draft": the published list changes only when its story is published');
        }
        const locale = pick(data, 'articleLocale') ?? (await defaultLocale(strapi)) ?? '';
        const found = await strapi.db.query(UIDS.article).count({ where: { documentId: article, ...(locale ? { locale } : {}) } });
        if (found === 0) throw fieldError(['article'], `must be an existing story: no story "${article}"`);
        owner = { documentId: article, locale };
        Object.assign(data, { articleLocale: locale, version: 'draft' });
      } else {
        owner = { documentId: existing!.article, locale: existing!.articleLocale };
        for (const key of OWNER_FIELDS) {
          if (key in data && data[key] !== existing![key]) {
            throw fieldError([key], 'cannot change: remove the entry and add it to the other list instead');
          }
        }
      }

      // The list as it will be, in order, to check it whole before anything is written.
      const rows = (await links.findMany({
        where: { article: owner.documentId, articleLocale: owner.locale ?? '', version: 'draft' },
        orderBy: [{ position: 'asc' }, { id: 'asc' }],
      })) as LinkRow[];
      const others = rows.filter((row) => row.documentId !== existing?.documentId);
      let order: Array<LinkRow | 'self'> = others;
      if (action !== 'delete') {
        const requested = typeof data.position === 'number' ? data.position : existing ? rows.indexOf(existing) : others.length;
        const at = Math.max(0, Math.min(others.length, Math.trunc(requested)));
        order = [...others.slice(0, at), 'self', ...others.slice(at)];
        const merged = { ...(existing ?? {}), ...data } as LinkRow;
        await related.validate(
          owner,
          order.map((row) => (row === 'self' ? toEntry(merged) : toEntry(row)))
        );
        data.position = at;
      }

      const result = (await next()) as { documentId?: string } | null;
      // Renumber 0..n-1 so positions stay dense whichever way entries arrived.
      const selfId = result?.documentId ?? existing?.documentId;
      for (const [position, row] of order.entries()) {
        const documentId = row === 'self' ? selfId : row.documentId;
        if (documentId) await links.updateMany({ where: { documentId }, data: { position } });
      }
      await related.touch(owner);
      await afterWrite(strapi, { uid: UIDS.relatedLink, action, documentId: owner.documentId, locale: owner.locale ?? null });
      return result;
    });
    return outcome as Awaited<ReturnType<typeof next>>;
  };
