import { formatDisplayDate } from '../../shared/dates';

describe('display dates', () => {
  it('prints the sample page dates in Russian, Kazakhstan time, without "в" and with a bare hour', () => {
    expect(formatDisplayDate('2022-03-23T18:08:00Z', 'ru', 'Asia/Almaty')).toBe('24 марта 2022 г. 0:08');
    expect(formatDisplayDate('2025-09-12T03:57:00Z', 'ru', 'Asia/Almaty')).toBe('12 сентября 2025 г. 8:57');
    expect(formatDisplayDate('2025-09-11T09:39:00Z', 'ru', 'Asia/Almaty')).toBe('11 сентября 2025 г. 14:39');
    expect(formatDisplayDate('2025-08-19T19:00:00Z', 'ru', 'Asia/Almaty')).toBe('20 августа 2025 г. 0:00');
  });

  it('follows Almaty from UTC+6 to UTC+5 on 2024-03-01 using the runtime tz data', () => {
    expect(formatDisplayDate('2024-02-01T18:00:00Z', 'ru', 'Asia/Almaty')).toBe('2 февраля 2024 г. 0:00');
    expect(formatDisplayDate('2024-04-01T19:00:00Z', 'ru', 'Asia/Almaty')).toBe('2 апреля 2024 г. 0:00');
    // The switch itself: midnight of 1 March +06 was the first instant of +05, printed as 23:00 the day before.
    expect(formatDisplayDate('2024-02-29T18:00:00Z', 'ru', 'Asia/Almaty')).toBe('29 февраля 2024 г. 23:00');
  });

  it('has Kazakh and English templates in the same spirit', () => {
    expect(formatDisplayDate('2022-03-23T18:08:00Z', 'kk', 'Asia/Almaty')).toBe('24 наурыз 2022 ж. 0:08');
    expect(formatDisplayDate('2022-03-23T18:08:00Z', 'en', 'Asia/Almaty')).toBe('24 March 2022, 0:08');
  });

  it('honours another time zone and answers null for no date', () => {
    expect(formatDisplayDate('2022-03-23T18:08:00Z', 'ru', 'Europe/Moscow')).toBe('23 марта 2022 г. 21:08');
    expect(formatDisplayDate(null, 'ru', 'Asia/Almaty')).toBeNull();
  });
});
