/** Dates as readers see them: the server's templates (server/src/utils/dates.ts) over Intl's parts. */

/** The plugin's default `timeZone`; the admin routes do not send the configured one (see the report). */
export const DISPLAY_TIME_ZONE = 'Asia/Almaty';

type Language = 'ru' | 'kk' | 'en';
type Parts = Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>;

const TEMPLATES: Record<Language, { intl: string; render: (p: Parts) => string }> = {
  ru: { intl: 'ru-RU', render: (p) => `${p.day} ${p.month} ${p.year} г. ${p.hour}:${p.minute}` },
  kk: { intl: 'kk-KZ', render: (p) => `${p.day} ${p.month} ${p.year} ж. ${p.hour}:${p.minute}` },
  en: { intl: 'en-GB', render: (p) => `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}` },
};

/** Month names in the form the templates use, for browsers whose ICU data lacks the language (Chromium prints "M03" for kk). */
export const MONTH_NAMES: Record<Language, string[]> = {
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Russian and Kazakh stories print in their language; every other locale uses the English template. */
export const displayLanguage = (locale: string | null | undefined): Language => {
  const base = (locale ?? '').toLowerCase().split('-')[0];
  return base === 'ru' || base === 'kk' ? base : 'en';
};

const formatterFor = (language: Language | 'numeric', timeZone: string) => {
  const key = `${language}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language === 'numeric' ? 'en-GB' : TEMPLATES[language].intl, {
      timeZone,
      day: 'numeric',
      month: language === 'numeric' ? 'numeric' : 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter;
};

/** "12 сентября 2025 г. 8:57" for 2025-09-12T03:57:00Z in a Russian story; null for no date. */
export const formatStoryDate = (value: string | null | undefined, locale: string | null | undefined, timeZone = DISPLAY_TIME_ZONE): string | null => {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const language = displayLanguage(locale);
  const parts: Parts = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of formatterFor(language, timeZone).formatToParts(date)) {
    if (part.type === 'day' || part.type === 'month' || part.type === 'year' || part.type === 'hour' || part.type === 'minute') {
      parts[part.type] = part.value;
    }
  }
  if (!/^\p{L}+$/u.test(parts.month)) {
    const month = formatterFor('numeric', timeZone).formatToParts(date).find((part) => part.type === 'month');
    parts.month = MONTH_NAMES[language][Number(month?.value) - 1] ?? parts.month;
  }
  return TEMPLATES[language].render(parts);
};
