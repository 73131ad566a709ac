import { defaultConfig, validateConfig } from '../../server/src/config';

const withChange = (change: Record<string, unknown>) => ({ ...defaultConfig, ...change });
const withSuggestions = (change: Record<string, unknown>) => withChange({ suggestions: { ...defaultConfig.suggestions, ...change } });

describe('plugin config', () => {
  it('accepts the defaults', () => {
    expect(() => validateConfig(defaultConfig)).not.toThrow();
    expect(defaultConfig).toMatchObject({ maxRelated: 10, timeZone: 'Asia/Almaty', defaultLocale: 'ru', publicPath: '/news/:slug', publicApi: true });
  });

  it.each([
    [{ maxRelated: 0 }, 'newsroom config: maxRelated:'],
    [{ maxRelated: '10' }, 'newsroom config: maxRelated:'],
    [{ timeZone: 'Mars/Olympus' }, 'newsroom config: timeZone: must be an IANA time zone'],
    [{ defaultLocale: 'de' }, 'newsroom config: defaultLocale:'],
    [{ publicPath: '/news/' }, 'newsroom config: publicPath: must contain ":slug"'],
    [{ publicPath: 'news/:slug' }, 'newsroom config: publicPath:'],
    [{ publicApi: 'yes' }, 'newsroom config: publicApi:'],
    [{ slug: { table: { ъ: 'HARD' }, fallback: 'article' } }, 'newsroom config: slug.table.ъ: values must be lower-case ASCII'],
    [{ slug: { table: { ab: 'x' }, fallback: 'article' } }, 'newsroom config: slug.table.ab: keys must be single characters'],
    [{ slug: { table: {}, fallback: 'Статья' } }, 'newsroom config: slug.fallback: must be a slug'],
    [{ views: { dedupeWindowSeconds: -1 } }, 'newsroom config: views.dedupeWindowSeconds:'],
    [{ maxRelated: 'ten' }, 'newsroom config: maxRelated:'],
    [{ maxRelated: 1000 }, 'newsroom config: maxRelated:'],
    [{ timeZone: 'Asia/Almaty ' }, 'newsroom config: timeZone: must be an IANA time zone'],
    [{ publicPath: '/news' }, 'newsroom config: publicPath: must contain ":slug"'],
    [{ views: { dedupeWindowSeconds: 31_536_000 } }, 'newsroom config: views.dedupeWindowSeconds:'],
    [{ maxRelatd: 5 }, 'newsroom config: (root): Unrecognized key: "maxRelatd"'],
  ])('refuses %j at boot with a message naming the option', (change, message) => {
    expect(() => validateConfig(withChange(change))).toThrow(message);
  });

  it.each([
    [{ maxAgeDays: -1 }, 'newsroom config: suggestions.maxAgeDays:'],
    [{ maxAgeDays: 1.5 }, 'newsroom config: suggestions.maxAgeDays:'],
    [{ maxAgeDays: '30' }, 'newsroom config: suggestions.maxAgeDays:'],
    [{ direction: 'both' }, 'newsroom config: suggestions.direction: must be "any", "older" or "newer"'],
    [{ excludeTags: 'погода' }, 'newsroom config: suggestions.excludeTags:'],
    [{ excludeTags: ['погода', ' '] }, 'newsroom config: suggestions.excludeTags.1: must not hold an empty tag'],
  ])('refuses suggestions %j at boot with a message naming the option', (change, message) => {
    expect(() => validateConfig(withSuggestions(change))).toThrow(message);
  });

  it.each([[{ maxAgeDays: 0 }], [{ maxAgeDays: 30 }], [{ maxAgeDays: null }], [{ direction: 'older' }], [{ direction: 'newer' }], [{ excludeTags: ['Погода', 'гороскоп'] }]])(
    'accepts suggestions %j',
    (change) => {
      expect(() => validateConfig(withSuggestions(change))).not.toThrow();
    }
  );
});
