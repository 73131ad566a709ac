import type { Core } from '@strapi/strapi';
import { Feed } from 'feed';

import type { FeedFormat } from '../../../../shared/contracts/syndication';
import { getConfig } from '../../config';
import { TABLES } from '../../models';
import { toIso } from '../../utils/columns';
import { resolveLocale } from '../../utils/locale';
import { getService } from '../../utils/services';
import { siteAddresses, tagNames } from '../../utils/site';
import { articleColumn, cardQuery, toCards, type ArticleRow } from '../stories/cards';
import { filterStories, storyOrder } from '../stories/filters';
import { pageKeys, type KeySet } from '../pages/keys';
import { laterIso } from './published';

export interface FeedRequest {
  format: FeedFormat;
  locale?: string;
  /** The route's path under /newsroom and its query string, for the feed's own links. */
  path: string;
  search: string;
}

/**
 * RSS 2.0 and Atom feeds of published stories, latest first, built with the `feed` library: the whole
 * site, one correspondent's byline, one tag. One query for the stories (with their last change),
 * two for bylines and covers. Each method returns the XML body, or null for an unknown correspondent.
 */
const feedsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const apiBase = () => `${String(strapi.config.get('server.absoluteUrl')).replace(/\/$/, '')}${String(strapi.config.get('api.rest.prefix', '/api'))}/newsroom`;

  const build = async (request: FeedRequest, filters: { correspondent?: { slug: string; id: number }; tag?: string }, subtitle: string | null, keys?: KeySet): Promise<string> => {
    const config = getConfig(strapi);
    const db = strapi.db.connection;
    const a = articleColumn(strapi);
    const locale = await resolveLocale(strapi, request.locale);
    // A tag is named by its name (any case, ё = е) or its slug, as on the list route.
    const tagKeys = filters.tag === undefined ? undefined : await getService(strapi, 'tags').filterKeys(filters.tag, locale);
    const order = storyOrder(strapi, { tagKeys });
    const rows = (await filterStories(strapi, db, cardQuery(strapi, db, false), { locale, correspondentIds: filters.correspondent && [filters.correspondent.id], tagKeys })
      .leftJoin({ m: TABLES.modifications }, function joinModifications() {
        this.on('m.document_id', '=', a('documentId')).andOn('m.locale', '=', db.raw(`coalesce(??, '')`, [a('locale')]));
      })
      .select({ modified_at: 'm.modified_at' })
      // Publishing stamps a publication date; a plain order on it walks a date index backwards (the tag rows' for a tag) instead of sorting the archive.
      .whereNotNull(order.date)
      .orderBy([{ column: order.date, order: 'desc' }, { column: order.tieBreak, order: 'desc' }])
      .limit(config.feeds.size)) as Array<ArticleRow & { modified_at: unknown }>;
    const cards = await toCards(strapi, db, rows, config.defaultLocale, keys);
    // The same list keys as the list route with these filters: a story joining or leaving the feed drops it.
    if (filters.correspondent) keys?.add(pageKeys.correspondentStories(filters.correspondent.slug));
    for (const tagKey of tagKeys ?? []) keys?.add(pageKeys.tagStories(locale, tagKey));
    if (!filters.correspondent && !tagKeys) keys?.add(pageKeys.latest(locale));
    const urls = siteAddresses(strapi);
    const atom = request.format === 'atom.xml';
    const modified = rows.map((row, index) => laterIso(toIso(row.modified_at), cards[index].publicationDate));
    const newest = modified.reduce<string | null>((latest, date) => laterIso(latest, date), null);
    const link = (format: FeedFormat) => `${apiBase()}${request.path.replace(/(rss|atom)\.xml$/, format)}${request.search}`;
    const self = link(request.format);
    const title = subtitle ? `${config.publisher.name}: ${subtitle}` : config.publisher.name;
    const feed = new Feed({
      id: self,
      title,
      description: title,
      link: urls.site,
      language: locale ?? undefined,
      // An empty feed is dated at the epoch, not at the request: the same content gives the same bytes.
      updated: new Date(newest ?? 0),
      generator: 'strapi-plugin-newsroom',
      copyright: config.publisher.name,
      feedLinks: { rss: link('rss.xml'), atom: link('atom.xml') },
      ...(config.publisher.logo ? { image: urls.onSite(config.publisher.logo.url) } : {}),
    });
    cards.forEach((card, index) => {
      const url = urls.story(card.slug);
      const published = new Date(card.publicationDate ?? 0);
      feed.addItem({
        title: card.title,
        id: url,
        link: url,
        // RSS has one date, the publication; Atom has `updated` (the last published change) and `published`.
        date: atom ? new Date(modified[index] ?? published) : published,
        published,
        description: card.lead ?? undefined,
        author: card.correspondents.map((person) => ({ name: person.name, ...(person.slug ? { link: urls.correspondent(person.slug) } : {}) })),
        category: tagNames(card.tags).map((name) => ({ name })),
        ...(card.cover ? { image: urls.media(card.cover.url) } : {}),
      });
    });
    return atom ? feed.atom1() : feed.rss2();
  };

  return {
    site: (request: FeedRequest, keys?: KeySet) => build(request, {}, null, keys),

    async correspondent(slug: string, request: FeedRequest, keys?: KeySet): Promise<string | null> {
      const person = await getService(strapi, 'stories').findCorrespondent(slug);
      if (!person) return null;
      // The feed's title names them.
      keys?.add(pageKeys.correspondent(person.documentId));
      // Their row id, already read: the story query filters on it (stories/filters `resolveStoryFilters`).
      return build(request, { correspondent: { slug, id: person.id } }, person.name, keys);
    },

    tag: (tag: string, request: FeedRequest, keys?: KeySet) => build(request, { tag }, tag, keys),
  };
};

export type FeedsService = ReturnType<typeof feedsService>;
export default feedsService;
