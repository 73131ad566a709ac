/**
 * A story's related list as editors send it, checked by one schema on the server (every write,
 * whoever makes it) and in the admin panel (an external link before it is added). Each refusal
 * carries `params.rule`, so the panel prints it in the editor's language.
 */
import { z } from 'zod';

import { CONTROL_CHARS, DOCUMENT_ID, bodyOf, closed, revision } from './rules';

export const LABEL_MAX = 255;
export const URL_MAX = 2048;

export type RelatedEntryRule =
  | 'notString'
  | 'labelTooLong'
  | 'labelControl'
  | 'labelRequired'
  | 'targetInvalid'
  | 'targetSelf'
  | 'targetDuplicate'
  | 'urlTooLong'
  | 'urlInvalid'
  | 'urlSpaces'
  | 'urlDuplicate'
  | 'bothTargetAndUrl'
  | 'neitherTargetNorUrl';

const refusal = (rule: RelatedEntryRule, message: string) => ({ error: message, params: { rule }, abort: true });

export const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
};

/** Same address for duplicate checks: scheme and host are case-insensitive, a bare trailing slash is noise. */
export const urlKey = (value: string) => {
  const url = new URL(value);
  return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/$/, '')}${url.search}`;
};

/** A string field of an entry, trimmed; blank and null mean absent. */
const entryText = () =>
  z
    .string({ error: 'must be a string' })
    .nullish()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

const label = entryText().pipe(
  z
    .string()
    .refine((text) => text.length <= LABEL_MAX, refusal('labelTooLong', `must be at most ${LABEL_MAX} characters`))
    .refine((text) => !CONTROL_CHARS.test(text), refusal('labelControl', 'must not contain control characters'))
    .optional()
);

const url = entryText().pipe(
  z
    .string()
    .refine((text) => text.length <= URL_MAX, refusal('urlTooLong', `must be at most ${URL_MAX} characters`))
    .refine(isHttpUrl, refusal('urlInvalid', 'must be an absolute http(s) URL, e.g. https://www.gov.kz/…'))
    .refine((text) => !CONTROL_CHARS.test(text) && !/\s/.test(text), refusal('urlSpaces', 'must not contain spaces or control characters'))
    .optional()
);

const target = (owner?: string) =>
  entryText().pipe(
    z
      .string()
      .regex(DOCUMENT_ID, refusal('targetInvalid', 'must be the documentId of a story'))
      .refine((documentId) => documentId !== owner, refusal('targetSelf', 'must not be the story itself'))
      .optional()
  );

/**
 * One entry of `owner`'s list (no owner: a link checked before it is added): an internal story
 * (`target`, an optional `label` over its title) or an external link (`url` + `label`).
 */
export const relatedEntry = (owner?: string) =>
  closed({ target: target(owner), url, label }, { unknown: 'is not a field of a related entry (target, url, label)', notObject: 'must be an object with a target, or a url and a label' })
    .check((ctx) => {
      const { target: story, url: address, label: text } = ctx.value;
      const refuse = (rule: RelatedEntryRule, message: string, path: string[] = []) => ctx.issues.push({ code: 'custom', input: ctx.value, message, path, params: { rule } });
      if (story && address) refuse('bothTargetAndUrl', 'must have either a target or a url, not both');
      else if (!story && !address) refuse('neitherTargetNorUrl', 'must have a target story or an external url');
      if (!story && !text) refuse('labelRequired', 'is required for an external link', ['label']);
    })
    .transform((entry) => ({ target: entry.url ? null : (entry.target ?? null), url: entry.url ?? null, label: entry.label ?? null }));

export type NormalizedEntry = z.output<ReturnType<typeof relatedEntry>>;

/**
 * `owner`'s whole list, in order: at most `maxRelated` entries (checked before any entry is), each
 * story or address once. That a target exists in the owner's locale is the server's to check.
 */
export const relatedEntries = ({ maxRelated, owner }: { maxRelated: number; owner?: string }) =>
  z
    .array(z.unknown(), { error: 'must be a list of entries' })
    .refine((list) => list.length <= maxRelated, { error: (issue) => `must have at most ${maxRelated} entries (maxRelated), got ${(issue.input as unknown[]).length}`, abort: true })
    .pipe(
      z.array(relatedEntry(owner)).check((ctx) => {
        const seen = new Map<string, number>();
        ctx.value.forEach((entry, index) => {
          const key = entry.url ? `url:${urlKey(entry.url)}` : `target:${entry.target}`;
          const first = seen.get(key);
          if (first === undefined) {
            seen.set(key, index);
            return;
          }
          const [field, rule, what]: [string, RelatedEntryRule, string] = entry.url ? ['url', 'urlDuplicate', 'address'] : ['target', 'targetDuplicate', 'story'];
          ctx.issues.push({ code: 'custom', input: entry, path: [index, field], params: { rule, position: first }, message: `must not repeat an entry: the same ${what} is already at position ${first}` });
        });
      })
    );

/** `PUT /newsroom/articles/:documentId/related`: the whole draft list, saved at the revision it was loaded at. */
export const replaceRelatedBody = bodyOf(
  {
    revision: revision('is required: the revision the list was loaded at (a non-negative integer)'),
    /** Checked whole by `relatedEntries` (paths `related[i]…`), with the owner's rules. */
    entries: z.unknown(),
  },
  'a related list save',
  'must be an object { revision, entries }'
);
