import type { Core } from '@strapi/strapi';

/**
 * The example news site (examples/front-end) the playground previews stories in and tells of changed
 * pages. `FRONT_END_URL=` (empty) turns both off; `WEBHOOK_SECRET` is shared with the front end.
 */
export const frontEnd = {
  url: (process.env.FRONT_END_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
  secret: process.env.WEBHOOK_SECRET || 'newsroom-playground-webhook-secret',
};

const WEBHOOK_NAME = 'Newsroom example front end';
// The plugin's webhook event (Settings → Webhooks lists it under this name).
const PAGES_CHANGED = 'newsroom.pages.changed';

/** The story's address on the front end, for the Content Manager's preview: readers' pages show the published version. */
export const previewUrl = async (uid: string, { documentId, locale }: { documentId: string; locale?: string | null }) => {
  if (uid !== 'plugin::newsroom.article' || !frontEnd.url) return null;
  const story = await strapi.documents('plugin::newsroom.article').findOne({ documentId, locale: locale ?? undefined, status: 'published', fields: ['slug'] });
  return story?.slug ? `${frontEnd.url}/news/${encodeURIComponent(story.slug)}` : null;
};

/**
 * Registers the front end's newsroom.pages.changed webhook, so the playground purges its pages with no
 * clicks in Settings; points the existing one at FRONT_END_URL when that changed. Editors may disable it.
 */
export const ensureFrontEndWebhook = async (strapi: Core.Strapi) => {
  if (!frontEnd.url) return;
  const store = strapi.get('webhookStore');
  const runner = strapi.get('webhookRunner');
  const url = `${frontEnd.url}/webhooks/newsroom`;
  const headers = { 'X-Webhook-Secret': frontEnd.secret };
  const existing = (await store.findWebhooks()).find((webhook) => webhook.name === WEBHOOK_NAME);
  if (!existing) {
    runner.add(await store.createWebhook({ name: WEBHOOK_NAME, url, headers, events: [PAGES_CHANGED] }));
    strapi.log.info(`[playground] registered the ${PAGES_CHANGED} webhook → ${url}`);
  } else if (existing.url !== url || existing.headers?.['X-Webhook-Secret'] !== frontEnd.secret) {
    runner.update(await store.updateWebhook(existing.id, { ...existing, url, headers }));
  }
};
