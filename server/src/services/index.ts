import dashboard from './dashboard';
import permissions from './permissions';
import relatedStories from './related-stories';
import searchIndex from './search-index';
import slug from './slug/index';
import stories from './stories';
import suggestions from './suggestions/index';
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
};
