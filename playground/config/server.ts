export default ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: {
    // Development defaults so a fresh clone starts with no .env; set real keys in production.
    keys: env.array('APP_KEYS', ['newsroomPlaygroundKeyA', 'newsroomPlaygroundKeyB']),
  },
  // No calls to the npm registry for update notices: the playground runs offline.
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STRAPI_STARTUP_LOG', true) } },
});
