import type { RelatedEntry, RelatedEntryInput, RelatedEntryStatus, RelatedList, ReplaceRelatedList } from '../../../shared/contracts/related-stories';
import type { StoryHit } from '../../../shared/contracts/admin';
import type { Suggestion } from '../../../shared/contracts/suggestions';
import type { RequestError } from './errors';

/** An entry of the list being edited: what the server described, plus a key that survives reordering. */
export interface DraftEntry {
  key: string;
  target: string | null;
  url: string | null;
  label: string | null;
  status: RelatedEntryStatus;
  story: RelatedEntry['story'];
  domain: string | null;
}

import { relatedEntries, type RelatedEntryRule } from '../../../shared/schemas/related-stories';

export { LABEL_MAX, URL_MAX } from '../../../shared/schemas/related-stories';

let nextKey = 0;
const newKey = () => `entry-${++nextKey}`;

export const fromServer = (list: RelatedList): DraftEntry[] =>
  list.entries.map((entry) => ({
    key: newKey(),
    target: entry.target,
    url: entry.url,
    label: entry.label,
    status: entry.status,
    story: entry.story,
    domain: entry.domain,
  }));

export const fromHit = (hit: StoryHit): DraftEntry => ({
  key: newKey(),
  target: hit.documentId,
  url: null,
  label: null,
  // A hit with any published version is what readers get; "draft" means never published as far as the search knows.
  status: hit.status === 'draft' ? 'draft' : 'published',
  story: { documentId: hit.documentId, title: hit.title, slug: hit.slug, publicationDate: hit.publicationDate, correspondents: hit.correspondents },
  domain: null,
});

/** A suggested story added from the panel: suggestions are published stories, so readers get it once the list is published. */
export const fromSuggestion = (suggestion: Suggestion): DraftEntry => ({
  key: newKey(),
  target: suggestion.documentId,
  url: null,
  label: null,
  status: 'published',
  story: { documentId: suggestion.documentId, title: suggestion.title, slug: suggestion.slug, publicationDate: suggestion.publicationDate, correspondents: [] },
  domain: null,
});

export const fromLink = (url: string, label: string): DraftEntry => ({
  key: newKey(),
  target: null,
  url,
  label,
  status: 'external',
  story: null,
  domain: new URL(url).hostname,
});

/** The body entry the PUT route expects: `{ target }`, `{ target, label }` or `{ url, label }`. */
export const toInput = (entry: DraftEntry): RelatedEntryInput => {
  if (entry.url) return { url: entry.url, label: entry.label };
  return entry.label ? { target: entry.target, label: entry.label } : { target: entry.target };
};

/** Same list for the server: used to tell whether there is anything to save. */
export const sameInputs = (a: DraftEntry[], b: DraftEntry[]) => JSON.stringify(a.map(toInput)) === JSON.stringify(b.map(toInput));

/** What the editor sees as the entry's title: its label override, else the story's title. */
export const entryTitle = (entry: DraftEntry): string => entry.label ?? entry.story?.title ?? entry.url ?? entry.target ?? '';

export const moveEntry = <T>(list: T[], from: number, to: number): T[] => {
  if (from === to || from < 0 || from >= list.length || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

export type LinkProblem =
  | { field: 'url'; rule: 'urlRequired' | 'urlInvalid' | 'urlSpaces' | 'urlTooLong' }
  | { field: 'url'; rule: 'urlDuplicate'; position: number }
  | { field: 'label'; rule: 'labelRequired' | 'labelControl' | 'labelTooLong' }
  | { field: 'list'; rule: 'full' };

/** The schema's refusals of a new link, as the form shows them (beside the address or the label). */
const LINK_RULES: Partial<Record<RelatedEntryRule, Exclude<LinkProblem, { rule: 'urlDuplicate' | 'full' }>>> = {
  neitherTargetNorUrl: { field: 'url', rule: 'urlRequired' },
  urlInvalid: { field: 'url', rule: 'urlInvalid' },
  urlSpaces: { field: 'url', rule: 'urlSpaces' },
  urlTooLong: { field: 'url', rule: 'urlTooLong' },
  labelRequired: { field: 'label', rule: 'labelRequired' },
  labelControl: { field: 'label', rule: 'labelControl' },
  labelTooLong: { field: 'label', rule: 'labelTooLong' },
};

/**
 * Whether the server will take one external link added after `entries`: the server's own schema
 * on the list as it would be sent, reading its refusals of the new entry. Empty: it will be accepted.
 */
export const checkLink = (url: string, label: string, entries: DraftEntry[], maxRelated: number): LinkProblem[] => {
  const problems: LinkProblem[] = entries.length >= maxRelated ? [{ field: 'list', rule: 'full' }] : [];
  const list = [...entries.map(toInput), { url, label }];
  const result = relatedEntries({ maxRelated: list.length }).safeParse(list);
  for (const issue of result.success ? [] : result.error.issues) {
    if (issue.path[0] !== entries.length || issue.code !== 'custom') continue;
    const params = (issue.params ?? {}) as { rule?: RelatedEntryRule; position?: number };
    if (params.rule === 'urlDuplicate' && typeof params.position === 'number') problems.push({ field: 'url', rule: 'urlDuplicate', position: params.position + 1 });
    const known = params.rule && LINK_RULES[params.rule];
    if (known) problems.push(known);
  }
  return problems;
};

/** A refusal the server sent for the list: `entryIndex` is null for problems of the list as a whole. */
export interface ServerProblem {
  entryIndex: number | null;
  field: string | null;
  message: string;
}

/** The refusals of a save: `details.errors[].path` is ['related', index, field] (as strings); without field problems, its message. */
export const readProblems = (failure: RequestError<ReplaceRelatedList.Error>): ServerProblem[] => {
  const { body, message } = failure;
  if (body?.error.name !== 'ValidationError' || body.error.details.errors.length === 0) {
    return message ? [{ entryIndex: null, field: null, message }] : [];
  }
  return body.error.details.errors.map(({ path, message: problem }): ServerProblem => {
    const index = path[0] === 'related' && path.length >= 2 && /^\d+$/.test(path[1]) ? Number(path[1]) : null;
    return { entryIndex: index, field: index === null ? null : (path[2] ?? null), message: problem };
  });
};

/** The server prefixes each message with its path ("related[2].target must …"); beside the entry the rule is enough. */
export const ruleOf = (problem: ServerProblem) => problem.message.replace(/^related\[\d+\](?:\.\w+)?\s+/, '');
