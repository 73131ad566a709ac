import article from './article';
import correspondent from './correspondent';
import relatedLink from './related-link';

export default {
  article,
  correspondent,
  'related-link': relatedLink,
};
