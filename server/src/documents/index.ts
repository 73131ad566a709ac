import type { Core } from '@strapi/strapi';

import { articleMiddleware, forgetPublishedLookups } from './article';
import { correspondentMiddleware } from './correspondent';
import { relatedLinkMiddleware } from './related-link';

/** The plugin's Document Service middlewares: every write of its content types, whoever makes it, goes through them. */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  strapi.documents.use(articleMiddleware(strapi));
  strapi.documents.use(forgetPublishedLookups(strapi));
  strapi.documents.use(correspondentMiddleware(strapi));
  strapi.documents.use(relatedLinkMiddleware(strapi));
};
