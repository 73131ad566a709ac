import { useQueryParams } from '@strapi/strapi/admin';

interface EditViewQuery {
  plugins?: { i18n?: { locale?: string } };
}

/** The content locale the Content Manager shows (`?plugins[i18n][locale]=ru`), or undefined for the default one. */
export const useContentLocale = (): string | undefined => {
  const [{ query }] = useQueryParams<EditViewQuery>();
  const locale = query.plugins?.i18n?.locale;
  return typeof locale === 'string' && locale !== '' ? locale : undefined;
};
