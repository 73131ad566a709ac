import { fieldError } from './errors';

const TAG_MAX = 64;
const TAGS_MAX = 30;
const ROLE_MAX = 120;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** `tags` is a JSON list of short names; stored trimmed and without repeats (case-insensitive). */
export const normalizeTags = (value: unknown): string[] | null => {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw fieldError(['tags'], 'must be a list of tag names, e.g. ["ОИС", "МИД РК"]');
  if (value.length > TAGS_MAX) throw fieldError(['tags'], `must have at most ${TAGS_MAX} tags`);
  const seen = new Set<string>();
  const tags: string[] = [];
  value.forEach((tag: unknown, index) => {
    if (typeof tag !== 'string' || tag.trim() === '') throw fieldError(['tags', index], 'must be a non-empty string');
    const name = tag.trim().replace(/\s+/g, ' ');
    if (name.length > TAG_MAX) throw fieldError(['tags', index], `must be at most ${TAG_MAX} characters`);
    if (CONTROL_CHARS.test(name)) throw fieldError(['tags', index], 'must not contain control characters');
    const key = name.toLocaleLowerCase('ru');
    if (!seen.has(key)) {
      seen.add(key);
      tags.push(name);
    }
  });
  return tags;
};

/** `bylineRoles` maps a correspondent's slug to the role printed under their name on this story. */
export const normalizeBylineRoles = (value: unknown): Record<string, string> | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw fieldError(['bylineRoles'], 'must be an object mapping correspondent slugs to roles, e.g. { "kalmykov-anuar": "собкор" }');
  }
  const roles: Record<string, string> = {};
  for (const [slug, role] of Object.entries(value as Record<string, unknown>)) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) throw fieldError(['bylineRoles', slug], 'must be keyed by a correspondent slug');
    if (typeof role !== 'string') throw fieldError(['bylineRoles', slug], 'must be a string');
    const trimmed = role.trim();
    if (trimmed.length > ROLE_MAX) throw fieldError(['bylineRoles', slug], `must be at most ${ROLE_MAX} characters`);
    if (CONTROL_CHARS.test(trimmed)) throw fieldError(['bylineRoles', slug], 'must not contain control characters');
    if (trimmed) roles[slug] = trimmed;
  }
  return roles;
};
