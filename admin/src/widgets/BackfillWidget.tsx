import * as React from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Widget, useFetchClient, useNotification } from '@strapi/strapi/admin';

import type { AcceptSuggestions, BackfillStory, ListBackfill } from '../../../shared/contracts/suggestions';
import { StoryCard } from '../components/StoryCard';
import { useMessages } from '../hooks/useMessages';
import { useRequest } from '../hooks/useRequest';
import { acceptSuggestionsPath, backfillPath, editViewPath, isAbort, readError } from '../utils/api';
import { formatStoryDate } from '../utils/dates';
import { acceptFailure } from '../utils/suggestions';
import { EntryLink } from './EntryLink';

/** Stories per load: the widget scrolls; accepted ones leave the list and the next load fills it up. */
const PAGE_SIZE = 10;

const keyOf = (story: BackfillStory) => `${story.documentId}:${story.locale ?? ''}`;

/**
 * Homepage widget: published stories that still have no related stories, each with the list the
 * suggestions propose and a one-click Accept that saves it as the story's draft list.
 */
const BackfillWidget = () => {
  const m = useMessages();
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // Stories accepted since the last answer: they leave the list at once, and the next answer no longer has them.
  const [accepted, setAccepted] = React.useState<string[]>([]);
  const [accepting, setAccepting] = React.useState<string | null>(null);
  const { data, error, refresh } = useRequest<ListBackfill.Response, ListBackfill.Error>(backfillPath({ pageSize: PAGE_SIZE }), {
    onSettled: () => setAccepted([]),
  });

  const stories = data?.data.filter((story) => !accepted.includes(keyOf(story))) ?? [];
  const total = Math.max(0, (data?.meta.pagination.total ?? 0) - accepted.length);

  const accept = async (story: BackfillStory) => {
    const key = keyOf(story);
    setAccepting(key);
    try {
      // Exactly the proposal shown, at the revision it was read with: a list changed meanwhile is a 409, not overwritten.
      const body: AcceptSuggestions.Request['body'] = { revision: story.revision, targets: story.proposed.map((suggestion) => suggestion.documentId) };
      await post<AcceptSuggestions.Response, AcceptSuggestions.Request['body']>(acceptSuggestionsPath(story.documentId, story.locale), body);
      toggleNotification({ type: 'success', message: m('backfill.accepted', { title: story.title, count: story.proposed.length }) });
      setAccepted((current) => [...current, key]);
      // The last one shown accepted while more wait: fetch the next ones.
      if (stories.length === 1 && total > 1) refresh();
    } catch (error) {
      if (isAbort(error)) return;
      const failure = readError<AcceptSuggestions.Error>(error);
      const { message } = failure;
      const reason = acceptFailure(failure);
      if (reason === 'stale') {
        toggleNotification({ type: 'warning', message: m('backfill.stale', { title: story.title }) });
        // Its list changed: it may no longer be empty, or its revision moved on.
        refresh();
      } else if (reason === 'invalid') {
        toggleNotification({ type: 'danger', message: m('backfill.invalid', { title: story.title, message }) });
        refresh();
      } else {
        toggleNotification({ type: 'danger', message: m('backfill.failed', { title: story.title, message }) });
      }
    } finally {
      setAccepting(null);
    }
  };

  if (error) return <Widget.Error>{m('backfill.error')}</Widget.Error>;
  if (!data) return <Widget.Loading>{m('backfill.loading')}</Widget.Loading>;
  if (stories.length === 0) return <Widget.NoData>{m('backfill.empty')}</Widget.NoData>;

  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%" data-newsroom-backfill="">
      <Typography variant="pi" textColor="neutral600">
        {m('backfill.intro', { total })}
      </Typography>
      <Flex tag="ul" direction="column" alignItems="stretch" gap={2} margin={0} padding={0}>
        {stories.map((story) => {
          const key = keyOf(story);
          const date = formatStoryDate(story.publicationDate, story.locale, data.meta.timeZone);
          return (
            <StoryCard key={key} data-newsroom-backfill-story={story.documentId} aria-label={story.title}>
              <EntryLink to={editViewPath(story.documentId, story.locale)}>
                <Flex gap={3} justifyContent="space-between" alignItems="baseline">
                  <Typography variant="omega" fontWeight="semiBold" textColor="primary600" ellipsis>
                    {story.title}
                  </Typography>
                  {date ? (
                    <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                      {date}
                    </Typography>
                  ) : null}
                </Flex>
              </EntryLink>
              <Box paddingLeft={2} paddingRight={2}>
                <Typography variant="pi" textColor="neutral600" display="block">
                  {m('backfill.proposed')}
                </Typography>
                <Box tag="ol" margin={0} paddingLeft={4} aria-label={m('backfill.proposedFor', { title: story.title })}>
                  {story.proposed.map((suggestion) => (
                    <li key={suggestion.documentId} data-newsroom-proposed={suggestion.documentId}>
                      <Typography variant="pi" textColor="neutral800">
                        {suggestion.title}
                      </Typography>
                    </li>
                  ))}
                </Box>
                <Flex justifyContent="flex-end" paddingTop={1}>
                  <Button
                    size="S"
                    variant="secondary"
                    startIcon={<Check />}
                    loading={accepting === key}
                    disabled={accepting !== null || story.proposed.length === 0}
                    aria-label={m('backfill.acceptFor', { title: story.title })}
                    onClick={() => void accept(story)}
                  >
                    {m('backfill.accept')}
                  </Button>
                </Flex>
              </Box>
            </StoryCard>
          );
        })}
      </Flex>
    </Flex>
  );
};

export default BackfillWidget;
