import { pluginRoot, pluginSources } from '../src/paths';

export default ({ env }) => ({
  // Declared before users-permissions, as a newcomer's app adds it: its bootstrap then runs before the Public role exists.
  newsroom: {
    enabled: true,
    // The plugin from this repository, not from the registry (an absolute path: Strapi resolves relative ones from its own folder).
    // Tests and benchmarks load its TypeScript sources instead of dist/, so they never need (or write) a build.
    resolve: env('NEWSROOM_PLUGIN_FROM', 'dist') === 'sources' ? pluginSources : pluginRoot,
    config: {
      maxRelated: env.int('NEWSROOM_MAX_RELATED', 10),
      publicApi: env.bool('NEWSROOM_PUBLIC_API', true),
      // PostgreSQL: 'auto' (the plugin's default) prepares reads only when autovacuum runs or the tables have statistics; the tests say true.
      preparedStatements: ({ true: true, false: false } as Record<string, boolean>)[env('NEWSROOM_PREPARED_STATEMENTS', 'auto')] ?? 'auto',
      views: { dedupeWindowSeconds: env.int('NEWSROOM_VIEWS_DEDUPE_SECONDS', 0), flushIntervalMs: env.int('NEWSROOM_VIEWS_FLUSH_MS', 1000) },
      // Off by default, as in the plugin; the browser tests turn it on to see readers open suggestions.
      suggestions: { autoFill: env.bool('NEWSROOM_SUGGESTIONS_AUTOFILL', false) },
      // Several instances share counts through Redis when a URL is given (e.g. redis://127.0.0.1:6379).
      counters: { redis: env('NEWSROOM_COUNTERS_REDIS', '') || null, keyPrefix: env('NEWSROOM_COUNTERS_PREFIX', 'newsroom:') },
      // The playground shows each view at once (a view drops the story's cached pages); the plugin's default lets views lag 60 s.
      cache: env.bool('NEWSROOM_CACHE', true)
        ? { viewsMaxAgeSeconds: env.int('NEWSROOM_CACHE_VIEWS_MAX_AGE', 0), redis: env('NEWSROOM_CACHE_REDIS', '') || null, redisPrefix: env('NEWSROOM_CACHE_REDIS_PREFIX', 'newsroom:') }
        : false,
    },
  },
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET', 'newsroom-playground-jwt-secret') },
  },
  graphql: {
    config: { defaultLimit: 25, maxLimit: 100, depthLimit: 10, landingPage: false },
  },
});
