import type { GetStoryClicks } from '../../../shared/contracts/reader-stats';
import { storyClicksPath } from '../utils/api';
import { useRequest } from './useRequest';

/** Readers' clicks on the story's related entries over the last 30 days (read permission, like the list). */
export const useStoryClicks = (documentId: string, locale: string | undefined) => {
  const { data, error, loading } = useRequest<GetStoryClicks.Response, GetStoryClicks.Error>(storyClicksPath(documentId, locale));
  return { clicks: data?.data ?? null, error, loading };
};
