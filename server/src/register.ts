import type { Core } from '@strapi/strapi';

import { UIDS } from '../../shared/manifest';
import { registerComponents } from './components';
import { registerGraphql } from './graphql';
import { registerDocumentMiddlewares } from './documents';
import { models } from './models';
import { getService } from './utils/services';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The plugin's own tables, created and migrated by Strapi's schema sync like any content type.
  for (const model of models) strapi.get('models').add(model);
  registerComponents(strapi);

  // The Content Manager's uid input previews slugs with these options: the server's own table.
  for (const uid of [UIDS.article, UIDS.correspondent]) {
    const slug = strapi.contentType(uid).attributes.slug as { options?: Record<string, unknown> };
    slug.options = getService(strapi, 'slug').uidFieldOptions();
  }

  registerGraphql(strapi);

  registerDocumentMiddlewares(strapi);
};

export default register;
