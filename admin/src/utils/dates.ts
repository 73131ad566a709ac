import { formatDisplayDate, type DisplayLanguage } from '../../../shared/dates';

/** Used until a response names the configured time zone (older servers); the plugin's default. */
export const DISPLAY_TIME_ZONE = 'Asia/Almaty';

/** Russian and Kazakh stories print in their language; every other locale uses the English template. */
export const displayLanguage = (locale: string | null | undefined): DisplayLanguage => {
  const base = (locale ?? '').toLowerCase().split('-')[0];
  return base === 'ru' || base === 'kk' ? base : 'en';
};

/** "12 сентября 2025 г. 8:57" for 2025-09-12T03:57:00Z in a Russian story; null for no date. */
export const formatStoryDate = (value: string | null | undefined, locale: string | null | undefined, timeZone = DISPLAY_TIME_ZONE): string | null =>
  formatDisplayDate(value, displayLanguage(locale), timeZone);

/** "24 марта 2022 г. 0:08, Asia/Almaty": a story's date as its readers will see it, naming the zone; null for no date. */
export const formatStoryDateWithZone = (value: string | null | undefined, locale: string | null | undefined, timeZone = DISPLAY_TIME_ZONE): string | null => {
  const date = formatStoryDate(value, locale, timeZone);
  return date === null ? null : `${date}, ${timeZone}`;
};
