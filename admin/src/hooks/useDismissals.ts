import * as React from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';

import type { DismissedSuggestion, DismissSuggestion, Suggestion, UndoDismissal } from '../../../shared/contracts/suggestions';
import { dismissalPath, dismissalsPath, isAbort, readError } from '../utils/api';
import { useMessages } from './useMessages';

/**
 * An editor's "Not related" and its undo for one story's suggestions. `onChanged` runs after each
 * answered request (the list is read again); `busy` names the story being dismissed or restored.
 */
export const useDismissals = (documentId: string, locale: string | undefined, onChanged: () => void) => {
  const m = useMessages();
  const { post, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);

  const run = React.useCallback(
    async (target: string, work: () => Promise<unknown>, failed: (message: string) => string) => {
      setBusy(target);
      try {
        await work();
      } catch (error) {
        if (!isAbort(error)) toggleNotification({ type: 'danger', message: failed(readError<DismissSuggestion.Error>(error).message) });
      } finally {
        setBusy(null);
        onChanged();
      }
    },
    [onChanged, toggleNotification]
  );

  const dismiss = React.useCallback(
    (suggestion: Suggestion) =>
      run(
        suggestion.documentId,
        () => post<DismissSuggestion.Response, DismissSuggestion.Request['body']>(dismissalsPath(documentId, locale), { target: suggestion.documentId }),
        (message) => m('suggestions.dismissFailed', { title: suggestion.title, message })
      ),
    [documentId, locale, m, post, run]
  );

  /** Keeps the editor's reason with a dismissal (the same route: a second dismissal replaces the reason). */
  const explain = React.useCallback(
    (dismissed: DismissedSuggestion, reason: string) =>
      run(
        dismissed.documentId,
        () => post<DismissSuggestion.Response, DismissSuggestion.Request['body']>(dismissalsPath(documentId, locale), { target: dismissed.documentId, reason: reason.trim() || null }),
        (message) => m('suggestions.dismissFailed', { title: dismissed.title ?? dismissed.documentId, message })
      ),
    [documentId, locale, m, post, run]
  );

  const undo = React.useCallback(
    (dismissed: DismissedSuggestion) =>
      run(
        dismissed.documentId,
        () => del<UndoDismissal.Response>(dismissalPath(documentId, dismissed.documentId, locale)),
        (message) => m('suggestions.undoFailed', { title: dismissed.title ?? dismissed.documentId, message })
      ),
    [del, documentId, locale, m, run]
  );

  return { dismiss, explain, undo, busy };
};
