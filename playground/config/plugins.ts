import { pluginRoot } from '../src/paths';

export default ({ env }) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET', 'newsroom-playground-jwt-secret') },
  },
  graphql: {
    config: { defaultLimit: 25, maxLimit: 100, depthLimit: 10, landingPage: false },
  },
  newsroom: {
    enabled: true,
    // The plugin from this repository, not from the registry (an absolute path: Strapi resolves relative ones from its own folder).
    resolve: pluginRoot,
    config: {
      maxRelated: env.int('NEWSROOM_MAX_RELATED', 10),
      views: { dedupeWindowSeconds: env.int('NEWSROOM_VIEWS_DEDUPE_SECONDS', 0) },
    },
  },
});
