import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import { isAbort, readError } from '../utils/api';
import type { ErrorBody, RequestError } from '../utils/errors';

export interface RequestOptions<TData> {
  /** Ask again this long after each answer for which `pollWhile` holds. */
  pollEveryMs?: number;
  /** Whether to poll again, given the latest answer and the polls made since the last load or refresh. */
  pollWhile?: (data: TData, polls: number) => boolean;
  /** Each answer (null for a failure), in the same render as the hook's own: for state kept beside it. */
  onSettled?: (data: TData | null) => void;
}

export interface RequestState<TData, TError extends ErrorBody> {
  /** The latest answer: kept while a newer request is on its way and through a failed refresh; a failed load clears it. */
  data: TData | null;
  error: RequestError<TError> | null;
  /** A load is on its way (a refresh or a poll is not). */
  loading: boolean;
}

/**
 * GET `path` (a plugin route; null asks nothing) and again whenever it changes, typed by the route's contract:
 * `useRequest<GetSuggestions.Response, GetSuggestions.Error>(path)`. `reload` asks again showing the loading
 * state, `refresh` quietly (what is shown stays until the answer). A newer request or unmounting cancels the
 * one on its way, so an older answer never overwrites a newer one and nothing is set after unmount.
 */
export const useRequest = <TData, TError extends ErrorBody = ErrorBody>(path: string | null, options: RequestOptions<TData> = {}) => {
  const { get } = useFetchClient();
  const { pollEveryMs } = options;
  const [state, setState] = React.useState<RequestState<TData, TError>>({ data: null, error: null, loading: path !== null });
  const latest = React.useRef(options);
  const cancel = React.useRef<() => void>(() => undefined);

  React.useLayoutEffect(() => {
    latest.current = options;
  });

  const ask = React.useCallback(
    (quiet: boolean, polls = 0) => {
      cancel.current();
      if (path === null) {
        setState({ data: null, error: null, loading: false });
        return;
      }
      const controller = new AbortController();
      let timer: number | undefined;
      cancel.current = () => {
        controller.abort();
        window.clearTimeout(timer);
      };
      if (!quiet) setState((current) => ({ ...current, error: null, loading: true }));
      get<TData>(path, { signal: controller.signal }).then(
        ({ data }) => {
          if (controller.signal.aborted) return;
          setState({ data, error: null, loading: false });
          latest.current.onSettled?.(data);
          if (pollEveryMs && latest.current.pollWhile?.(data, polls)) timer = window.setTimeout(() => ask(true, polls + 1), pollEveryMs);
        },
        (failure: unknown) => {
          if (controller.signal.aborted || isAbort(failure)) return;
          const error = readError<TError>(failure);
          setState((current) => ({ data: quiet ? current.data : null, error, loading: false }));
          latest.current.onSettled?.(null);
        }
      );
    },
    [get, path, pollEveryMs]
  );

  React.useEffect(() => {
    ask(false);
    return () => cancel.current();
  }, [ask]);

  const reload = React.useCallback(() => ask(false), [ask]);
  const refresh = React.useCallback(() => ask(true), [ask]);
  return { ...state, reload, refresh };
};
