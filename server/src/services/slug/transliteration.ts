import slugify from 'slugify';

/**
 * The plugin's transliteration table for Russian and Kazakh (lower case; upper case is derived).
 *
 * Russian follows a BGN/PCGN-like scheme that readers of Kazakh and Russian news sites recognise
 * ("развития" → "razvitiya", "Токаев" → "tokaev", "ё" → "yo"); the hard and soft signs vanish.
 * Each of the nine Kazakh letters maps to the one Latin letter Kazakhstan's 2021 Latin alphabet
 * bases it on (ә → a as in Ä, қ → q, ң → n as in Ñ, ...), and the Latin alphabet's own diacritic
 * letters fold the same way, so a title typed in either script gives the same slug.
 */
export const DEFAULT_TABLE: Readonly<Record<string, string>> = Object.freeze({
  // Russian
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh Cyrillic
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
  // Kazakh Latin (2021) and the schwa of the older Latin drafts
  ä: 'a', ğ: 'g', ñ: 'n', ö: 'o', ū: 'u', ü: 'u', ı: 'i', ş: 's', ə: 'a',
  // Ukrainian and Belarusian letters that turn up in names
  є: 'ye', ї: 'yi', ґ: 'g', ў: 'w',
});

export type TransliterationTable = Readonly<Record<string, string>>;

/** Merges config overrides over the default table; keys are single lower-case characters. */
export const buildTable = (overrides: Record<string, string> = {}): TransliterationTable => {
  const table: Record<string, string> = { ...DEFAULT_TABLE };
  for (const [from, to] of Object.entries(overrides)) {
    table[from.toLowerCase()] = to.toLowerCase();
  }
  return Object.freeze(table);
};

/**
 * The same table as `customReplacements` for @sindresorhus/slugify, the library the Content
 * Manager's uid field uses, so the slug an editor sees while typing is the one the server stores.
 * Every character that is not a letter or a digit becomes a separator in both pipelines.
 */
export const toCustomReplacements = (table: TransliterationTable): Array<[string, string]> => {
  const pairs: Array<[string, string]> = [];
  for (const [from, to] of Object.entries(table)) {
    pairs.push([from, to]);
    const upper = from.toUpperCase();
    if (upper !== from) pairs.push([upper, to]);
  }
  // @sindresorhus/slugify spells these out ("&" → "and"); the server drops them like any other symbol.
  pairs.push(['&', ' '], ['♥', ' '], ['🦄', ' ']);
  return pairs;
};

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;
const NON_SLUG = /[^a-z0-9]+/g;

/** Title → slug body (without uniqueness suffix). Empty when the title holds no letter or digit. */
export const transliterate = (title: string, table: TransliterationTable): string => {
  // Lower-casing "İ" leaves a combining dot; table keys are whole letters, so marks go first.
  const mapped = Array.from(title.normalize('NFC').toLowerCase().replace(COMBINING_MARKS, '').replace(NOT_LETTER_OR_DIGIT, ' '))
    .map((char) => table[char] ?? char)
    .join('');
  // slugify folds the remaining Latin letters (ß → ss, ø → o); anything it cannot fold is a separator.
  return slugify(mapped, { lower: true, strict: false, trim: true, remove: COMBINING_MARKS })
    .replace(NON_SLUG, '-')
    .replace(/^-+|-+$/g, '');
};
