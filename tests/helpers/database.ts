import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

import knex, { type Knex } from 'knex';

export type DatabaseClient = 'sqlite' | 'postgres' | 'mysql';

export const databaseClient = (): DatabaseClient => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres' && client !== 'mysql') throw new Error(`unsupported DATABASE_CLIENT ${client}`);
  return client;
};

export interface TestDatabase {
  client: DatabaseClient;
  name: string;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A knex connection of the test's own to a database a Strapi process is using (to watch it from outside). */
export const connect = (database: TestDatabase): Knex => {
  if (database.client === 'sqlite') return knex({ client: 'better-sqlite3', connection: { filename: database.name }, useNullAsDefault: true });
  const connection = { ...admin[database.client](), database: database.name };
  return knex({ client: database.client === 'postgres' ? 'pg' : 'mysql2', connection, pool: { min: 0, max: 1 } });
};

const admin = {
  postgres: () => ({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD ?? '',
  }),
  mysql: () => ({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 3306),
    user: process.env.DATABASE_USERNAME ?? 'root',
    password: process.env.DATABASE_PASSWORD ?? '',
  }),
};

/** Runs one statement on the server's maintenance connection (create/drop database). */
const runAdminStatement = async (client: 'postgres' | 'mysql', sql: string) => {
  if (client === 'postgres') {
    const { Client } = await import('pg');
    const connection = new Client({ ...admin.postgres(), database: 'postgres' });
    await connection.connect();
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  } else {
    const mysql = await import('mysql2/promise');
    const connection = await mysql.createConnection(admin.mysql());
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  }
};

/** A brand-new empty database for one Strapi instance; `drop()` removes it. */
export const createTestDatabase = async (name = `newsroom_test_${randomBytes(4).toString('hex')}`): Promise<TestDatabase> => {
  const client = databaseClient();
  if (client === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-'));
    const filename = path.join(dir, `${name}.db`);
    return {
      client,
      name: filename,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const quote = client === 'postgres' ? `"${name}"` : `\`${name}\``;
  await runAdminStatement(client, `DROP DATABASE IF EXISTS ${quote}`);
  await runAdminStatement(client, client === 'mysql' ? `CREATE DATABASE ${quote} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci` : `CREATE DATABASE ${quote}`);
  const connection = admin[client]();
  return {
    client,
    name,
    env: {
      DATABASE_CLIENT: client,
      DATABASE_HOST: connection.host,
      DATABASE_PORT: String(connection.port),
      DATABASE_USERNAME: connection.user,
      DATABASE_PASSWORD: connection.password,
      DATABASE_NAME: name,
    },
    drop: () => runAdminStatement(client, client === 'postgres' ? `DROP DATABASE IF EXISTS ${quote} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${quote}`),
  };
};
