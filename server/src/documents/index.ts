import type { Core, Modules } from '@strapi/strapi';

import { editorWrites } from '../utils/editor-writes';
import { isReadAction } from './actions';
import { articleMiddleware, forgetPublishedLookups } from './article';
import { correspondentMiddleware } from './correspondent';
import { relatedLinkMiddleware } from './related-link';

/** Every Document Service write, of any content type, counts as an editor's write in flight (utils/editor-writes). */
const countEditorWrites: Modules.Documents.Middleware.Middleware = async (context, next) => {
  if (isReadAction(context.action as string)) return next();
  const result: unknown = await editorWrites.around(async () => (await next()) as unknown);
  return result as Awaited<ReturnType<typeof next>>;
};

/** The plugin's Document Service middlewares: every write of its content types, whoever makes it, goes through them. */
export const registerDocumentMiddlewares = (strapi: Core.Strapi) => {
  strapi.documents.use(countEditorWrites);
  strapi.documents.use(articleMiddleware(strapi));
  strapi.documents.use(forgetPublishedLookups(strapi));
  strapi.documents.use(correspondentMiddleware(strapi));
  strapi.documents.use(relatedLinkMiddleware(strapi));
};
