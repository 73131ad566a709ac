import { tokenize } from '../../server/src/services/suggestions/text/analysis';

const keys = (text: string, language: 'ru' | 'kk' = 'ru') => tokenize(text, language).map((token) => token.stem);

describe('real-text analysis', () => {
  it('gives a surname one key in every case, at a sentence start or inside one', () => {
    const forms = ['Токаев', 'Токаева', 'Токаеву', 'Токаевым', 'Токаеве'];
    const found = new Set(forms.flatMap((form) => [...keys(`${form} выступил`), ...keys(`Речь, которую произнес ${form}`).slice(-1)]));
    expect(found.has('токаев')).toBe(true);
    expect([...found].filter((key) => key.startsWith('тока'))).toEqual(['токаев']);
  });

  it('gives a capitalised place name one key inside a sentence (Астана, Астаны, Астане)', () => {
    const found = ['Астана', 'Астаны', 'Астане', 'Астаной'].map((form) => keys(`Делегация прибыла в ${form}`).slice(-1)[0]);
    expect(new Set(found)).toEqual(new Set(['астан']));
  });

  it('matches an abbreviation with the initials of the institution it stands for', () => {
    expect(keys('Бывший глава КНБ задержан')).toContain('кнб');
    expect(keys('Бывший председатель Комитета национальной безопасности задержан')).toContain('кнб');
    expect(keys('Сообщает пресс-служба Министерства по чрезвычайным ситуациям')).toContain('мчс');
    expect(keys('Генсек Организации Объединенных Наций')).toContain('оон');
  });

  it('makes no initials of ordinary capitalised runs', () => {
    expect(keys('Жители города получили помощь').filter((key) => key.length === 3 && !['жител', 'город'].includes(key))).toEqual([]);
  });

  it('keeps decimal figures as keys whichever separator is used, and drops bare numbers', () => {
    expect(keys('набрал 81,31 процента')).toContain('81.31');
    expect(keys('набрал 81.31 процента')).toContain('81.31');
    expect(keys('в 2022 году 20 человек').some((key) => /\d/.test(key))).toBe(false);
  });

  it('keeps a day with its month as one key, and no year or other count', () => {
    expect(keys('в 2022 году 20 ноября').filter((key) => /\d/.test(key))).toEqual(['20 ноября']);
    expect(keys('Обращение 07 Января').filter((key) => /\d/.test(key))).toEqual(['7 января']);
    expect(keys('с 7 по 12 мая, 120 мая, 32 марта').filter((key) => /\d/.test(key))).toEqual(['12 мая']);
  });

  it('leaves out the boilerplate of news copy', () => {
    expect(keys('сообщает пресс-служба, передает корреспондент, как стало известно')).toEqual([]);
  });
});
