import article from './article';
import correspondent from './correspondent';
import feed from './feed';
import newsroomAdmin from './newsroom-admin';
import relatedList from './related-list';
import sitemap from './sitemap';
import suggestions from './suggestions';
import tag from './tag';

export default {
  article,
  correspondent,
  'related-list': relatedList,
  'newsroom-admin': newsroomAdmin,
  suggestions,
  tag,
  sitemap,
  feed,
};
