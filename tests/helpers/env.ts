// Read by Strapi when @strapi/core is first imported in each test file.
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
// The playground loads the plugin from server/src (tests/plugin-sources), never from a build in dist/.
process.env.NEWSROOM_PLUGIN_FROM = 'sources';
process.env.STRAPI_LOG_LEVEL ??= 'warn';
process.env.STRAPI_STARTUP_LOG = 'false';
process.env.NODE_ENV = 'test';
process.env.APP_KEYS ??= 'testKeyA,testKeyB';
process.env.API_TOKEN_SALT ??= 'test-api-token-salt';
process.env.ADMIN_JWT_SECRET ??= 'test-admin-jwt-secret';
process.env.TRANSFER_TOKEN_SALT ??= 'test-transfer-token-salt';
process.env.JWT_SECRET ??= 'test-jwt-secret';
process.env.ENCRYPTION_KEY ??= 'test-encryption-key-0123456789abc';
