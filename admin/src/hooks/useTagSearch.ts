import type { SearchTags } from '../../../shared/contracts/admin';
import type { PublicTag } from '../../../shared/contracts/public-api';
import { SEARCH_TEXT_MAX } from '../../../shared/schemas/admin';
import { tagSearchPath } from '../utils/api';
import { useDebounce } from './useDebounce';
import { useRequest } from './useRequest';
import { SEARCH_DELAY_MS } from './useStorySearch';

const NO_TAGS: PublicTag[] = [];

/** Catalogue tags of the story's locale matching what the editor typed (the server folds case and ё), asked once typing pauses. */
export const useTagSearch = (text: string, locale: string | undefined) => {
  const debounced = useDebounce(text.trim(), SEARCH_DELAY_MS);
  const path = debounced === '' ? null : tagSearchPath(debounced.slice(0, SEARCH_TEXT_MAX), locale);
  const { data, error, loading } = useRequest<SearchTags.Response, SearchTags.Error>(path);
  const pending = text.trim() !== debounced;
  return { tags: data?.data ?? NO_TAGS, error: error?.message ?? null, loading: loading || pending };
};
