import type { GetSuggestions } from '../../../shared/contracts/suggestions';
import { suggestionsPath } from '../utils/api';
import { useOnChange } from './useOnChange';
import { useRequest } from './useRequest';

/** While the server says a recompute is queued, look again this often, this many times at most. */
const PENDING_POLL_MS = 3000;
const PENDING_POLLS = 20;

const whilePending = (answer: GetSuggestions.Response, polls: number) => answer.data.pending && polls < PENDING_POLLS;

/**
 * The story's related-story suggestions (computed in the background after a publish). Loaded again
 * when the Content Manager saves or publishes the story (`version`), and polled while a recompute is pending.
 * A refresh or poll that fails keeps the list on screen.
 */
export const useSuggestions = (documentId: string, locale: string | undefined, version: string | null) => {
  const { data, loading, refresh, reload } = useRequest<GetSuggestions.Response, GetSuggestions.Error>(suggestionsPath(documentId, locale), {
    pollEveryMs: PENDING_POLL_MS,
    pollWhile: whilePending,
  });

  // A save or publish in the Content Manager queues a recompute: fetch again (quietly) to learn about it.
  useOnChange(version, refresh);

  return { list: data?.data ?? null, loading, reload, refresh };
};
