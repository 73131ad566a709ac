import { Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import type { ClickRate, ClickOrigin } from '../../../shared/contracts/reader-stats';
import { useMessages } from '../hooks/useMessages';
import { formatRate } from '../utils/clicks';

interface Props {
  rate: ClickRate;
  origin: ClickOrigin;
  /** The views the rate rests on, and the fewest that give one. */
  views: number;
  minViews: number;
}

/** "Editor pick · 12 clicks · 3.1%", or a muted "—" (saying "too few views") when the story's views are under the threshold. */
export const EntryClicksLine = ({ rate, origin, views, minViews }: Props) => {
  const m = useMessages();
  const { locale } = useIntl();
  return (
    <Flex gap={1} wrap="wrap" data-newsroom-clicks={origin}>
      <Typography variant="pi" fontWeight="bold" textColor={origin === 'editor' ? 'primary600' : 'alternative600'}>
        {origin === 'editor' ? m('clicks.origin.editor') : m('clicks.origin.suggested')}
      </Typography>
      <Typography variant="pi" textColor="neutral600">
        · {m('clicks.count', { count: rate.clicks })} ·
      </Typography>
      {rate.ctr === null ? (
        <Typography variant="pi" textColor="neutral500" title={m('clicks.tooFew', { views, min: minViews })} aria-label={m('clicks.tooFewShort')}>
          —
        </Typography>
      ) : (
        <Typography variant="pi" textColor="neutral800" fontWeight="semiBold">
          {formatRate(rate.ctr, locale)}
        </Typography>
      )}
    </Flex>
  );
};
