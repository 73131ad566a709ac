/**
 * A synthetic Russian news archive with known topics, for the suggestions' quality check and the
 * `bench:suggest` benchmark. Deterministic for a seed.
 *
 * - A *topic* is one running story: an event with its own words (generated, so the vocabulary grows
 *   with the archive as real news does), a person, a place and an event tag. Its stories are written
 *   within a few weeks of each other.
 * - Every topic belongs to a *theme* (security, floods, elections, …) whose real words and tag it
 *   shares with other topics of the theme and with unrelated stories: the distractors.
 * - *Unrelated* stories are built from theme and general words only.
 * - Words are inflected (безопасность / безопасности / безопасностью, …), so matching needs stemming.
 * - Tags are skewed: "Казахстан" on half the archive, a few desk tags on a tenth, theme tags on a
 *   twentieth, event tags on a handful of stories.
 */

export interface SyntheticStory {
  key: string;
  /** Topic number, null for an unrelated story. */
  topic: number | null;
  title: string;
  lead: string;
  paragraphs: string[];
  tags: string[];
  correspondent: number;
  dateMs: number;
}

export interface ArchiveOptions {
  stories: number;
  seed?: number;
  /** Stories per topic (default 6). */
  perTopic?: number;
  /** Share of stories that belong to a topic (default 0.6). */
  topicShare?: number;
  correspondents?: number;
  /** Date of the newest story (default 2025-09-12). */
  endMs?: number;
  /** Days the archive spans (default 3 years). */
  spanDays?: number;
}

export interface SyntheticArchive {
  stories: SyntheticStory[];
  correspondents: string[];
}

const DAY = 24 * 3600 * 1000;

/** mulberry32: a small deterministic generator. */
const random = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
/** Zipf-like pick: early entries much more often. */
const zipf = <T>(rng: Rng, list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(list.length * Math.pow(rng(), 2.2)))];

type Declension = 'm' | 'f' | 'soft' | 'ie' | 'o' | 'adj';
const ENDINGS: Record<Declension, { cut: number; forms: string[] }> = {
  m: { cut: 0, forms: ['', 'а', 'у', 'ом', 'е', 'ы', 'ов', 'ам', 'ами', 'ах'] },
  f: { cut: 1, forms: ['а', 'ы', 'е', 'у', 'ой', 'ам', 'ами', 'ах'] },
  soft: { cut: 1, forms: ['ь', 'и', 'ью', 'ей', 'ям'] },
  ie: { cut: 1, forms: ['е', 'я', 'ю', 'ем', 'и', 'й', 'ям'] },
  o: { cut: 1, forms: ['о', 'а', 'у', 'ом', 'е'] },
  adj: { cut: 2, forms: ['ый', 'ого', 'ому', 'ым', 'ом', 'ая', 'ой', 'ую', 'ые', 'ых', 'ыми'] },
};

interface Lemma {
  lemma: string;
  declension: Declension;
}

const inflect = (rng: Rng, word: Lemma) => {
  const { cut, forms } = ENDINGS[word.declension];
  return word.lemma.slice(0, word.lemma.length - cut) + pick(rng, forms);
};

const lemmas = (text: string): Lemma[] =>
  text
    .trim()
    .split(/\s+/)
    .map((entry) => {
      const [lemma, declension] = entry.split(':');
      return { lemma, declension: declension as Declension };
    });

const GENERAL = lemmas(`
  правительство:o министр:m заседание:ie решение:ie вопрос:m развитие:ie программа:f экономика:f регион:m
  проект:m область:soft город:m страна:f закон:m работа:f совет:m документ:m отчет:m бюджет:m план:m
  население:ie граница:f делегация:f партнер:m сотрудничество:o инвестиция:f предприятие:ie аким:m
  депутат:m парламент:m комиссия:f предложение:ie изменение:ie поддержка:f строительство:o район:m
  мероприятие:ie встреча:f заявление:ie поручение:ie президент:m глава:f ведомство:o служба:f
  ситуация:f мера:f результат:m показатель:m объем:m рост:m участник:m специалист:m организация:f
  государственный:adj национальный:adj региональный:adj новый:adj важный:adj основной:adj
`);

const VERBS = 'обсудили провели подписали рассмотрели представили выделили утвердили поддержали организовали направили получили завершили начали продолжили'.split(' ');

const THEMES: Array<{ tag: string; words: Lemma[] }> = [
  { tag: 'Безопасность', words: lemmas('безопасность:soft терроризм:m угроза:f полиция:f преступление:ie оружие:ie охрана:f экстремизм:m спецслужба:f') },
  { tag: 'Паводки', words: lemmas('паводок:m вода:f наводнение:ie дамба:f эвакуация:f подтопление:ie спасатель:m река:f уровень:m') },
  { tag: 'Выборы', words: lemmas('выборы:m голосование:ie кандидат:m избиратель:m бюллетень:m участок:m партия:f мандат:m депутатский:adj') },
  { tag: 'Энергетика', words: lemmas('нефть:soft газ:m трубопровод:m электростанция:f энергия:f тариф:m месторождение:ie добыча:f топливо:o') },
  { tag: 'Здоровье', words: lemmas('больница:f врач:m пациент:m вакцина:f лечение:ie здравоохранение:ie медицинский:adj клиника:f диагноз:m') },
  { tag: 'Образование', words: lemmas('школа:f учитель:m студент:m университет:m экзамен:m образование:ie учебник:m грант:m школьник:m') },
  { tag: 'Дипломатия', words: lemmas('посол:m визит:m переговоры:m саммит:m министерство:o дипломат:m соглашение:ie консульство:o меморандум:m') },
  { tag: 'Спорт', words: lemmas('чемпионат:m спортсмен:m медаль:soft турнир:m сборная:f тренер:m матч:m команда:f победа:f') },
  { tag: 'Сельское хозяйство', words: lemmas('урожай:m зерно:o фермер:m посевной:adj скот:m пастбище:ie удобрение:ie элеватор:m техника:f') },
  { tag: 'Транспорт', words: lemmas('дорога:f автобус:m аэропорт:m железная:adj вокзал:m пассажир:m перевозка:f трасса:f рейс:m') },
];

const COMMON_TAGS = ['Казахстан', 'Общество', 'Политика', 'Экономика', 'Регионы', 'Мир'];
const FIRST_NAMES = ['Ануар', 'Ерлан', 'Марат', 'Айгуль', 'Сауле', 'Бахыт', 'Дина', 'Нурлан', 'Асель', 'Тимур', 'Гульнара', 'Ержан'];

const CONSONANTS = 'бвгдзклмнпрстф';
const VOWELS = 'аоуеи';

/** A pronounceable made-up stem: the proper names and coinages that make a running story unique. */
const pseudoStem = (rng: Rng, syllables: number) => {
  let word = '';
  for (let i = 0; i < syllables; i += 1) word += pick(rng, CONSONANTS.split('')) + pick(rng, VOWELS.split(''));
  return word + pick(rng, 'нрлмст'.split(''));
};

interface Topic {
  theme: number;
  words: Lemma[];
  person: string;
  place: string;
  tag: string;
  dateMs: number;
}

const makeTopic = (rng: Rng, endMs: number, spanDays: number): Topic => {
  const theme = Math.floor(rng() * THEMES.length);
  // Two coinages of its own (an operation, a company…) and three words its theme shares with others.
  const shared = [...THEMES[theme].words].sort(() => rng() - 0.5).slice(0, 3);
  const words: Lemma[] = [{ lemma: pseudoStem(rng, 2), declension: 'm' }, { lemma: `${pseudoStem(rng, 2)}а`, declension: 'f' }, ...shared];
  const place = pseudoStem(rng, 2);
  return {
    theme,
    words,
    person: `${pseudoStem(rng, 2)}ов`,
    place: place[0].toUpperCase() + place.slice(1),
    tag: `${place[0].toUpperCase()}${place.slice(1)}-${2015 + Math.floor(rng() * 11)}`,
    dateMs: endMs - Math.floor(rng() * spanDays) * DAY,
  };
};

const capitalize = (text: string) => text[0].toUpperCase() + text.slice(1);

const sentence = (rng: Rng, length: number, sources: Array<{ share: number; word: () => string }>) => {
  const words: string[] = [];
  for (let i = 0; i < length; i += 1) {
    let roll = rng();
    let chosen = sources[sources.length - 1];
    for (const source of sources) {
      if (roll < source.share) {
        chosen = source;
        break;
      }
      roll -= source.share;
    }
    words.push(chosen.word());
  }
  return `${capitalize(words.join(' '))}.`;
};

export const generateArchive = (options: ArchiveOptions): SyntheticArchive => {
  const rng = random(options.seed ?? 42);
  const perTopic = options.perTopic ?? 6;
  const endMs = options.endMs ?? Date.UTC(2025, 8, 12, 3, 57);
  const spanDays = options.spanDays ?? 3 * 365;
  const topicStories = Math.floor(options.stories * (options.topicShare ?? 0.6) / perTopic) * perTopic;
  const topics = Array.from({ length: topicStories / perTopic }, () => makeTopic(rng, endMs, spanDays));
  const correspondents = Array.from({ length: options.correspondents ?? 8 }, (_, i) => `${FIRST_NAMES[i % FIRST_NAMES.length]} ${capitalize(pseudoStem(rng, 2))}ов`);
  const general = () => inflect(rng, zipf(rng, GENERAL));
  const verb = () => pick(rng, VERBS);
  const stories: SyntheticStory[] = [];

  for (let index = 0; index < options.stories; index += 1) {
    const topicIndex = index < topicStories ? Math.floor(index / perTopic) : null;
    const topic = topicIndex === null ? null : topics[topicIndex];
    const theme = THEMES[topic ? topic.theme : Math.floor(rng() * THEMES.length)];
    // Each story of a topic uses most, not all, of its words.
    const own = topic ? topic.words.filter(() => rng() < 0.75) : [];
    if (topic && own.length === 0) own.push(topic.words[0]);
    const themeWord = () => inflect(rng, pick(rng, theme.words));
    const sources = topic
      ? [
          { share: 0.1, word: () => inflect(rng, pick(rng, own)) },
          { share: 0.03, word: () => inflect(rng, { lemma: topic.person, declension: 'm' }) },
          { share: 0.03, word: () => inflect(rng, { lemma: topic.place.toLowerCase(), declension: 'm' }) },
          { share: 0.16, word: themeWord },
          { share: 0.08, word: verb },
          { share: 1, word: general },
        ]
      : [
          { share: 0.18, word: themeWord },
          { share: 0.08, word: verb },
          { share: 1, word: general },
        ];
    const title = topic
      ? `${capitalize(inflect(rng, pick(rng, own)))} ${inflect(rng, { lemma: topic.place, declension: 'm' })}: ${verb()} ${themeWord()} ${general()}`
      : `${capitalize(themeWord())} ${general()}: ${verb()} ${general()} ${themeWord()}`;
    const paragraphs = Array.from({ length: 3 + Math.floor(rng() * 3) }, () =>
      Array.from({ length: 2 + Math.floor(rng() * 2) }, () => sentence(rng, 9 + Math.floor(rng() * 8), sources)).join(' ')
    );
    const tags = new Set<string>();
    if (topic && rng() < 0.6) tags.add(topic.tag);
    if (rng() < 0.6) tags.add(theme.tag);
    if (rng() < 0.5) tags.add(COMMON_TAGS[0]);
    for (const tag of COMMON_TAGS.slice(1)) if (rng() < 0.1) tags.add(tag);
    const dateMs = topic ? topic.dateMs - Math.floor(rng() * 21 * DAY) : endMs - Math.floor(rng() * spanDays * DAY);
    stories.push({
      key: `s${index}`,
      topic: topicIndex,
      title,
      lead: sentence(rng, 12 + Math.floor(rng() * 6), sources),
      paragraphs,
      tags: [...tags],
      correspondent: Math.floor(rng() * correspondents.length),
      dateMs,
    });
  }
  return { stories, correspondents };
};

/** Strapi blocks for the paragraphs of a story. */
export const toBlocks = (paragraphs: string[]) => paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/**
 * Mean precision@k over topic stories (those `only` keeps, all by default): the share of each
 * one's top k that belong to its topic.
 */
export const precisionAtK = (stories: SyntheticStory[], suggestionsOf: (story: SyntheticStory) => string[], k: number, only: (story: SyntheticStory) => boolean = () => true) => {
  const byKey = new Map(stories.map((story) => [story.key, story]));
  const scored = stories.filter((story) => story.topic !== null && only(story));
  const total = scored.reduce((sum, story) => {
    const top = suggestionsOf(story).slice(0, k);
    return sum + top.filter((key) => byKey.get(key)?.topic === story.topic).length / k;
  }, 0);
  return scored.length === 0 ? 0 : total / scored.length;
};
