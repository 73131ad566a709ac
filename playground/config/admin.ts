import { frontEnd, previewUrl } from '../src/front-end';

export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET', 'newsroom-playground-admin-jwt-secret') },
  apiToken: { salt: env('API_TOKEN_SALT', 'newsroom-playground-api-token-salt') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'newsroom-playground-transfer-token-salt') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY', 'newsroom-playground-encryption-key-32b') },
  flags: { nps: false, promoteEE: false },
  autoOpen: false,
  // The browser tests sign the same admin in from several test files within minutes: more than the login limit allows.
  rateLimit: { enabled: env.bool('ADMIN_RATE_LIMIT', true) },
  // The Content Manager's Preview opens a story on the example front end (examples/front-end).
  preview: { enabled: Boolean(frontEnd.url), config: { allowedOrigins: frontEnd.url ? [frontEnd.url] : [], handler: previewUrl } },
});
