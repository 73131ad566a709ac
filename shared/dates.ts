/**
 * Dates as readers see them, one formatter for the server and the admin panel. The words and month
 * names are ours ("24 марта 2022 г. 0:08": Intl adds "в", and browsers without Kazakh ICU data print
 * "M03"); the numbers come from Intl in the configured time zone, so the runtime's tz data decides
 * the offset on each date (Almaty: UTC+6 until 2024-03-01, UTC+5 since).
 */
/** Languages dates are printed in (`?lang=` of the public API, `defaultLocale` of the config). */
export const DISPLAY_LANGUAGES = ['ru', 'kk', 'en'] as const;
export type DisplayLanguage = (typeof DISPLAY_LANGUAGES)[number];

export const MONTH_NAMES: Record<DisplayLanguage, readonly string[]> = {
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

interface Parts {
  day: number;
  month: string;
  year: number;
  hour: number;
  minute: string;
}

const TEMPLATES: Record<DisplayLanguage, (p: Parts) => string> = {
  ru: (p) => `${p.day} ${p.month} ${p.year} г. ${p.hour}:${p.minute}`,
  kk: (p) => `${p.day} ${p.month} ${p.year} ж. ${p.hour}:${p.minute}`,
  en: (p) => `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`,
};

const formatters = new Map<string, Intl.DateTimeFormat>();

const numericParts = (date: Date, timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return parts;
};

/** "24 марта 2022 г. 0:08" for 2022-03-23T18:08:00Z in Asia/Almaty; null for no date. */
export const formatDisplayDate = (value: Date | string | number | null | undefined, language: DisplayLanguage, timeZone: string): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts = numericParts(date, timeZone);
  return TEMPLATES[language]({
    day: Number(parts.day),
    month: MONTH_NAMES[language][Number(parts.month) - 1],
    year: Number(parts.year),
    hour: Number(parts.hour),
    minute: parts.minute.padStart(2, '0'),
  });
};
