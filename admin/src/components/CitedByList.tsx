import { Flex, Loader, Status, Typography } from '@strapi/design-system';
import * as React from 'react';

import type { CitedBy, CitingStoryStatus } from '../../../shared/contracts/related-stories';
import { useMessages } from '../hooks/useMessages';
import { formatStoryDate } from '../utils/dates';
import { EntryLink } from '../widgets/EntryLink';
import { LoadError } from './LoadError';
import { StoryCard } from './StoryCard';

const VARIANTS: Record<CitingStoryStatus, 'success' | 'secondary' | 'alternative'> = { published: 'success', draft: 'secondary', modified: 'alternative' };

interface Props {
  citedBy: CitedBy | null;
  loading: boolean;
  onRetry: () => void;
}

/** The panel's "Cited by" section: the stories whose related lists hold this one, each a link to its edit view. */
export const CitedByList = ({ citedBy, loading, onRetry }: Props) => {
  const m = useMessages();
  const headingId = React.useId();

  const body = (() => {
    if (loading) return <Loader small>{m('citedBy.loading')}</Loader>;
    if (!citedBy) return <LoadError message={m('citedBy.error')} onRetry={onRetry} />;
    if (citedBy.stories.length === 0) {
      return (
        <Typography variant="pi" textColor="neutral600" data-newsroom-cited-by-empty="">
          {m('citedBy.empty')}
        </Typography>
      );
    }
    return (
      <Flex tag="ul" aria-labelledby={headingId} direction="column" alignItems="stretch" gap={2} margin={0} padding={0}>
        {citedBy.stories.map((story) => (
          <StoryCard key={story.documentId} data-newsroom-citing={story.documentId} data-status={story.status}>
            <EntryLink to={story.editPath}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Flex gap={2} wrap="wrap">
                  <Typography variant="pi" textColor="neutral600">
                    {formatStoryDate(story.publicationDate, story.locale, citedBy.timeZone) ?? m('entry.noDate')}
                  </Typography>
                  <Status variant={VARIANTS[story.status]} size="S">
                    <Typography tag="span" variant="pi" fontWeight="bold">
                      {m(`citedBy.status.${story.status}`)}
                    </Typography>
                  </Status>
                </Flex>
                <Typography variant="omega" fontWeight="semiBold" textColor="primary700">
                  {story.title}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {story.inPublishedList ? m('citedBy.seenByReaders') : m('citedBy.draftListOnly')}
                </Typography>
              </Flex>
            </EntryLink>
          </StoryCard>
        ))}
      </Flex>
    );
  })();

  return (
    <Flex tag="section" direction="column" alignItems="stretch" gap={2} width="100%" aria-labelledby={headingId} data-newsroom-cited-by="">
      <Typography id={headingId} tag="h3" variant="omega" fontWeight="bold" textColor="neutral800">
        {m('citedBy.title')}
      </Typography>
      {body}
    </Flex>
  );
};
