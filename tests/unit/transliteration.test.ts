import slugifyForUid from '@sindresorhus/slugify';

import { baseTableFor, buildTable, DEFAULT_TABLE, KAZAKH_LATIN_2021, KAZAKH_TABLE, toCustomReplacements, transliterate } from '../../server/src/services/slug/transliteration';

const table = DEFAULT_TABLE;
const slug = (title: string) => transliterate(title, table);

describe('transliteration table', () => {
  it('reads the sample title as news sites do', () => {
    expect(slug('Партнерство ради развития')).toBe('partnerstvo-radi-razvitiya');
  });

  it.each([
    ['а', 'a'], ['б', 'b'], ['в', 'v'], ['г', 'g'], ['д', 'd'], ['е', 'e'], ['ё', 'yo'], ['ж', 'zh'], ['з', 'z'], ['и', 'i'],
    ['й', 'y'], ['к', 'k'], ['л', 'l'], ['м', 'm'], ['н', 'n'], ['о', 'o'], ['п', 'p'], ['р', 'r'], ['с', 's'], ['т', 't'],
    ['у', 'u'], ['ф', 'f'], ['х', 'kh'], ['ц', 'ts'], ['ч', 'ch'], ['ш', 'sh'], ['щ', 'shch'], ['ы', 'y'], ['э', 'e'], ['ю', 'yu'], ['я', 'ya'],
  ])('maps Russian %s to %s, in either case', (letter, latin) => {
    expect(slug(`x${letter}x`)).toBe(`x${latin}x`);
    expect(slug(`x${letter.toUpperCase()}x`)).toBe(`x${latin}x`);
  });

  it('drops the hard and soft signs (slugify alone turns "ъ" into "u")', () => {
    expect(slug('объём')).toBe('obyom');
    expect(slug('Съезд')).toBe('sezd');
    expect(slug('Мухтар Тлеуберди: день')).toBe('mukhtar-tleuberdi-den');
  });

  it.each([
    ['ә', 'a'], ['ғ', 'g'], ['қ', 'q'], ['ң', 'n'], ['ө', 'o'], ['ұ', 'u'], ['ү', 'u'], ['һ', 'h'], ['і', 'i'],
  ])('maps Kazakh %s to the one Latin letter %s (2021 alphabet)', (letter, latin) => {
    expect(slug(`x${letter}x`)).toBe(`x${latin}x`);
    expect(slug(`x${letter.toUpperCase()}x`)).toBe(`x${latin}x`);
  });

  it('gives Kazakh titles in Cyrillic and in the Latin alphabet the same slug', () => {
    expect(slug('Қазақстан Республикасы')).toBe('qazaqstan-respublikasy');
    expect(slug('Қазақ тілі')).toBe(slug('Qazaq tılı'));
    expect(slug('Өскемен')).toBe('oskemen');
  });

  it('handles guillemets, dashes, numbers and punctuation', () => {
    expect(slug('«Лучший товар Казахстана»')).toBe('luchshiy-tovar-kazakhstana');
    expect(slug('Токаев: Ключевая цель – трансформация')).toBe('tokaev-klyuchevaya-tsel-transformatsiya');
    expect(slug('48-я сессия СМИД ОИС — итоги')).toBe('48-ya-sessiya-smid-ois-itogi');
    expect(slug('Больше 20 предприятий Алматы')).toBe('bolshe-20-predpriyatiy-almaty');
    expect(slug('Рост 2,5% за 2025 год!')).toBe('rost-2-5-za-2025-god');
  });

  it('is empty for a title with no letter or digit (the service then uses the fallback)', () => {
    expect(slug('!!! — «» ...')).toBe('');
  });

  it('takes overrides from config', () => {
    const custom = buildTable({ х: 'h', Ц: 'c' });
    expect(transliterate('Хоккей в Царском Селе', custom)).toBe('hokkey-v-carskom-sele');
  });

  it('gives the Content Manager uid input (@sindresorhus/slugify with the same table) the same slug as the server', () => {
    const options = { decamelize: false, customReplacements: toCustomReplacements(table) };
    const titles = [
      'Партнерство ради развития',
      'Аида Балаева выступила в поддержку сохранения независимости и чистоты культурного пространства',
      'Токаев: Ключевая цель – трансформация Казахстана в технологически продвинутую нацию',
      'Больше 20 предприятий Алматы признаны победителями регионального этапа конкурса «Лучший товар Казахстана»',
      'Ёлка & ёжик: объём съезда',
      'ӘҒҚҢӨҰҮҺІ әғқңөұүһі Qazaq tılı',
      'Щука, Straße, Łódź, İstanbul, Ænima',
      "It's 5 o'clock — 2.5% роста",
    ];
    const alphabet = [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі', ...'ABCxyz0189', ...' -–—«»"\'.,:;!?()&%№$/\\'];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 500; i += 1) {
      titles.push(Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    }
    for (const title of titles) expect([title, slug(title)]).toEqual([title, slugifyForUid(title, options)]);
  });
});

describe('Kazakh transliteration table (kk stories)', () => {
  const kk = (title: string) => transliterate(title, KAZAKH_TABLE);

  it.each([
    ['а', 'a', 'a'], ['ә', 'ä', 'a'], ['б', 'b', 'b'], ['в', 'v', 'v'], ['г', 'g', 'g'], ['ғ', 'ğ', 'g'], ['д', 'd', 'd'],
    ['е', 'e', 'e'], ['ё', 'io', 'io'], ['ж', 'j', 'j'], ['з', 'z', 'z'], ['и', 'i', 'i'], ['й', 'i', 'i'], ['к', 'k', 'k'],
    ['қ', 'q', 'q'], ['л', 'l', 'l'], ['м', 'm', 'm'], ['н', 'n', 'n'], ['ң', 'ñ', 'n'], ['о', 'o', 'o'], ['ө', 'ö', 'o'],
    ['п', 'p', 'p'], ['р', 'r', 'r'], ['с', 's', 's'], ['т', 't', 't'], ['у', 'u', 'u'], ['ұ', 'ū', 'u'], ['ү', 'ü', 'u'],
    ['ф', 'f', 'f'], ['х', 'h', 'h'], ['һ', 'h', 'h'], ['ц', 'ts', 'ts'], ['ч', 'ç', 'ch'], ['ш', 'ş', 'sh'], ['щ', 'şş', 'shsh'],
    ['ы', 'y', 'y'], ['і', 'ı', 'i'], ['э', 'e', 'e'], ['ю', 'iu', 'iu'], ['я', 'ia', 'ia'], ['ъ', '', ''], ['ь', '', ''],
  ])('maps %s to the 2021 letter %s and to %s in a slug, in either case', (letter, latin, ascii) => {
    expect(KAZAKH_LATIN_2021[letter]).toBe(latin);
    expect(kk(`x${letter}x`)).toBe(`x${ascii}x`);
    expect(kk(`x${letter.toUpperCase()}x`)).toBe(`x${ascii}x`);
  });

  it('covers every letter of the Kazakh Cyrillic alphabet', () => {
    expect(Object.keys(KAZAKH_LATIN_2021).sort()).toEqual([...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі'].sort());
  });

  it.each([
    ['ä', 'a'], ['ğ', 'g'], ['ñ', 'n'], ['ö', 'o'], ['ū', 'u'], ['ü', 'u'], ['ı', 'i'], ['ş', 'sh'], ['ç', 'ch'],
  ])('folds the Latin letter %s to %s, so Latin input gives the Cyrillic title\'s slug', (letter, ascii) => {
    expect(kk(`x${letter}x`)).toBe(`x${ascii}x`);
    expect(kk(`x${letter.toUpperCase()}x`)).toBe(`x${ascii}x`);
  });

  it('reads Kazakh titles as the 2021 alphabet writes them', () => {
    expect(kk('Қазақстан Республикасы')).toBe('qazaqstan-respublikasy');
    expect(kk('Шымкент және Түркістан')).toBe('shymkent-jane-turkistan');
    expect(kk('Мемлекет басшысы Қасым-Жомарт Тоқаев')).toBe('memleket-basshysy-qasym-jomart-toqaev');
    expect(kk('Үкімет отырысы')).toBe('ukimet-otyrysy');
    expect(kk('Қазақ тілі')).toBe(kk('Qazaq tılı'));
    expect(kk('Шәй ішу')).toBe(kk('Şäi ışu'));
  });

  it('differs from the Russian table on the letters the two alphabets write differently', () => {
    expect([kk('Сәуір айы'), slug('Сәуір айы')]).toEqual(['sauir-aiy', 'sauir-ayy']);
    expect([kk('Жаңа жыл'), slug('Жаңа жыл')]).toEqual(['jana-jyl', 'zhana-zhyl']);
  });

  it('is the table of kk stories, and the Russian one of every other locale', () => {
    expect(baseTableFor('kk')).toBe(KAZAKH_TABLE);
    expect(baseTableFor('kk-KZ')).toBe(KAZAKH_TABLE);
    for (const locale of ['ru', 'en', null, undefined]) expect(baseTableFor(locale)).toBe(DEFAULT_TABLE);
  });

  it('takes the config overrides over the Kazakh table too', () => {
    expect(transliterate('Шымкент', buildTable({ ш: 's' }, KAZAKH_TABLE))).toBe('symkent');
  });
});
