import path from 'node:path';

import { appRoot } from '../src/paths';

/**
 * SQLite by default (no setup); PostgreSQL or MySQL/MariaDB with DATABASE_CLIENT=postgres|mysql.
 * Every value has a default here, so an empty .env cannot break the start.
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const filename = env('DATABASE_FILENAME', '') || '.tmp/data.db';
  const connections = {
    sqlite: {
      connection: { filename: filename === ':memory:' ? filename : path.resolve(appRoot, filename) },
      useNullAsDefault: true,
    },
    postgres: {
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'newsroom'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
        schema: env('DATABASE_SCHEMA', 'public'),
        ssl: env.bool('DATABASE_SSL', false),
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
    },
    mysql: {
      connection: {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 3306),
        database: env('DATABASE_NAME', 'newsroom'),
        user: env('DATABASE_USERNAME', 'root'),
        password: env('DATABASE_PASSWORD', ''),
        charset: 'utf8mb4',
      },
      pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
    },
  };
  if (!(client in connections)) throw new Error(`DATABASE_CLIENT must be sqlite, postgres or mysql (got "${client}")`);
  return {
    connection: {
      client,
      ...connections[client],
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};
