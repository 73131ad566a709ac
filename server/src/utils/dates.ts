import type { DisplayLanguage } from '../../../shared/contracts/public-api';

type Parts = Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>;

/**
 * Per-language templates over Intl's parts. Intl prints "24 марта 2022 г. в 0:08" for ru; news pages
 * print "24 марта 2022 г. 0:08", so the words between parts are ours, the parts are the runtime's
 * (month names, the time zone's offset on that date from its tz data, never a fixed offset).
 */
const TEMPLATES: Record<DisplayLanguage, { intl: string; render: (p: Parts) => string }> = {
  ru: { intl: 'ru-RU', render: (p) => `${p.day} ${p.month} ${p.year} г. ${p.hour}:${p.minute}` },
  kk: { intl: 'kk-KZ', render: (p) => `${p.day} ${p.month} ${p.year} ж. ${p.hour}:${p.minute}` },
  en: { intl: 'en-GB', render: (p) => `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}` },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (language: DisplayLanguage, timeZone: string) => {
  const key = `${language}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(TEMPLATES[language].intl, {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter;
};

/** "24 марта 2022 г. 0:08" for 2022-03-23T18:08:00Z in Asia/Almaty; null for no date. */
export const formatDisplayDate = (value: Date | string | number | null | undefined, language: DisplayLanguage, timeZone: string): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const parts = {} as Parts;
  for (const part of formatterFor(language, timeZone).formatToParts(date)) {
    if (part.type === 'day' || part.type === 'month' || part.type === 'year' || part.type === 'hour' || part.type === 'minute') {
      parts[part.type] = part.value;
    }
  }
  return TEMPLATES[language].render(parts);
};
