import slugify from 'slugify';

/**
 * The transliteration table of Russian stories (lower case; upper case is derived), and of every locale but Kazakh.
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
export const RUSSIAN_TABLE = DEFAULT_TABLE;

/**
 * Kazakh Cyrillic → Kazakhstan's 2021 Latin alphabet (the decree of 28 January 2021, with Ç for ч),
 * every letter of the Cyrillic alphabet, those shared with Russian included (и, й → i; ы → y; у → u).
 */
export const KAZAKH_LATIN_2021: Readonly<Record<string, string>> = Object.freeze({
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i',
  к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ç', ш: 'ş', щ: 'şş', ъ: '', ы: 'y', і: 'ı', ь: '',
  э: 'e', ю: 'iu', я: 'ia',
});

/**
 * The 2021 alphabet's letters in a URL: the diacritic is dropped (ä → a, ğ → g, ñ → n, ö → o, ū, ü → u,
 * ı → i), except ş → sh and ç → ch: one letter would merge ш with с and ч with ц, and "sh", "ch" are
 * how Kazakh is typed without diacritics (Shymkent). Latin input folds the same way, so both scripts agree.
 */
export const KAZAKH_LATIN_TO_ASCII: Readonly<Record<string, string>> = Object.freeze({
  ä: 'a', ğ: 'g', ñ: 'n', ö: 'o', ū: 'u', ü: 'u', ı: 'i', ş: 'sh', ç: 'ch', ə: 'a',
});

const toAscii = (latin: string) => Array.from(latin).map((char) => KAZAKH_LATIN_TO_ASCII[char] ?? char).join('');

/** The table of Kazakh (`kk`) stories: the 2021 alphabet folded to ASCII, for Cyrillic and Latin input alike. */
export const KAZAKH_TABLE: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(Object.entries(KAZAKH_LATIN_2021).map(([cyrillic, latin]) => [cyrillic, toAscii(latin)])),
  ...KAZAKH_LATIN_TO_ASCII,
  // Ukrainian and Belarusian letters that turn up in names, as in the Russian table
  є: 'ye', ї: 'yi', ґ: 'g', ў: 'w',
});

/** Which table a story's locale uses: Kazakh for `kk` (and `kk-*`), Russian for every other locale. */
export const baseTableFor = (locale: string | null | undefined): TransliterationTable =>
  (locale ?? '').toLowerCase().split('-')[0] === 'kk' ? KAZAKH_TABLE : RUSSIAN_TABLE;

export type TransliterationTable = Readonly<Record<string, string>>;

/** Merges config overrides over a base table (the Russian one unless given); keys are single lower-case characters. */
export const buildTable = (overrides: Record<string, string> = {}, base: TransliterationTable = DEFAULT_TABLE): TransliterationTable => {
  const table: Record<string, string> = { ...base };
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
