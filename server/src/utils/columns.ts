/**
 * Values as the three databases hand them back: dates as Date, ISO text or epoch numbers (SQLite),
 * JSON columns as parsed values or text. Every read of the plugin goes through these.
 */

/** Epoch milliseconds of a date column, or null. */
export const toMs = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value === 'number') return value;
  const text = String(value);
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
};

/** ISO 8601 of a date column, or null. */
export const toIso = (value: unknown): string | null => {
  const ms = toMs(value);
  return ms === null ? null : new Date(ms).toISOString();
};

/** A JSON column's value (parsed when the driver returns text); null when empty or not JSON. */
export const readJson = (value: unknown): unknown => {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
};

/** The `tags` column: the non-blank names it holds, in order. */
export const readTags = (value: unknown): string[] => {
  const parsed = readJson(value);
  return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string' && tag.trim() !== '') : [];
};
