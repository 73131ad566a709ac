import type { Core } from '@strapi/strapi';

import { COMPONENTS } from '../../../shared/manifest';

const [category, modelName] = COMPONENTS.correction.split('.');

/**
 * One correction of a story: the date it was made and what it says. A repeatable component, so
 * editors add, edit and order corrections in the Content Manager's form without touching JSON.
 */
const correction = {
  collectionName: 'components_newsroom_corrections',
  info: { displayName: 'Correction', description: 'A correction published on the story: its date and its text.', icon: 'pencil' },
  options: {},
  attributes: {
    date: { type: 'datetime', required: true },
    text: { type: 'text', required: true, maxLength: 2000 },
  },
};

/**
 * Registers the plugin's components in Strapi's registry, shaped as Strapi's own loader shapes the
 * app's `src/components` (a plugin has no folder Strapi reads components from). Runs in `register`,
 * before the schema sync creates their tables.
 */
export const registerComponents = (strapi: Core.Strapi) => {
  if (strapi.get('components').get(COMPONENTS.correction)) return;
  strapi.get('components').add({
    [COMPONENTS.correction]: {
      ...correction,
      __schema__: structuredClone(correction),
      uid: COMPONENTS.correction,
      category,
      modelType: 'component',
      modelName,
      globalId: 'ComponentNewsroomCorrection',
    },
  });
};
