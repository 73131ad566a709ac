import { Flex } from '@strapi/design-system';

import { useCitedBy } from '../hooks/useCitedBy';
import { CitedByList } from './CitedByList';
import { ReaderDate } from './ReaderDate';
import { RelatedStoriesEditor } from './RelatedStoriesEditor';

interface Props {
  documentId: string;
  /** The locale the Content Manager shows (undefined: the default one), as the routes take it. */
  locale: string | undefined;
  /** The story's own locale, for its readers' language. */
  storyLocale: string | null;
  publicationDate: string | null;
  canManage: boolean;
  /** Changes when the Content Manager saves, publishes or discards the story. */
  version: string | null;
}

/** The side panel's body: the date readers see, the related list with its tools, and who cites the story. */
export const StoryPanel = ({ documentId, locale, storyLocale, publicationDate, canManage, version }: Props) => {
  const { citedBy, loading, reload } = useCitedBy(documentId, locale, version);
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%">
      <ReaderDate publicationDate={publicationDate} locale={storyLocale ?? locale} timeZone={citedBy?.timeZone} />
      <RelatedStoriesEditor documentId={documentId} locale={locale} canManage={canManage} version={version} />
      <CitedByList citedBy={citedBy} loading={loading} onRetry={reload} />
    </Flex>
  );
};
