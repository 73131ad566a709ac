import bylines from './bylines';
import clickStats from './click-stats';
import counters from './counters';
import dashboard from './dashboard';
import footprint from './footprint';
import pageCache from './page-cache';
import pages from './pages';
import permissions from './permissions';
import relatedClicks from './related-clicks';
import relatedStories from './related-stories';
import searchIndex from './search-index';
import modifications from './modifications';
import slug from './slug';
import slugRedirects from './slug/redirects';
import structuredData from './structured-data';
import feeds from './syndication/feeds';
import sitemaps from './syndication/sitemaps';
import stories from './stories';
import suggestions from './suggestions';
import tags from './tags';
import views from './views';

export default {
  slug,
  'related-stories': relatedStories,
  views,
  counters,
  'related-clicks': relatedClicks,
  stories,
  'search-index': searchIndex,
  dashboard,
  'click-stats': clickStats,
  suggestions,
  permissions,
  footprint,
  pages,
  'page-cache': pageCache,
  bylines,
  tags,
  modifications,
  'slug-redirects': slugRedirects,
  'structured-data': structuredData,
  sitemaps,
  feeds,
};
