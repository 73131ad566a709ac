import { stemKazakh } from '../../server/src/services/suggestions/text/kazakh-stem';
import { blocksToText, languageOf, stemWord, textVector, tokenize } from '../../server/src/services/suggestions/text/analysis';

const stems = (text: string, language: 'ru' | 'kk' | 'en' = 'ru') => tokenize(text, language).map((token) => token.stem);

describe('Russian analysis', () => {
  it('matches the word forms of one word', () => {
    expect(stemWord('безопасности', 'ru')).toBe(stemWord('безопасность', 'ru'));
    expect(stemWord('безопасностью', 'ru')).toBe(stemWord('безопасность', 'ru'));
    expect(stemWord('терроризма', 'ru')).toBe(stemWord('терроризм', 'ru'));
    expect(stemWord('терроризмом', 'ru')).toBe(stemWord('терроризм', 'ru'));
    expect(stemWord('министерства', 'ru')).toBe(stemWord('министерство', 'ru'));
    expect(stemWord('международной', 'ru')).toBe(stemWord('международный', 'ru'));
  });

  it('folds case and ё, drops stop words, numbers and one-letter words', () => {
    expect(stems('Безопасность и ТЕРРОРИЗМ в 2022 году: всё о нём')).toEqual([stemWord('безопасность', 'ru'), stemWord('терроризм', 'ru'), stemWord('году', 'ru')]);
    expect(stemWord('Ёлка'.toLowerCase().replace('ё', 'е'), 'ru')).toBe(stemWord('елка', 'ru'));
    expect(stems('и в на с по который также')).toEqual([]);
  });

  it('keeps the written word beside its stem', () => {
    expect(tokenize('Безопасности', 'ru')).toEqual([{ stem: stemWord('безопасность', 'ru'), word: 'безопасности' }]);
  });
});

describe('Kazakh analysis', () => {
  it('strips common plural, possessive and case endings', () => {
    expect(stemKazakh('қазақстанның')).toBe(stemKazakh('қазақстан'));
    expect(stemKazakh('қазақстанда')).toBe(stemKazakh('қазақстан'));
    expect(stemKazakh('елдерінің')).toBe(stemKazakh('елдер'));
    expect(stemKazakh('елдермен')).toBe(stemKazakh('елдер'));
    expect(stemKazakh('қауіпсіздігі')).toBe(stemKazakh('қауіпсіздік'));
    expect(stemKazakh('министрлігінің')).toBe(stemKazakh('министрлігі'));
  });

  it('never leaves a stem shorter than three letters', () => {
    for (const word of ['ел', 'елі', 'су', 'суда', 'ата']) expect(stemKazakh(word).length).toBeGreaterThanOrEqual(Math.min(3, word.length));
  });

  it('uses the Kazakh stripper for Kazakh stories and for words with Kazakh letters in Russian ones', () => {
    expect(languageOf('kk')).toBe('kk');
    expect(languageOf('ru')).toBe('ru');
    expect(languageOf(null)).toBe('ru');
    expect(stems('Қазақстанның сыртқы істер министрлігі', 'kk')).toEqual(stems('қазақстан сыртқы істер министрлігінде', 'kk'));
    expect(stemWord('қазақстанның', 'ru')).toBe(stemKazakh('қазақстан'));
    expect(stems('және мен үшін туралы', 'kk')).toEqual([]);
  });
});

describe('text vectors', () => {
  const vector = (title: string, body = '') => textVector([{ text: title, boost: 3 }, { text: body, boost: 1 }], 'ru');

  it('has unit length, sorted terms and the commonest written form', () => {
    const terms = vector('Безопасность в регионе', 'Вопросы безопасности обсудили. Безопасности уделили внимание. Терроризм.');
    const length = Math.sqrt(terms.reduce((sum, term) => sum + term.weight * term.weight, 0));
    expect(length).toBeCloseTo(1, 6);
    expect(terms.map((term) => term.term)).toEqual([...terms.map((term) => term.term)].sort());
    expect(terms.find((term) => term.term === stemWord('безопасность', 'ru'))?.word).toBe('безопасности');
  });

  it('weighs title words and repeated words more', () => {
    const terms = vector('Саммит министров', 'Саммит прошёл. Делегации приехали.');
    const weight = (word: string) => terms.find((term) => term.term === stemWord(word, 'ru'))?.weight ?? 0;
    expect(weight('саммит')).toBeGreaterThan(weight('министров'));
    expect(weight('министров')).toBeGreaterThan(weight('делегации'));
  });

  it('weighs names and abbreviations more than common words', () => {
    const terms = vector('Саммит ОИС', 'Саммит прошёл в Астане. Делегации приехали.');
    const weight = (term: string) => terms.find((entry) => entry.term === term)?.weight ?? 0;
    expect(weight('оис')).toBeGreaterThan(weight(stemWord('саммит', 'ru') as string));
    expect(weight('астан')).toBeGreaterThan(weight(stemWord('делегации', 'ru') as string));
  });

  it('weighs a past-tense verb less than a noun said as often (events of one kind share their actions)', () => {
    const verbs = tokenize('Делегации прибыли, жители вернулись, избиратели проголосовали', 'ru').filter((token) => token.verb).map((token) => token.word);
    expect(verbs).toEqual(['прибыли', 'вернулись', 'проголосовали']);
    const terms = vector('Президент обратился к жителям');
    const weight = (word: string) => terms.find((term) => term.term === stemWord(word, 'ru'))?.weight ?? 0;
    expect(weight('обратился')).toBeLessThan(weight('жителям'));
    expect(weight('жителям')).toBeCloseTo(weight('президент'), 9);
  });

  it('depends on the text alone and keeps at most the strongest terms', () => {
    const body = Array.from({ length: 200 }, (_, i) => `слово${i}`).join(' ');
    expect(vector('Заголовок', body)).toEqual(vector('Заголовок', body));
    expect(textVector([{ text: body, boost: 1 }], 'ru', 10)).toHaveLength(10);
    expect(vector('')).toEqual([]);
  });

  it('reads the text of Strapi blocks', () => {
    const blocks = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Первый абзац.' }] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'Пункт' }, { type: 'link', url: 'https://x', children: [{ type: 'text', text: 'ссылка' }] }] }] },
    ];
    expect(blocksToText(blocks)).toBe('Первый абзац. Пункт ссылка');
    expect(blocksToText(JSON.stringify(blocks))).toBe('Первый абзац. Пункт ссылка');
    expect(blocksToText(null)).toBe('');
  });
});
