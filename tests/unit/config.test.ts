import { defaultConfig, validateConfig } from '../../server/src/config';

const cache = defaultConfig.cache as Exclude<typeof defaultConfig.cache, false>;
const withChange = (change: Record<string, unknown>) => ({ ...defaultConfig, ...change });
const withSuggestions = (change: Record<string, unknown>) => withChange({ suggestions: { ...defaultConfig.suggestions, ...change } });

describe('plugin config', () => {
  it('accepts the defaults', () => {
    expect(() => validateConfig(defaultConfig)).not.toThrow();
    expect(defaultConfig).toMatchObject({ maxRelated: 10, timeZone: 'Asia/Almaty', defaultLocale: 'ru', publicPath: '/news/:slug', publicApi: true });
  });

  it('turns the cache off with cache: false, and accepts tag headers left out one by one', () => {
    expect(() => validateConfig(withChange({ cache: false }))).not.toThrow();
    expect(() => validateConfig(withChange({ cache: { ...cache, http: { ...cache.http, tagHeaders: { 'Cache-Tag': false, 'x-keys': ' ' } } } }))).not.toThrow();
  });

  it('accepts a shared Redis cache', () => {
    expect(() => validateConfig(withChange({ cache: { ...cache, redis: 'rediss://user:secret@cache.internal:6380/2', redisPrefix: 'kazinform:', redisTtlSeconds: 600 } }))).not.toThrow();
  });

  it('accepts the settings of a news site', () => {
    const site = { siteUrl: 'https://kazinform.kz', correspondentPath: '/avtory/:slug', publisher: { name: 'Казинформ', logo: { url: 'https://kazinform.kz/logo.png', width: 600, height: 60 }, languages: { 'kk-KZ': 'kk' } } };
    expect(() => validateConfig(withChange(site))).not.toThrow();
  });

  it.each([
    [{ maxRelated: 0 }, 'newsroom config: maxRelated:'],
    [{ maxRelated: '10' }, 'newsroom config: maxRelated:'],
    [{ timeZone: 'Mars/Olympus' }, 'newsroom config: timeZone: must be an IANA time zone'],
    [{ defaultLocale: 'de' }, 'newsroom config: defaultLocale:'],
    [{ publicPath: '/news/' }, 'newsroom config: publicPath: must contain ":slug"'],
    [{ publicPath: 'news/:slug' }, 'newsroom config: publicPath:'],
    [{ publicApi: 'yes' }, 'newsroom config: publicApi:'],
    [{ preparedStatements: 'on' }, 'newsroom config: preparedStatements:'],
    [{ slug: { table: { ъ: 'HARD' }, fallback: 'article' } }, 'newsroom config: slug.table.ъ: values must be lower-case ASCII'],
    [{ slug: { table: { ab: 'x' }, fallback: 'article' } }, 'newsroom config: slug.table.ab: keys must be single characters'],
    [{ slug: { table: {}, fallback: 'Статья' } }, 'newsroom config: slug.fallback: must be a slug'],
    [{ views: { dedupeWindowSeconds: -1 } }, 'newsroom config: views.dedupeWindowSeconds:'],
    [{ maxRelated: 'ten' }, 'newsroom config: maxRelated:'],
    [{ maxRelated: 1000 }, 'newsroom config: maxRelated:'],
    [{ timeZone: 'Asia/Almaty ' }, 'newsroom config: timeZone: must be an IANA time zone'],
    [{ publicPath: '/news' }, 'newsroom config: publicPath: must contain ":slug"'],
    [{ views: { dedupeWindowSeconds: 31_536_000, flushIntervalMs: 1000 } }, 'newsroom config: views.dedupeWindowSeconds:'],
    [{ views: { dedupeWindowSeconds: 0, flushIntervalMs: -5 } }, 'newsroom config: views.flushIntervalMs:'],
    [{ views: { dedupeWindowSeconds: 0, flushIntervalMs: 600_000 } }, 'newsroom config: views.flushIntervalMs:'],
    [{ counters: { redis: 'http://127.0.0.1:6379', keyPrefix: 'newsroom:' } }, 'newsroom config: counters.redis: must be a redis:// or rediss:// URL'],
    [{ counters: { redis: 'not a url', keyPrefix: 'newsroom:' } }, 'newsroom config: counters.redis: must be a redis:// or rediss:// URL'],
    [{ counters: { redis: null, keyPrefix: '' } }, 'newsroom config: counters.keyPrefix: must be 1 to 64 printable ASCII'],
    [{ maxRelatd: 5 }, 'newsroom config: (root): Unrecognized key: "maxRelatd"'],
    [{ cache: true }, 'newsroom config: cache: must be false or an object of cache options'],
    [{ cache: { ...cache, maxEntries: 0 } }, 'newsroom config: cache.maxEntries:'],
    [{ cache: { ...cache, viewsMaxAgeSeconds: -5 } }, 'newsroom config: cache.viewsMaxAgeSeconds:'],
    [{ cache: { ...cache, http: { ...cache.http, sMaxAge: 1.5 } } }, 'newsroom config: cache.http.sMaxAge:'],
    [{ cache: { ...cache, http: { ...cache.http, tagHeaders: { 'Cache Tag': ',' } } } }, 'newsroom config: cache.http.tagHeaders.Cache Tag: must be HTTP header names'],
    [{ cache: { ...cache, http: { ...cache.http, tagHeaders: { 'Cache-Tag': ';' } } } }, 'newsroom config: cache.http.tagHeaders.Cache-Tag: must be HTTP header names'],
    [{ cache: { ...cache, webhook: { coalesceMs: -1, maxDelayMs: 1000 } } }, 'newsroom config: cache.webhook.coalesceMs:'],
    [{ cache: { ...cache, redis: '127.0.0.1:6379' } }, 'newsroom config: cache.redis: must be a redis:// or rediss:// URL'],
    [{ cache: { ...cache, redis: 'http://127.0.0.1:6379' } }, 'newsroom config: cache.redis: must be a redis:// or rediss:// URL'],
    [{ cache: { ...cache, redisPrefix: 'news room' } }, 'newsroom config: cache.redisPrefix: must be 1 to 64 printable ASCII'],
    [{ cache: { ...cache, redisTtlSeconds: 0 } }, 'newsroom config: cache.redisTtlSeconds:'],
    [{ cache: { ...cache, redisPrefx: 'x:' } }, 'newsroom config: cache: Unrecognized key: "redisPrefx"'],
    [{ siteUrl: 'news.example.kz' }, 'newsroom config: siteUrl: must be an absolute http(s) URL'],
    [{ siteUrl: 'https://news.example.kz/' }, 'newsroom config: siteUrl: must be an absolute http(s) URL without a trailing slash'],
    [{ siteUrl: 'ftp://news.example.kz' }, 'newsroom config: siteUrl: must be an absolute http(s) URL'],
    [{ correspondentPath: '/authors/' }, 'newsroom config: correspondentPath: must contain ":slug"'],
    [{ correspondentPath: 'authors/:slug' }, 'newsroom config: correspondentPath:'],
    [{ publisher: { name: ' ', logo: null, languages: {} } }, 'newsroom config: publisher.name: must be the publication name'],
    [{ publisher: { name: 'Kazinform', logo: { url: 'logo.png', width: 600, height: 60 }, languages: {} } }, 'newsroom config: publisher.logo.url: must be an absolute URL or a path'],
    [{ publisher: { name: 'Kazinform', logo: { url: '/logo.png', width: 0, height: 60 }, languages: {} } }, 'newsroom config: publisher.logo.width:'],
    [{ publisher: { name: 'Kazinform', logo: null, languages: { kk: 'Kazakh' } } }, 'newsroom config: publisher.languages.kk: values must be ISO 639 codes'],
    [{ publisher: { name: 'Kazinform', logo: null } }, 'newsroom config: publisher.languages:'],
    [{ accessibleForFree: 'yes' }, 'newsroom config: accessibleForFree:'],
    [{ sitemap: { pageSize: 50001 } }, 'newsroom config: sitemap.pageSize:'],
    [{ feeds: { size: 0 } }, 'newsroom config: feeds.size:'],
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
