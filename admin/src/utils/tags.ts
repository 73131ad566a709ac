import type { PublicTag } from '../../../shared/contracts/public-api';
import { TAG_MAX, tagKey } from '../../../shared/schemas/article-fields';

/** A tag as the form holds it: a catalogue tag, or a new name (the server gives it its slug on save). */
export interface FormTag {
  name: string;
  slug?: string;
}

/** The form's `tags` value as a list, whichever shape it was stored in (bare names before the catalogue). */
export const readFormTags = (value: unknown): FormTag[] => {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): FormTag[] => {
    if (typeof entry === 'string') return entry.trim() ? [{ name: entry }] : [];
    if (typeof entry === 'object' && entry !== null && typeof (entry as FormTag).name === 'string') {
      const { name, slug } = entry as FormTag;
      return [typeof slug === 'string' ? { name, slug } : { name }];
    }
    return [];
  });
};

/**
 * The list after adding `name` (typed) or `found` (chosen): an existing catalogue tag wins over a typed name of
 * the same key (any case, ё = е); a tag already on the story is not added twice.
 */
export const addTag = (tags: FormTag[], name: string, found: PublicTag[] = []): FormTag[] => {
  const clean = name.trim().replace(/\s+/g, ' ').slice(0, TAG_MAX);
  const key = tagKey(clean);
  if (!key || tags.some((tag) => tagKey(tag.name) === key)) return tags;
  const known = found.find((tag) => tagKey(tag.name) === key);
  return [...tags, known ? { name: known.name, slug: known.slug } : { name: clean }];
};

export const removeTag = (tags: FormTag[], name: string): FormTag[] => tags.filter((tag) => tagKey(tag.name) !== tagKey(name));
