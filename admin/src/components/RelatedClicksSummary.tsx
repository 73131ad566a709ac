import { Box, Flex, Typography } from '@strapi/design-system';

import type { GetStoryClicks } from '../../../shared/contracts/reader-stats';
import { useMessages } from '../hooks/useMessages';
import type { DraftEntry } from '../utils/related';
import { EntryClicksLine } from './EntryClicksLine';

type StoryClicks = GetStoryClicks.Response['data'];

interface Props {
  clicks: StoryClicks | null;
  failed: boolean;
  /** The editor's list: entries on it show their clicks in their own row, the rest are listed here. */
  entries: DraftEntry[];
}

/** The story's views over 30 days (the base of every rate) and the entries readers opened that are not on the editor's list: suggestions filled in, or removed since. */
export const RelatedClicksSummary = ({ clicks, failed, entries }: Props) => {
  const m = useMessages();
  if (failed) {
    return (
      <Typography variant="pi" textColor="neutral500">
        {m('clicks.loadError')}
      </Typography>
    );
  }
  if (!clicks) return null;
  const listed = (row: StoryClicks['entries'][number]) => entries.some((entry) => (row.target ? entry.target === row.target : !entry.target && entry.url === row.url));
  const others = clicks.entries.filter((row) => !listed(row));
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-newsroom-clicks-summary="">
      <Typography variant="pi" textColor="neutral600">
        {m('clicks.summary', { views: clicks.views })}
        {clicks.views < clicks.minViews ? ` ${m('clicks.tooFew', { views: clicks.views, min: clicks.minViews })}` : ''}
      </Typography>
      {others.length > 0 ? (
        <>
          <Typography tag="h4" variant="pi" fontWeight="bold" textColor="neutral800">
            {m('clicks.others')}
          </Typography>
          <Box tag="ul" margin={0} padding={0}>
            {others.map((row) => (
              <Box tag="li" key={`${row.target ?? row.url}:${row.origin}`} style={{ listStyle: 'none' }} paddingBottom={1} data-newsroom-clicks-other={row.target ?? row.url ?? ''}>
                <Typography variant="pi" textColor="neutral800" display="block" ellipsis title={row.url ?? row.title ?? undefined}>
                  {row.title ?? row.url ?? m('widget.lostLinks.untitled')}
                </Typography>
                <EntryClicksLine rate={row} origin={row.origin} views={clicks.views} minViews={clicks.minViews} />
              </Box>
            ))}
          </Box>
        </>
      ) : null}
    </Flex>
  );
};
