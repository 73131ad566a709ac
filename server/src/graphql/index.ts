import type { Core } from '@strapi/strapi';

import { UIDS } from '../../../shared/manifest';
import { slugParams, storyQuery } from '../../../shared/schemas/public-api';
import { notFound } from '../utils/errors';
import { getService } from '../utils/services';
import { validate } from '../utils/validate';

/** The public story shape of the REST route, as GraphQL types. */
const typeDefs = /* GraphQL */ `
  type NewsroomMedia {
    url: String!
    alternativeText: String
    width: Int
    height: Int
    formats: JSON
  }
  type NewsroomByline {
    name: String!
    role: String
    slug: String
    photo: NewsroomMedia
  }
  type NewsroomRelatedStory {
    title: String!
    slug: String
    url: String!
    publicationDate: String
    displayDate: String
    external: Boolean!
    suggested: Boolean!
  }
  type NewsroomTag {
    name: String!
    slug: String!
  }
  type NewsroomCorrection {
    date: String
    text: String!
  }
  type NewsroomArticle {
    documentId: ID!
    locale: String
    slug: String!
    title: String!
    lead: String
    body: JSON
    source: String
    tags: [String!]!
    tagLinks: [NewsroomTag!]!
    cover: NewsroomMedia
    views: Int!
    publicationDate: String
    displayDate: String
    correspondents: [NewsroomByline!]!
    corrections: [NewsroomCorrection!]!
    related: [NewsroomRelatedStory!]!
  }
  extend type Query {
    "One published story by slug (or documentId), with the same fields and rules as GET /api/newsroom/articles/:slug."
    newsroomArticle(slug: String!, locale: String, lang: String): NewsroomArticle
  }
`;

interface Args {
  slug: string;
  locale?: string | null;
  lang?: string | null;
}

/**
 * With @strapi/plugin-graphql installed: the curated `newsroomArticle` query instead of Strapi's
 * generated CRUD for the plugin's types (which would expose the internal related-link rows and
 * bypass the public read model). Same service, same whitelist, same permission as the REST route.
 */
export const registerGraphql = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of Object.values(UIDS)) extension.shadowCRUD(uid).disable();
  extension.use(() => ({
    typeDefs,
    resolvers: {
      Query: {
        newsroomArticle: async (_parent: unknown, args: Args) => {
          const { slug } = validate(slugParams, { slug: args.slug });
          // GraphQL sends absent arguments as null; the REST route's schema knows them as absent.
          const query = validate(storyQuery, Object.fromEntries(Object.entries({ lang: args.lang, locale: args.locale }).filter(([, value]) => value !== null && value !== undefined)));
          const stories = getService(strapi, 'stories');
          const story = await stories.findPage(slug, await stories.readOptions(query));
          if (!story) throw notFound(`No published story "${slug}"`);
          return story;
        },
      },
    },
    resolversConfig: {
      'Query.newsroomArticle': { auth: { scope: [`plugin::newsroom.article.findOne`] } },
    },
  }));
};
