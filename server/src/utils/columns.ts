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

/** An entry of the `tags` column: `{ name, slug }` since tags have a catalogue, a bare name before. */
const entryName = (entry: unknown): string | null => {
  const name = typeof entry === 'string' ? entry : typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : null;
  return typeof name === 'string' && name.trim() !== '' ? name : null;
};

/** The `tags` column: the non-blank names it holds, in order (either stored shape). */
export const readTags = (value: unknown): string[] => {
  const parsed = readJson(value);
  return Array.isArray(parsed) ? parsed.map(entryName).filter((name): name is string => name !== null) : [];
};

/** The `tags` column's `{ name, slug }` entries, in order; bare names (not yet carried over to the catalogue) have no slug and are left out. */
export const readTagLinks = (value: unknown): Array<{ name: string; slug: string }> => {
  const parsed = readJson(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) => {
    const name = entryName(entry);
    const slug = typeof entry === 'object' && entry !== null ? (entry as { slug?: unknown }).slug : null;
    return name !== null && typeof slug === 'string' && slug !== '' ? [{ name, slug }] : [];
  });
};
