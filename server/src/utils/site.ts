import type { Core } from '@strapi/strapi';

import { getConfig } from '../config';

/** Absolute addresses on the news site (`siteUrl` + the configured paths) and of uploaded media. */
export const siteAddresses = (strapi: Core.Strapi) => {
  const { siteUrl, publicPath, correspondentPath } = getConfig(strapi);
  // Uploads are served by Strapi, not by the news site: their base is Strapi's own public URL.
  const mediaBase = String(strapi.config.get('server.absoluteUrl') ?? siteUrl).replace(/\/$/, '');
  const absolute = (base: string, address: string) => (/^https?:\/\//.test(address) ? address : `${base}${address.startsWith('/') ? '' : '/'}${address}`);
  return {
    site: siteUrl,
    /** A story's public path (`publicPath`). */
    storyPath: (slug: string) => publicPath.replace(':slug', encodeURIComponent(slug)),
    /** A story's absolute URL on the news site. */
    story: (slug: string) => `${siteUrl}${publicPath.replace(':slug', encodeURIComponent(slug))}`,
    /** A correspondent's absolute URL on the news site (`correspondentPath`). */
    correspondent: (slug: string) => `${siteUrl}${correspondentPath.replace(':slug', encodeURIComponent(slug))}`,
    /** A path on the news site (a logo), made absolute; absolute URLs stay as they are. */
    onSite: (address: string) => absolute(siteUrl, address),
    /** An uploaded file's URL, made absolute. */
    media: (address: string) => absolute(mediaBase, address),
  };
};

/** The tag names of a story as the read model gives them: the one place that knows the shape of `tags`. */
export const tagNames = (tags: ReadonlyArray<string | { name: string }>): string[] => tags.map((tag) => (typeof tag === 'string' ? tag : tag.name));
