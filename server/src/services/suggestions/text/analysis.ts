/// <reference path="../../../types/snowball-stemmers.d.ts" />
import { newStemmer, type Stemmer } from 'snowball-stemmers';

import { stemKazakh } from './kazakh-stem';
import { datesOf, decimalsOf, initialsOf, isAbbreviation, opensSentence, stemName, type WordAt } from './names';
import { BOILERPLATE_WORDS, isPastVerb, KAZAKH_STOP_WORDS, RUSSIAN_STOP_WORDS } from './stop-words';

/**
 * Text analysis for related-story suggestions, all in JavaScript so that SQLite, PostgreSQL and
 * MySQL index the same terms and give the same lists: fold (lower case, ё → е), split into words,
 * drop stop words and numbers, then stem — Russian with the Snowball stemmer, Kazakh with a suffix
 * stripper, Latin words with the English Snowball stemmer.
 */

export type TextLanguage = 'ru' | 'kk' | 'en';

export interface Token {
  /** The matching key: the stem of the folded word. */
  stem: string;
  /** The folded word as written, shown to editors ("безопасности"). */
  word: string;
  /** A proper name or an abbreviation: what tells one event from another of the same kind. */
  name?: boolean;
  /** A Russian verb in the past tense: what happened, shared by every event of its kind (see VERB_WEIGHT). */
  verb?: boolean;
}

/** One weighted feature of a story: `weight` is its share of the story's (unit-length) text vector. */
export interface WeightedTerm {
  term: string;
  weight: number;
  /** The form the story uses most, for the reasons shown to editors. */
  word: string;
}

export interface TextField {
  text: string;
  /** How much an occurrence here counts: a title word says more about a story than a body word. */
  boost: number;
  /** Past this many words a field counts as if it were this long (each word weighs less): a long body does not drown the title. */
  lengthCap?: number;
}

/** Most text terms kept per story: enough to describe it, few enough to keep the index small. */
export const MAX_TEXT_TERMS = 48;
const MAX_WORD_LENGTH = 40;

const KAZAKH_ONLY = /[әғқңөұүһі]/;
const CYRILLIC = /[а-яәғқңөұүһі]/;
const LATIN = /[a-z]/;
const DIGITS_ONLY = /^\p{N}+$/u;
const WORD = /[\p{L}\p{N}]+/gu;

let stemmers: { ru: Stemmer; en: Stemmer } | null = null;
const stemmersFor = () => (stemmers ??= { ru: newStemmer('russian'), en: newStemmer('english') });

// Stemming is the hot spot of a reindex; news vocabulary repeats, so remember recent stems.
const CACHE_LIMIT = 200_000;
const cache = new Map<string, string>();

/** The real-text steps of the analysis, each on by default; the bench turns them off one by one to measure what each does. */
export const analysisSteps = { names: true, boilerplate: true, abbreviations: true, decimals: true, bodyLength: true, nameWeight: true, dates: true, verbs: true };

/**
 * How much more a name (Экибастуз, Масимов, КНБ) counts than a common word: a factor on its damped
 * frequency (inside the log a factor 3 added only ln 3, so a repeated common word outweighed a name).
 */
export const NAME_WEIGHT = 2;

/** How much an occurrence of a past-tense verb counts (прибыл, обратился): two Tokayev speeches share "обратился", not their subject. */
export const VERB_WEIGHT = 0.6;

const isStopWord = (word: string) => RUSSIAN_STOP_WORDS.has(word) || KAZAKH_STOP_WORDS.has(word) || (analysisSteps.boilerplate && BOILERPLATE_WORDS.has(word));

/** The language a story's locale is written in; Russian unless the locale says Kazakh or English. */
export const languageOf = (locale: string | null | undefined): TextLanguage => {
  const code = (locale ?? '').toLowerCase();
  if (code.startsWith('kk')) return 'kk';
  if (code.startsWith('en')) return 'en';
  return 'ru';
};

/** The matching key of one folded word, or null for stop words, numbers and noise. */
export const stemWord = (word: string, language: TextLanguage): string | null => {
  if (word.length < 2 || DIGITS_ONLY.test(word)) return null;
  if (isStopWord(word)) return null;
  const cacheKey = `${language}:${word}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached || null;
  let stem: string;
  const clipped = word.slice(0, MAX_WORD_LENGTH);
  if (KAZAKH_ONLY.test(clipped) || (language === 'kk' && CYRILLIC.test(clipped))) stem = stemKazakh(clipped);
  else if (CYRILLIC.test(clipped)) stem = stemmersFor().ru.stem(clipped);
  else if (LATIN.test(clipped)) stem = stemmersFor().en.stem(clipped);
  else stem = clipped;
  if (stem.length < 2) stem = '';
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, stem);
  return stem || null;
};

/**
 * The words of a text with their keys, in order; stop words and bare numbers left out. Russian
 * names keep one key whatever their case, abbreviations and the initials of capitalised runs meet on
 * one key, and decimal figures and dates are keys of their own (see names.ts).
 */
export const tokenize = (text: string, language: TextLanguage): Token[] => {
  const source = text.normalize('NFC');
  const words: Array<WordAt & { index: number }> = [];
  for (const match of source.matchAll(WORD)) {
    const word = match[0].toLowerCase().replace(/ё/g, 'е');
    words.push({ word, raw: match[0], index: match.index ?? 0, stop: isStopWord(word) });
  }
  const russian = language !== 'kk';
  const tokens: Token[] = [];
  words.forEach((entry, at) => {
    let stem: string | null = null;
    let name = false;
    if (entry.stop) stem = null;
    else if (russian && analysisSteps.abbreviations && isAbbreviation(entry.raw)) [stem, name] = [entry.word, true];
    else {
      const asName = russian && analysisSteps.names ? stemName(entry.word, entry.raw, opensSentence(source, entry.index)) : null;
      [stem, name] = asName ? [asName, true] : [stemWord(entry.word, language), false];
    }
    const verb = russian && analysisSteps.verbs && !name && isPastVerb(entry.word);
    if (stem) tokens.push(name ? { stem, word: entry.word, name } : verb ? { stem, word: entry.word, verb } : { stem, word: entry.word });
    if (russian && analysisSteps.abbreviations) for (const initials of initialsOf(words, at)) tokens.push({ stem: initials.key, word: initials.phrase, name: true });
  });
  if (analysisSteps.decimals) for (const figure of decimalsOf(source)) tokens.push({ stem: figure, word: figure });
  if (analysisSteps.dates) for (const day of datesOf(source)) tokens.push({ stem: day, word: day });
  return tokens;
};

/** The plain text of Strapi blocks (rich text): every `text` leaf, in order. */
export const blocksToText = (value: unknown): string => {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
    } else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') parts.push(record.text);
      if (record.children !== undefined) walk(record.children);
    } else if (typeof node === 'string') {
      parts.push(node);
    }
  };
  walk(typeof value === 'string' ? safeJson(value) : value);
  return parts.join(' ');
};

const safeJson = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/**
 * A story's text vector: each stem's boosted frequency (a past-tense verb's times VERB_WEIGHT), log-damped (1 + ln tf) and times NAME_WEIGHT for a name, the
 * `MAX_TEXT_TERMS` strongest kept (ties: the one met first, so title words win), scaled to unit
 * length. It depends on the story alone — never on the rest of the archive — so indexing one story
 * or the whole archive, in any order, on any instance, gives the same rows. Rarity (idf) is applied
 * when two stories are compared. Sorted by term.
 */
export const textVector = (fields: TextField[], language: TextLanguage, maxTerms = MAX_TEXT_TERMS): WeightedTerm[] => {
  const stats = new Map<string, { tf: number; first: number; words: Map<string, number>; name: boolean }>();
  let position = 0;
  const tokenized = fields.map((field) => tokenize(field.text, language));
  // A name that opens a sentence looks like any word; met inside a sentence elsewhere in the story, it is a name everywhere.
  const names = new Set(tokenized.flatMap((tokens) => tokens.filter((token) => token.name).map((token) => token.stem)));
  for (const [at, field] of fields.entries()) {
    const tokens = tokenized[at];
    const cap = analysisSteps.bodyLength && field.lengthCap !== undefined && tokens.length > field.lengthCap ? field.lengthCap / tokens.length : 1;
    for (const token of tokens) {
      const entry = stats.get(token.stem) ?? { tf: 0, first: position, words: new Map<string, number>(), name: false };
      entry.tf += field.boost * cap * (token.verb ? VERB_WEIGHT : 1);
      entry.name ||= analysisSteps.nameWeight && (token.name === true || names.has(token.stem));
      entry.words.set(token.word, (entry.words.get(token.word) ?? 0) + 1);
      stats.set(token.stem, entry);
      position += 1;
    }
  }
  const ranked = [...stats.entries()]
    .map(([term, entry]) => ({ term, raw: (entry.tf >= 1 ? 1 + Math.log(entry.tf) : entry.tf) * (entry.name ? NAME_WEIGHT : 1), first: entry.first, words: entry.words }))
    .sort((a, b) => b.raw - a.raw || a.first - b.first)
    .slice(0, maxTerms);
  const norm = Math.sqrt(ranked.reduce((sum, entry) => sum + entry.raw * entry.raw, 0));
  if (norm === 0) return [];
  return ranked
    // Nine decimals: every database hands the same number back, so stored and fresh vectors agree.
    .map((entry) => ({ term: entry.term, weight: Math.round((entry.raw / norm) * 1e9) / 1e9, word: commonestWord(entry.words) }))
    .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
};

/** The form used most often; on a tie the first one met (Map keeps insertion order). */
const commonestWord = (words: Map<string, number>): string => {
  let best = '';
  let count = 0;
  for (const [word, seen] of words) {
    if (seen > count) {
      best = word;
      count = seen;
    }
  }
  return best;
};
