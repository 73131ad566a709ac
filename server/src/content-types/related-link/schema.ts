/**
 * One entry of a story's related list.
 *
 * Stories are referenced by documentId, not by a Strapi relation: a relation points at one row,
 * and publish, unpublish and discard-draft delete and recreate rows, which is how core relations
 * lose order and links (strapi/strapi#22228, #25582, #25361). A list belongs to one version of its
 * story (`draft` is what editors edit, `published` is what readers get); publishing copies it.
 */
export default {
  kind: 'collectionType',
  collectionName: 'newsroom_related_links',
  info: {
    singularName: 'related-link',
    pluralName: 'related-links',
    displayName: 'Related link',
    description: 'An entry of a story’s related list: another story or an external link.',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    // The panel's storage: editors change a list only through the related-stories panel (its rules and revisions).
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
  },
  attributes: {
    article: { type: 'string', required: true, maxLength: 64 },
    articleLocale: { type: 'string', maxLength: 32 },
    version: { type: 'enumeration', enum: ['draft', 'published'], default: 'draft', required: true },
    position: { type: 'integer', min: 0, required: true },
    target: { type: 'string', maxLength: 64 },
    url: { type: 'text', maxLength: 2048 },
    label: { type: 'string', maxLength: 255 },
  },
  indexes: [
    { name: 'newsroom_related_links_list', columns: ['article', 'article_locale', 'version', 'position'] },
    { name: 'newsroom_related_links_target', columns: ['target'] },
  ],
} as const;
