/**
 * Case- and ё-insensitive form of a text for matching: SQLite's LIKE folds ASCII only and MySQL's
 * collations differ from PostgreSQL's, so the plugin stores and compares folded text itself and
 * every database gives the same answers. Shared: the admin's tags input dedupes by the same key.
 */
export const foldText = (text: string): string =>
  text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
