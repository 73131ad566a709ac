/** A person who signs stories. No draft & publish: a byline is either there or not. */
export default {
  kind: 'collectionType',
  collectionName: 'newsroom_correspondents',
  info: {
    singularName: 'correspondent',
    pluralName: 'correspondents',
    displayName: 'Correspondent',
    description: 'A reporter who signs stories.',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: true },
    'content-type-builder': { visible: false },
  },
  attributes: {
    name: { type: 'string', required: true, maxLength: 200 },
    role: { type: 'string', maxLength: 120 },
    slug: { type: 'uid', targetField: 'name' },
    photo: { type: 'media', multiple: false, allowedTypes: ['images'] },
    bio: { type: 'text', maxLength: 5000 },
    email: { type: 'email', private: true },
  },
} as const;
