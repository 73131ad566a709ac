import { PLUGIN_ID } from '../../../shared/manifest';

const loaders: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('./en.json'),
  ru: () => import('./ru.json'),
  kk: () => import('./kk.json'),
};

/** Prefixes every key with the plugin id, the way Strapi's admin expects plugin translations. */
export const loadTranslations = (locales: string[]) =>
  Promise.all(
    locales.map(async (locale) => {
      const load = loaders[locale];
      if (!load) return { data: {}, locale };
      const { default: data } = await load();
      return {
        data: Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])),
        locale,
      };
    })
  );

/** The full translation id of a plugin key, for `formatMessage({ id: t('...') })`. */
export const t = (key: string) => `${PLUGIN_ID}.${key}`;
