import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import type { GetSuggestions, SuggestionList } from '../../../shared/contracts/suggestions';
import { isAbort, readError, suggestionsPath } from '../utils/api';

type State = { name: 'loading' } | { name: 'error'; message: string } | { name: 'ready'; list: SuggestionList };

/** While the server says a recompute is queued, look again this often, this many times at most. */
const PENDING_POLL_MS = 3000;
const PENDING_POLLS = 20;

/**
 * The story's related-story suggestions (computed in the background after a publish). Loaded again
 * when the Content Manager saves or publishes the story (`version`), and polled while a recompute is pending.
 */
export const useSuggestions = (documentId: string, locale: string | undefined, version: string | null) => {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<State>({ name: 'loading' });
  const polls = React.useRef(0);

  const load = React.useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ name: 'loading' });
      try {
        const { data } = await get<GetSuggestions.Response>(suggestionsPath(documentId, locale));
        setState({ name: 'ready', list: data.data });
      } catch (error) {
        if (isAbort(error)) return;
        // A quiet reload that fails keeps what is on screen.
        if (!quiet) setState({ name: 'error', message: readError<GetSuggestions.Error>(error).message });
      }
    },
    [documentId, get, locale]
  );

  React.useEffect(() => {
    polls.current = 0;
    void load();
  }, [load]);

  // A save or publish in the Content Manager queues a recompute: fetch again (quietly) to learn about it.
  const seenVersion = React.useRef(version);
  React.useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    polls.current = 0;
    void load(true);
  }, [version, load]);

  const pending = state.name === 'ready' && state.list.pending;
  React.useEffect(() => {
    if (!pending || polls.current >= PENDING_POLLS) return undefined;
    const timer = window.setTimeout(() => {
      polls.current += 1;
      void load(true);
    }, PENDING_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [pending, state, load]);

  const reload = React.useCallback(() => {
    polls.current = 0;
    return load();
  }, [load]);

  return { state, reload };
};
