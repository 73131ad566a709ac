import type { GetCitedBy } from '../../../shared/contracts/related-stories';
import { citedByPath } from '../utils/api';
import { useOnChange } from './useOnChange';
import { useRequest } from './useRequest';

/**
 * The stories whose related lists hold this one. Asked again (quietly) when the Content Manager saves,
 * publishes or unpublishes the story (`version`), as the others' lists may have changed meanwhile.
 */
export const useCitedBy = (documentId: string, locale: string | undefined, version: string | null) => {
  const { data, loading, refresh, reload } = useRequest<GetCitedBy.Response, GetCitedBy.Error>(citedByPath(documentId, locale));
  useOnChange(version, refresh);
  return { citedBy: data?.data ?? null, loading, reload };
};
