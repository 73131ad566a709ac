/**
 * Public routes under /api/newsroom. Strapi's own auth applies (Users & Permissions roles or API
 * tokens); with `publicApi: true` the plugin grants the Public role the read routes, the view counter and the related-click counter.
 */
export default {
  type: 'content-api' as const,
  routes: [
    { method: 'GET', path: '/articles', handler: 'article.find' },
    { method: 'GET', path: '/articles/:slug', handler: 'article.findOne' },
    { method: 'GET', path: '/articles/:slug/related', handler: 'article.related' },
    { method: 'POST', path: '/articles/:slug/view', handler: 'article.view' },
    { method: 'POST', path: '/articles/:slug/related-click', handler: 'article.relatedClick' },
    { method: 'GET', path: '/correspondents/:slug', handler: 'correspondent.findOne' },
    { method: 'GET', path: '/tags/:slug', handler: 'tag.findOne' },
    // Going live: search engines and aggregators (controllers sitemap, feed).
    { method: 'GET', path: '/sitemap-news.xml', handler: 'sitemap.news' },
    { method: 'GET', path: '/sitemap.xml', handler: 'sitemap.full' },
    { method: 'GET', path: '/feeds/:format', handler: 'feed.site' },
    { method: 'GET', path: '/correspondents/:slug/feeds/:format', handler: 'feed.correspondent' },
    { method: 'GET', path: '/tags/:tag/feeds/:format', handler: 'feed.tag' },
  ],
};

/** The content API actions of these routes, as Users & Permissions names them. */
export const PUBLIC_ACTIONS = ['article.find', 'article.findOne', 'article.related', 'article.view', 'article.relatedClick', 'correspondent.findOne', 'tag.findOne', 'sitemap.news', 'sitemap.full', 'feed.site', 'feed.correspondent', 'feed.tag'] as const;
