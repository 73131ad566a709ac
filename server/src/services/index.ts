import clickStats from './click-stats';
import dashboard from './dashboard';
import footprint from './footprint';
import permissions from './permissions';
import relatedClicks from './related-clicks';
import relatedStories from './related-stories';
import searchIndex from './search-index';
import slug from './slug';
import stories from './stories';
import suggestions from './suggestions';
import views from './views';

export default {
  slug,
  'related-stories': relatedStories,
  views,
  'related-clicks': relatedClicks,
  stories,
  'search-index': searchIndex,
  dashboard,
  'click-stats': clickStats,
  suggestions,
  permissions,
  footprint,
};
