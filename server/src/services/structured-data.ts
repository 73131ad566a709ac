import type { Core } from '@strapi/strapi';

import type { NewsArticleJsonLd, PublicArticle, StoryJsonLd } from '../../../shared/contracts/public-api';
import { getConfig } from '../config';
import { siteAddresses, tagNames } from '../utils/site';
import { getService } from '../utils/services';
import { laterIso } from './syndication/published';

/** Characters that could end a `<script>` element or break JavaScript parsers, as JSON escapes. */
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON text safe to place between `<script type="application/ld+json">` and `</script>`. */
export const toScriptJson = (value: unknown): string => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_ESCAPES[char]);

/** schema.org `NewsArticle` of a published story, built from the public answer (never from private fields). */
const structuredDataService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async forStory(story: PublicArticle): Promise<StoryJsonLd> {
    const config = getConfig(strapi);
    const urls = siteAddresses(strapi);
    const url = urls.story(story.slug);
    const tags = tagNames(story.tags);
    const modifiedAt = await getService(strapi, 'modifications').modifiedAt(story.documentId, story.locale);
    const object: NewsArticleJsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: story.title,
      ...(story.lead ? { description: story.lead } : {}),
      datePublished: story.publicationDate,
      // Never before the publication date readers see (an editor may date a story after its first publish).
      dateModified: laterIso(modifiedAt, story.publicationDate),
      author: story.correspondents.map((person) => ({ '@type': 'Person', name: person.name, ...(person.slug ? { url: urls.correspondent(person.slug) } : {}) })),
      ...(story.cover
        ? { image: [{ '@type': 'ImageObject', url: urls.media(story.cover.url), ...(story.cover.width ? { width: story.cover.width } : {}), ...(story.cover.height ? { height: story.cover.height } : {}) }] }
        : {}),
      ...(story.locale ? { inLanguage: story.locale } : {}),
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: config.publisher.name,
        url: urls.site,
        ...(config.publisher.logo ? { logo: { '@type': 'ImageObject', url: urls.onSite(config.publisher.logo.url), width: config.publisher.logo.width, height: config.publisher.logo.height } } : {}),
      },
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      url,
      ...(tags.length ? { articleSection: tags[0], keywords: tags } : {}),
      isAccessibleForFree: config.accessibleForFree,
      ...(story.corrections.length
        ? { correction: story.corrections.map((correction) => ({ '@type': 'CorrectionComment', text: correction.text, datePublished: correction.date })) }
        : {}),
    };
    return { object, script: toScriptJson(object) };
  },
});

export type StructuredDataService = ReturnType<typeof structuredDataService>;
export default structuredDataService;
