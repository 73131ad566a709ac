/**
 * What real news text needs beyond a dictionary stemmer: proper names, abbreviations and numbers.
 *
 * - Names. The Russian Snowball stemmer takes the surname endings -ов/-ев/-ин for plural endings,
 *   so Токаев → "тока" but Токаева → "токаев", Масимов → "масим" but Масимову → "масимов", and
 *   Астана → "аста" but Астане → "астан". A capitalised word inside a sentence (or one shaped like
 *   a surname anywhere) is a name: only its case ending is taken off, so every form meets on one key.
 * - Abbreviations. "Комитет национальной безопасности" and "КНБ" should match: a run of three or four
 *   words that starts with a capital adds the key of its initials ("кнб"), which an all-capitals
 *   word already is.
 * - Numbers. Years and small counts are everywhere, but a decimal figure (81,31%, 53,9) names one
 *   result of one event, and a day with its month ("7 января") the day it happened: both are kept as
 *   keys ("81.31", "7 января"), other numbers are still dropped.
 */

/** Case endings of Russian names and name-like adjectives, longest first. */
const NAME_ENDINGS = ['ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ами', 'ями', 'ым', 'им', 'ом', 'ем', 'ой', 'ей', 'ою', 'ах', 'ях', 'ам', 'ям', 'ых', 'их', 'ая', 'яя', 'ую', 'юю', 'ое', 'ее', 'ые', 'ие', 'ий', 'ый', 'а', 'я', 'у', 'ю', 'е', 'ы', 'и', 'о'];
const NAME_MIN_STEM = 4;
/** Surnames and patronymic-like names: Токаев(а|у|ым), Головкин(а|у), Назарбаев(ым). */
const SURNAME = /^[а-я]{2,}(ов|ев|ин|ын)(а|у|ым|е|ой|ою|ы|ых|ыми)?$/;
const RUSSIAN_WORD = /^[а-я]+$/;
const UPPER = /^\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const SENTENCE_END = /[.!?…:;]/;

/** Whether a word as written starts with a capital and is not all capitals (an abbreviation). */
export const isCapitalised = (raw: string) => UPPER.test(raw) && LOWER.test(raw.slice(1));

/** An abbreviation as written: two to six capitals (КНБ, ЦИК, ОИС, СМИД, МЧС). */
export const isAbbreviation = (raw: string) => raw.length >= 2 && raw.length <= 6 && raw === raw.toUpperCase() && !/\p{N}/u.test(raw) && LOWER.test(raw.toLowerCase());

/** Whether the word at `index` of `text` opens a sentence (its capital then says nothing). */
export const opensSentence = (text: string, index: number) => {
  for (let i = index - 1; i >= 0; i -= 1) {
    const char = text[i];
    if (/[\s«»"“”„()'’\-—–]/.test(char)) continue;
    return SENTENCE_END.test(char);
  }
  return true;
};

/** The key of a Russian name: the folded word without its case ending; null when it is not a Russian name. */
export const stemName = (folded: string, raw: string, initial: boolean): string | null => {
  if (!RUSSIAN_WORD.test(folded) || !isCapitalised(raw)) return null;
  if (initial && !SURNAME.test(folded)) return null;
  const ending = NAME_ENDINGS.find((suffix) => folded.endsWith(suffix) && folded.length - suffix.length >= NAME_MIN_STEM);
  const stem = ending ? folded.slice(0, -ending.length) : folded;
  // Surnames keep their suffix: Токаев, not Тока.
  return stem;
};

export interface WordAt {
  /** The folded word. */
  word: string;
  raw: string;
  /** Whether it is a stop word (left out of keys but not out of a name's run). */
  stop: boolean;
}

/** The nouns that open the names of institutions, whose initials are their abbreviations. */
const INSTITUTION = /^(организац|комитет|министерств|совет|комисси|агентств|служб|парти|ассамбле|союз|банк|фонд|суд|собрани|палат|партнерств|содружеств|управлени|департамент|академи|университет|компани|корпораци|движени|конгресс|генеральн|центральн|национальн|международн|государственн|европейск|шанхайск|евразийск|объединенн)/;

/**
 * Initials of the runs of three and four words that open with the capitalised name of an institution
 * ("Комитет национальной безопасности" → "кнб", "Организации Объединенных Наций" → "оон"); stop
 * words are skipped, not counted. Only such runs: the initials of any three words collide by chance.
 */
export const initialsOf = (words: WordAt[], at: number): Array<{ key: string; phrase: string }> => {
  if (!isCapitalised(words[at].raw) || words[at].stop || !INSTITUTION.test(words[at].word)) return [];
  const found: Array<{ key: string; phrase: string }> = [];
  let initials = '';
  const phrase: string[] = [];
  for (let i = at; i < words.length && initials.length < 4; i += 1) {
    phrase.push(words[i].word);
    if (words[i].stop) continue;
    if (!RUSSIAN_WORD.test(words[i].word) || words[i].word.length < 3) break;
    initials += words[i].word[0];
    if (initials.length >= 3) found.push({ key: initials, phrase: phrase.join(' ') });
  }
  return found;
};

const DECIMAL = /\d+[.,]\d+/g;

/** The decimal figures of a text as keys ("81,31" → "81.31"). */
export const decimalsOf = (text: string): string[] => [...text.matchAll(DECIMAL)].map((match) => match[0].replace(',', '.'));

/** Russian month names in the genitive, the only case a date puts them in ("7 января"). */
const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const DATE = new RegExp(`(?<![\\d.,])(0?[1-9]|[12]\\d|3[01])\\s+(${MONTHS.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** The dates of a text (a day and its month) as keys ("07 Января" → "7 января"); a year alone names no event. */
export const datesOf = (text: string): string[] => [...text.matchAll(DATE)].map((match) => `${Number(match[1])} ${match[2].toLowerCase()}`);
