import type { Core } from '@strapi/strapi';

/** The content locale a request reads: its `locale`, else the default locale of the i18n plugin. */
export const resolveLocale = async (strapi: Core.Strapi, locale: string | undefined): Promise<string | null> => {
  if (locale) return locale;
  const i18n = strapi.plugin('i18n');
  return i18n ? ((await i18n.service('locales').getDefaultLocale()) as string | null) : null;
};
