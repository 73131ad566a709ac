/**
 * The request and response types of every route, for front ends and other code:
 * `import type { PublicArticle } from 'strapi-plugin-newsroom/contracts'`.
 */
export type * from './public-api';
export type * from './related-stories';
export type * from './admin';
export type * from './suggestions';
export type * from './reader-stats';
export type * from './errors';
export type * from './syndication';
