/** Rules of a story's own fields that the Content Manager's types do not express, for the server and the admin's inputs. */
import { z } from 'zod';

import { foldText } from '../fold';
import { CONTROL_CHARS, DOCUMENT_ID, SLUG_PATTERN } from './rules';

export const TAG_MAX = 64;
export const TAGS_MAX = 30;
export const ROLE_MAX = 120;
export const SLUG_MAX = 200;

/** A tag's name as shown: trimmed, inner spaces folded. */
export const tagName = z
  .string({ error: 'must be a non-empty string' })
  .transform((name) => name.trim().replace(/\s+/g, ' '))
  .refine((name) => name !== '', { error: 'must be a non-empty string', abort: true })
  .refine((name) => name.length <= TAG_MAX, { error: `must be at most ${TAG_MAX} characters`, abort: true })
  .refine((name) => !CONTROL_CHARS.test(name), { error: 'must not contain control characters' });

/** The key a tag is known by: case-insensitive, ё = е. */
export const tagKey = foldText;

/** One entry of `tags` as a writer may send it: a name, or a tag object (`{ name, slug }`, the slug is the plugin's). */
const tagEntry = z.union([tagName, z.object({ name: tagName }).transform((tag) => tag.name)], {
  error: 'must be a tag name or a tag object { name, slug }',
});

/** `tags`: short names, stored without repeats (case-insensitive, ё = е, the first spelling kept); the plugin stores them as `{ name, slug }`. */
export const tagList = z
  .array(tagEntry, { error: 'must be a list of tag names, e.g. ["ОИС", "МИД РК"]' })
  .max(TAGS_MAX, { error: `must have at most ${TAGS_MAX} tags` })
  .transform((names) => {
    const seen = new Set<string>();
    return names.filter((name) => !seen.has(tagKey(name)) && Boolean(seen.add(tagKey(name))));
  })
  .nullish()
  .transform((names) => names ?? null);

/** One correspondent's role on one story ("фото", "собкор в Алматы"); blank means the correspondent's own. */
export const bylineRole = z
  .string({ error: 'must be a string' })
  .transform((role) => role.trim())
  .refine((role) => role.length <= ROLE_MAX, { error: `must be at most ${ROLE_MAX} characters`, abort: true })
  .refine((role) => !CONTROL_CHARS.test(role), { error: 'must not contain control characters' });

/**
 * `bylineRoles`: a correspondent → the role printed under their name on this story. Stored keyed by
 * the correspondent's documentId (the form's byline-roles field writes it so); code may still key by
 * slug, which the server turns into the documentId.
 */
export const bylineRoles = z
  .record(z.string().regex(DOCUMENT_ID, { error: "must be keyed by a correspondent's documentId (or slug)" }), bylineRole, {
    error: 'must be an object mapping correspondents to roles, e.g. { "<correspondent documentId>": "фото" }',
  })
  .transform((roles) => Object.fromEntries(Object.entries(roles).filter(([, role]) => role !== '')))
  .nullish()
  .transform((roles) => roles ?? null);

/** A hand-written slug. */
export const slug = z
  .string()
  .max(SLUG_MAX, { error: `must be at most ${SLUG_MAX} characters`, abort: true })
  .regex(SLUG_PATTERN, { error: 'must contain only lower-case Latin letters, digits and single hyphens (e.g. "partnerstvo-radi-razvitiya")' });
