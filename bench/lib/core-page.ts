import qs from 'qs';

/**
 * A story page built from Strapi's core REST API, the way a front end has to build it: the plugin
 * keeps related entries as `related-link` rows keyed by documentId strings, so a page takes three
 * requests in sequence, each needing the previous answer.
 *   1. the article by slug, with its correspondents (and their photos) and its cover;
 *   2. the published related-link rows of that article (its documentId from 1), in position order;
 *   3. the target stories of those rows (documentIds from 2) with title, slug and date.
 * The front end then puts 3 back in the order of 2. Counts are off (`withCount=false`) so core REST
 * does no extra COUNT query: the comparison gives core REST its best realistic query.
 */
export const CORE_PREFIX = '/api/newsroom/core';
export const CORE_LOCALE = 'ru';

const media = { fields: ['url', 'alternativeText', 'width', 'height', 'formats'] };

export const articlePath = (slug: string) =>
  `${CORE_PREFIX}/articles?${qs.stringify(
    {
      locale: CORE_LOCALE,
      filters: { slug: { $eq: slug } },
      fields: ['title', 'slug', 'lead', 'body', 'source', 'tags', 'publicationDate', 'views', 'bylineRoles', 'locale'],
      populate: { correspondents: { fields: ['name', 'role', 'slug'], populate: { photo: media } }, cover: media },
      pagination: { pageSize: 1, withCount: false },
    },
    { encodeValuesOnly: true }
  )}`;

export const linksPath = (documentId: string, maxRelated: number) =>
  `${CORE_PREFIX}/related-links?${qs.stringify(
    {
      filters: { article: { $eq: documentId }, articleLocale: { $eq: CORE_LOCALE }, version: { $eq: 'published' } },
      fields: ['target', 'url', 'label', 'position'],
      sort: ['position:asc'],
      pagination: { pageSize: maxRelated, withCount: false },
    },
    { encodeValuesOnly: true }
  )}`;

export const targetsPath = (documentIds: string[]) =>
  `${CORE_PREFIX}/articles?${qs.stringify(
    {
      locale: CORE_LOCALE,
      filters: { documentId: { $in: documentIds } },
      fields: ['title', 'slug', 'publicationDate'],
      pagination: { pageSize: Math.max(1, documentIds.length), withCount: false },
    },
    { encodeValuesOnly: true }
  )}`;

interface CoreArticle {
  documentId: string;
  title: string;
  slug: string;
  publicationDate: string | null;
  correspondents?: Array<{ name: string; role: string | null; slug: string | null }>;
}
interface CoreLink {
  target: string | null;
  url: string | null;
  label: string | null;
}

export interface PageSummary {
  title: string;
  slug: string;
  correspondents: Array<{ name: string; role: string | null; slug: string | null }>;
  related: Array<{ title: string; slug: string | null; publicationDate: string | null; external: boolean }>;
}

/** First answer → the article (or null). */
export const readArticle = (body: string): CoreArticle | null => {
  const data = (JSON.parse(body) as { data?: CoreArticle[] }).data;
  return data && data.length === 1 ? data[0] : null;
};

/** Second answer → the link rows in order. */
export const readLinks = (body: string): CoreLink[] => (JSON.parse(body) as { data?: CoreLink[] }).data ?? [];

/** Third answer + the first two → the related list in the editor's order (unpublished targets dropped). */
export const assemble = (article: CoreArticle, links: CoreLink[], targetsBody: string | null): PageSummary => {
  const targets = targetsBody ? ((JSON.parse(targetsBody) as { data?: CoreArticle[] }).data ?? []) : [];
  const byId = new Map(targets.map((target) => [target.documentId, target]));
  const related: PageSummary['related'] = [];
  for (const link of links) {
    if (link.url) {
      related.push({ title: link.label ?? link.url, slug: null, publicationDate: null, external: true });
      continue;
    }
    const target = link.target ? byId.get(link.target) : undefined;
    if (target) related.push({ title: link.label || target.title, slug: target.slug, publicationDate: target.publicationDate, external: false });
  }
  return {
    title: article.title,
    slug: article.slug,
    correspondents: (article.correspondents ?? []).map(({ name, role, slug }) => ({ name, role, slug })),
    related,
  };
};

/** The same summary from the plugin's page JSON, to check both routes serve the same page. */
export const summarizePluginPage = (page: {
  title: string;
  slug: string;
  correspondents: Array<{ name: string; role: string | null; slug: string | null }>;
  related: Array<{ title: string; slug: string | null; publicationDate: string | null; external: boolean }>;
}): PageSummary => ({
  title: page.title,
  slug: page.slug,
  correspondents: page.correspondents.map(({ name, role, slug }) => ({ name, role, slug })),
  related: page.related.map(({ title, slug, publicationDate, external }) => ({ title, slug, publicationDate, external })),
});
