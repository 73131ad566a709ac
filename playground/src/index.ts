import type { Core } from '@strapi/strapi';

import { ensureFrontEndWebhook } from './front-end';
import { loadSample } from './sample';

/** The newsroom publishes in Russian and Kazakh (and English); Russian is the default. */
const ensureLocales = async (strapi: Core.Strapi) => {
  const locales = strapi.plugin('i18n').service('locales');
  const wanted = [
    { code: 'ru', name: 'Russian (ru)' },
    { code: 'kk', name: 'Kazakh (kk)' },
    { code: 'en', name: 'English (en)' },
  ];
  const created = [];
  for (const locale of wanted) {
    if (!(await locales.findByCode(locale.code))) created.push(await locales.create(locale));
  }
  // Only on the first start: afterwards the default is the editors' choice.
  if (created.some((locale) => locale.code === 'ru')) await locales.setDefaultLocale({ code: 'ru' });
};

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    if (strapi.db.dialect.client === 'sqlite') {
      // Write-ahead log, no fsync per commit: SQLite's recommended settings for a server (durable across app crashes).
      await strapi.db.connection.raw('pragma journal_mode = wal');
      await strapi.db.connection.raw('pragma synchronous = normal');
    }
    await ensureLocales(strapi);
    // Tests skip the sample and bring their own webhooks; the demo gets both.
    if (process.env.NEWSROOM_SKIP_SAMPLE !== 'true') {
      await loadSample(strapi);
      await ensureFrontEndWebhook(strapi);
    }
  },
};
