import type { AcceptSuggestions, Suggestion, SuggestionReason } from '../../../shared/contracts/suggestions';
import type { MessageKey } from '../hooks/useMessages';
import { type RequestError, isConflict } from './errors';

/** How many suggestions the side panel shows at once (the server stores more: the next ones move up as these are added). */
export const PANEL_SUGGESTIONS = 5;

/** A chip's message: the plugin key and its values, so the admin prints it in the editor's language. */
export interface ReasonMessage {
  key: MessageKey;
  values: Record<string, string | number>;
}

/**
 * The chip text of one reason, from its typed fields rather than the server's English `label`:
 * "tag: ОИС", "same correspondent", "similar text: безопасность, терроризм", "3 days apart", "cites this story".
 * Time spans round the way the server's labels do (days below 60, months below 730 days, then years).
 */
export const reasonMessage = (reason: SuggestionReason): ReasonMessage => {
  switch (reason.kind) {
    case 'tag':
      return { key: 'suggestions.reason.tag', values: { tag: reason.tag } };
    case 'correspondent':
      return { key: 'suggestions.reason.correspondent', values: { name: reason.name } };
    case 'text':
      return { key: 'suggestions.reason.text', values: { words: reason.words.join(', ') } };
    case 'cites':
      return { key: 'suggestions.reason.cites', values: {} };
    case 'neighbours':
      return { key: 'suggestions.reason.neighbours', values: { count: reason.shared } };
    case 'time': {
      const days = Math.max(0, Math.round(reason.days));
      if (days === 0) return { key: 'suggestions.reason.sameDay', values: {} };
      if (days < 60) return { key: 'suggestions.reason.days', values: { count: days } };
      if (days < 730) return { key: 'suggestions.reason.months', values: { count: Math.round(days / 30) } };
      return { key: 'suggestions.reason.years', values: { count: Math.round(days / 365) } };
    }
  }
};

/** A longer description for the chip's tooltip (the correspondent's name, every shared word). */
export const reasonDetail = (reason: SuggestionReason): string | null => {
  if (reason.kind === 'correspondent') return reason.name;
  if (reason.kind === 'text') return reason.words.join(', ');
  return null;
};

/**
 * The suggestions the panel offers: not the story itself and not a story already in the editor's
 * current (possibly unsaved) list, whatever `inList` said when they were loaded; at most `max`.
 */
export const visibleSuggestions = (suggestions: Suggestion[], documentId: string, listed: Iterable<string | null>, max = PANEL_SUGGESTIONS): Suggestion[] => {
  const taken = new Set<string>([documentId]);
  for (const target of listed) if (target) taken.add(target);
  return suggestions.filter((suggestion) => !taken.has(suggestion.documentId)).slice(0, max);
};

export type AcceptFailure = 'stale' | 'draftHasChanges' | 'notPublished' | 'invalid' | 'error';

/** Why the accept route refused, read from its failure (409 details carry a `code`). */
export const acceptFailure = (failure: RequestError<AcceptSuggestions.Error>): AcceptFailure => {
  const code = failure.body?.error.name === 'ConflictError' ? failure.body.error.details.code : null;
  if (code === 'DRAFT_HAS_CHANGES') return 'draftHasChanges';
  if (code === 'NOT_PUBLISHED') return 'notPublished';
  if (isConflict(failure)) return 'stale';
  if (failure.status === 400) return 'invalid';
  return 'error';
};
