import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';

import type { ClickRate, ClickWindow, GetClickOverview } from '../../../shared/contracts/reader-stats';
import { clickRate } from '../../../shared/schemas/reader-stats';
import { useMessages } from '../hooks/useMessages';
import { useRequest } from '../hooks/useRequest';
import { clickOverviewPath } from '../utils/api';
import { formatRate } from '../utils/clicks';

const Table = styled.table`
  width: 100%;
  border-collapse: collapse;
  th,
  td {
    padding: ${({ theme }) => `${theme.spaces[1]} ${theme.spaces[2]}`};
    white-space: nowrap;
    border-bottom: 1px solid ${({ theme }) => theme.colors.neutral150};
    text-align: right;
    vertical-align: top;
  }
  th:first-child {
    text-align: left;
  }
`;

/** One figure: the rate (or "—" below the threshold) over its clicks. */
const RateCell = ({ rate, window, minViews, kind }: { rate: ClickRate; window: ClickWindow; minViews: number; kind: string }) => {
  const m = useMessages();
  const { locale } = useIntl();
  return (
    <td data-newsroom-ctr={`${kind}:${window.days}`}>
      {rate.ctr === null ? (
        <Typography variant="omega" textColor="neutral500" title={m('clicks.tooFew', { views: window.views, min: minViews })}>
          —
        </Typography>
      ) : (
        <Typography variant="omega" fontWeight="bold" textColor="neutral800">
          {formatRate(rate.ctr, locale)}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        {' · '}
        {m('clicks.count', { count: rate.clicks })}
      </Typography>
    </td>
  );
};

const RowHead = ({ title, below }: { title: string; below?: string }) => (
  <th scope="row">
    <Typography variant="omega" textColor="neutral800">
      {title}
    </Typography>
    {below ? (
      <Typography variant="pi" textColor="neutral500" display="block">
        {below}
      </Typography>
    ) : null}
  </th>
);

/** Homepage widget: editor picks against suggestions, and each place in the list, over 7 and 30 days, each rate beside the views it rests on. */
const RelatedClicksWidget = () => {
  const m = useMessages();
  const { data, error } = useRequest<GetClickOverview.Response, GetClickOverview.Error>(clickOverviewPath());

  if (error) return <Widget.Error>{m('ctrWidget.error')}</Widget.Error>;
  if (!data) return <Widget.Loading>{m('ctrWidget.loading')}</Widget.Loading>;

  const { windows, minViews } = data.data;
  const positions = [...new Set(windows.flatMap((window) => window.byPosition.map((row) => row.position)))].sort((a, b) => a - b);
  const atPosition = (window: ClickWindow, position: number) => window.byPosition.find((row) => row.position === position) ?? clickRate(0, window.views, minViews);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%" data-newsroom-ctr-widget="">
      <Table>
        <thead>
          <tr>
            <th scope="col">
              <Typography variant="sigma" textColor="neutral600">
                {m('ctrWidget.ctr')}
              </Typography>
            </th>
            {windows.map((window) => (
              <th scope="col" key={window.days}>
                <Typography variant="sigma" textColor="neutral600">
                  {m('ctrWidget.days', { days: window.days })}
                </Typography>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <RowHead title={m('ctrWidget.views')} />
            {windows.map((window) => (
              <td key={window.days} data-newsroom-ctr={`views:${window.days}`}>
                <Typography variant="omega" textColor="neutral800">
                  {m('widget.views', { count: window.views })}
                </Typography>
              </td>
            ))}
          </tr>
          <tr>
            <RowHead title={m('ctrWidget.editor')} />
            {windows.map((window) => (
              <RateCell key={window.days} rate={window.byOrigin.editor} window={window} minViews={minViews} kind="editor" />
            ))}
          </tr>
          <tr>
            <RowHead title={m('ctrWidget.suggested')} />
            {windows.map((window) => (
              <RateCell key={window.days} rate={window.byOrigin.suggested} window={window} minViews={minViews} kind="suggested" />
            ))}
          </tr>
          {positions.map((position) => (
            <tr key={position}>
              <RowHead title={m('ctrWidget.position', { position })} />
              {windows.map((window) => (
                <RateCell key={window.days} rate={atPosition(window, position)} window={window} minViews={minViews} kind={`position-${position}`} />
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      {positions.length === 0 ? (
        <Typography variant="pi" textColor="neutral500">
          {m('ctrWidget.empty')}
        </Typography>
      ) : null}
      <Box>
        <Typography variant="pi" textColor="neutral600">
          {m('ctrWidget.note', { min: minViews })}
        </Typography>
      </Box>
    </Flex>
  );
};

export default RelatedClicksWidget;
