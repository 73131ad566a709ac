// Imported first by every bench entry: Strapi reads its environment when @strapi/core is first imported.
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
// Per-request "http" log lines would be measured too; a production server logs at warn or above.
process.env.STRAPI_LOG_LEVEL ??= 'warn';
process.env.STRAPI_STARTUP_LOG = 'false';
process.env.NODE_ENV ??= 'production';
process.env.BROWSER = 'none';
process.env.NEWSROOM_SKIP_SAMPLE = 'true';
process.env.APP_KEYS ??= 'benchKeyA,benchKeyB';
process.env.API_TOKEN_SALT ??= 'bench-api-token-salt';
process.env.ADMIN_JWT_SECRET ??= 'bench-admin-jwt-secret';
process.env.TRANSFER_TOKEN_SALT ??= 'bench-transfer-token-salt';
process.env.JWT_SECRET ??= 'bench-jwt-secret';
process.env.ENCRYPTION_KEY ??= 'bench-encryption-key-0123456789ab';

export {};
