import { model, text } from './model';

/**
 * The last published change of each story's own content: a fingerprint of what readers get and when
 * it last changed (`dateModified` in JSON-LD, `lastmod` in sitemaps). Views and other stories' edits never touch it.
 */
export const modification = model('modification', 'newsroom_modifications', { document_id: text(), locale: text(), fingerprint: text(), modified_at: { type: 'datetime' } }, {
  doc: { columns: ['document_id', 'locale'], type: 'unique' },
});

/** Slugs a story was published under before an editor renamed it: they answer with a redirect and stay reserved. */
export const slugRedirect = model('slug-redirect', 'newsroom_slug_redirects', { scope: text(), slug: text(), document_id: text() }, {
  slug: { columns: ['scope', 'slug'], type: 'unique' },
  doc: { columns: ['document_id'] },
});
