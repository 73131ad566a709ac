import relatedStories from './related-stories';
import slug from './slug';
import views from './views';

export default {
  slug,
  'related-stories': relatedStories,
  views,
};
