import type { DatabaseClient } from '../../tests/helpers/database';

const DATABASES: DatabaseClient[] = ['sqlite', 'postgres', 'mysql'];

/** `--name value` and `--name=value` flags; unknown flags are refused so a typo never runs the wrong bench. */
export const parseArgs = <T extends Record<string, number | string | boolean>>(defaults: T, argv = process.argv.slice(2)): T => {
  const result: Record<string, number | string | boolean> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(`flags (defaults): ${Object.entries(defaults).map(([k, v]) => `--${k} ${v}`).join('  ')}`);
      process.exit(0);
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}"`);
    const key = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown flag --${match[1]} (known: ${Object.keys(defaults).map((k) => `--${k}`).join(', ')})`);
    const fallback = defaults[key];
    let value: string | undefined = match[2];
    if (value === undefined && typeof fallback !== 'boolean') value = argv[++i];
    if (typeof fallback === 'boolean') result[key] = value === undefined ? true : value !== 'false';
    else if (typeof fallback === 'number') {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`--${match[1]} needs a non-negative number`);
      result[key] = n;
    } else {
      if (value === undefined) throw new Error(`--${match[1]} needs a value`);
      result[key] = value;
    }
  }
  if ('db' in result && !DATABASES.includes(result.db as DatabaseClient)) throw new Error(`--db must be one of ${DATABASES.join(', ')}`);
  return result as T;
};
