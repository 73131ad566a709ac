import type { Core } from '@strapi/strapi';

import { BYLINE_ROLES, CUSTOM_FIELDS, PLUGIN_ID, UIDS } from '../../shared/manifest';
import { registerComponents } from './components';
import { registerGraphql } from './graphql';
import { registerDocumentMiddlewares } from './documents';
import { previewSlugsPerLocale } from './content-types/slug-preview';
import { models } from './models';
import { getService } from './utils/services';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // Byline roles edited beside each correspondent; stored as JSON (Strapi swaps the type after register).
  strapi.customFields.register({ name: BYLINE_ROLES.name, plugin: PLUGIN_ID, type: BYLINE_ROLES.type });

  // The plugin's own tables, created and migrated by Strapi's schema sync like any content type.
  for (const model of models) strapi.get('models').add(model);
  // The tags input: a JSON list underneath, edited from the tag catalogue (see services/tags).
  strapi.customFields.register({ name: CUSTOM_FIELDS.tags.name, plugin: PLUGIN_ID, type: 'json' });
  registerComponents(strapi);

  // The Content Manager's uid input previews slugs with these options: the server's own table.
  for (const uid of [UIDS.article, UIDS.correspondent]) {
    const slug = strapi.contentType(uid).attributes.slug as { options?: Record<string, unknown> };
    slug.options = getService(strapi, 'slug').uidFieldOptions();
  }
  // ... and per locale: a Kazakh story's preview uses the Kazakh table.
  previewSlugsPerLocale(strapi);

  registerGraphql(strapi);

  registerDocumentMiddlewares(strapi);
};

export default register;
