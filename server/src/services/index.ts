import bylines from './bylines';
import dashboard from './dashboard';
import footprint from './footprint';
import pageCache from './page-cache';
import pages from './pages';
import permissions from './permissions';
import relatedStories from './related-stories';
import searchIndex from './search-index';
import slug from './slug';
import stories from './stories';
import suggestions from './suggestions';
import tags from './tags';
import views from './views';

export default {
  slug,
  'related-stories': relatedStories,
  views,
  stories,
  'search-index': searchIndex,
  dashboard,
  suggestions,
  permissions,
  footprint,
  pages,
  'page-cache': pageCache,
  bylines,
  tags,
};
