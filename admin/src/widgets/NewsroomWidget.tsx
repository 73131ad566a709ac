import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';

import type { DashboardStory, GetDashboard } from '../../../shared/contracts/admin';
import { useMessages } from '../hooks/useMessages';
import { useRequest } from '../hooks/useRequest';
import { dashboardPath, editViewPath } from '../utils/api';
import { formatStoryDate } from '../utils/dates';
import { EntryLink } from './EntryLink';

interface Item {
  key: string;
  documentId: string;
  locale: string | null;
  title: string;
  /** Short (a date, a count): on the same line. */
  aside?: string | null;
  /** Longer context: on a line of its own. */
  below?: string | null;
}

const Section = ({ title, empty, items }: { title: string; empty: string; items: Item[] }) => (
  <Flex tag="section" direction="column" alignItems="stretch" gap={1} width="100%">
    <Typography tag="h3" variant="omega" fontWeight="bold" textColor="neutral800">
      {title}
    </Typography>
    {items.length === 0 ? (
      <Typography variant="pi" textColor="neutral500" paddingLeft={2}>
        {empty}
      </Typography>
    ) : (
      <Box tag="ul" margin={0} padding={0}>
        {items.map((item) => (
          <Box tag="li" key={item.key} style={{ listStyle: 'none' }}>
            <EntryLink to={editViewPath(item.documentId, item.locale)}>
              <Flex gap={3} justifyContent="space-between" alignItems="baseline">
                <Typography variant="omega" textColor="primary600" ellipsis>
                  {item.title}
                </Typography>
                {item.aside ? (
                  <Typography variant="pi" textColor="neutral600" style={{ whiteSpace: 'nowrap' }}>
                    {item.aside}
                  </Typography>
                ) : null}
              </Flex>
              {item.below ? (
                <Typography variant="pi" textColor="neutral600" display="block" ellipsis>
                  {item.below}
                </Typography>
              ) : null}
            </EntryLink>
          </Box>
        ))}
      </Box>
    )}
  </Flex>
);

/** Homepage widget: what an editor should look at this week, each entry opening its story. */
const NewsroomWidget = () => {
  const m = useMessages();
  const { data, error } = useRequest<GetDashboard.Response, GetDashboard.Error>(dashboardPath());

  if (error) return <Widget.Error>{m('widget.error')}</Widget.Error>;
  if (!data) return <Widget.Loading>{m('widget.loading')}</Widget.Loading>;

  const { withoutRelated, lostLinks, mostRead, timeZone } = data.data;
  const dated = (story: DashboardStory) => formatStoryDate(story.publicationDate, story.locale, timeZone);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-newsroom-widget="">
      <Section
        title={m('widget.withoutRelated')}
        empty={m('widget.withoutRelated.empty')}
        items={withoutRelated.map((story) => ({ key: `${story.documentId}:${story.locale}`, documentId: story.documentId, locale: story.locale, title: story.title, aside: dated(story) }))}
      />
      <Section
        title={m('widget.lostLinks')}
        empty={m('widget.lostLinks.empty')}
        items={lostLinks.map((lost) => ({
          key: `${lost.articleDocumentId}:${lost.locale}:${lost.targetTitle}:${lost.lostAt}`,
          documentId: lost.articleDocumentId,
          locale: lost.locale,
          title: lost.targetTitle || lost.label || m('widget.lostLinks.untitled'),
          below: m('widget.lostLinks.in', { story: lost.article?.title ?? lost.articleDocumentId }),
        }))}
      />
      <Section
        title={m('widget.mostRead')}
        empty={m('widget.mostRead.empty')}
        items={mostRead.map((story) => ({
          key: `${story.documentId}:${story.locale}`,
          documentId: story.documentId,
          locale: story.locale,
          title: story.title,
          aside: m('widget.views', { count: story.views ?? 0 }),
        }))}
      />
    </Flex>
  );
};

export default NewsroomWidget;
