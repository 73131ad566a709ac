import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import type { LoadResult } from './load';

export const RESULTS_DIR = path.resolve(__dirname, '..', 'results');

export const writeResult = (name: string, data: unknown) => {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, name);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return path.relative(process.cwd(), file);
};

/** Machine facts worth keeping next to numbers: a busy neighbour moves them a lot on two cores. */
export const machine = () => ({
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
});

export const table = (headers: string[], rows: Array<Array<string | number>>) => {
  const cells = [headers, ...rows.map((row) => row.map((cell) => String(cell)))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
};

/** The nearest-rank percentile (p in 0–100) of values in any order; NaN for none. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
};

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

export const loadRow = (label: string, result: LoadResult) => [
  label,
  fmt(result.pagesPerSecond),
  fmt(result.requestsPerSecond),
  fmt(result.latencyMs.p50, 2),
  fmt(result.latencyMs.p90, 2),
  fmt(result.latencyMs.p99, 2),
  result.cpu ? fmt(result.cpu.serverMsPerPage, 2) : '–',
  result.cpu ? fmt(1000 / result.cpu.serverMsPerPage, 0) : '–',
  result.cpu?.databaseMsPerPage != null ? fmt(result.cpu.databaseMsPerPage, 2) : '–',
  result.cpu ? `${Math.round(result.cpu.otherBusyShare * 100)}%` : '–',
  result.failedPages + result.errors + result.timeouts,
];

/**
 * `srv CPU ms/page`: CPU the Strapi process spent per page (steadier than wall-clock figures when other jobs
 * share the cores); `1 core cap/s`: 1000 / that, the pages/s one fully available core would serve (an
 * estimate: the Node server is one thread); `others`: CPU share taken by unrelated processes during the run.
 */
export const LOAD_HEADERS = ['target', 'pages/s', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'srv CPU ms/page', '1 core cap/s', 'db CPU ms/page', 'others', 'failed'];

/** Median by pages/s of several rounds of the same target. */
export const median = (results: LoadResult[]) => [...results].sort((x, y) => x.pagesPerSecond - y.pagesPerSecond)[Math.floor((results.length - 1) / 2)];

/** SQLite durability settings in effect (they decide how much a commit costs). */
export const sqliteSettings = async (strapi: Core.Strapi) => {
  if (strapi.db.dialect.client !== 'sqlite') return null;
  const value = async (pragma: string) => {
    const rows = (await strapi.db.connection.raw(`pragma ${pragma}`)) as Array<Record<string, unknown>>;
    return rows[0] ? Object.values(rows[0])[0] : null;
  };
  return { journal_mode: await value('journal_mode'), synchronous: await value('synchronous') };
};

/** `--sqlite-tuning`: WAL and synchronous=NORMAL on the (single) SQLite connection, to measure what they change. */
export const tuneSqlite = async (strapi: Core.Strapi) => {
  if (strapi.db.dialect.client !== 'sqlite') return;
  await strapi.db.connection.raw('pragma journal_mode = wal');
  await strapi.db.connection.raw('pragma synchronous = normal');
};

/** Short one-line SQL for printing. */
export const shortSql = (sql: string, width = 150) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
};
