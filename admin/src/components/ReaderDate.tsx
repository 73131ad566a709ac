import { Flex, Typography } from '@strapi/design-system';

import { useMessages } from '../hooks/useMessages';
import { DISPLAY_TIME_ZONE, formatStoryDateWithZone } from '../utils/dates';

interface Props {
  publicationDate: string | null;
  /** The story's own locale: its readers' language. */
  locale: string | null | undefined;
  timeZone: string | undefined;
}

/** The story's publication date as its readers will see it, in the story's language and the configured zone. */
export const ReaderDate = ({ publicationDate, locale, timeZone }: Props) => {
  const m = useMessages();
  const zone = timeZone ?? DISPLAY_TIME_ZONE;
  const shown = formatStoryDateWithZone(publicationDate, locale, zone);
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-newsroom-reader-date="">
      <Typography variant="sigma" textColor="neutral600">
        {m('readerDate.label')}
      </Typography>
      <Typography variant="omega" textColor="neutral800" data-newsroom-reader-date-value="">
        {shown ?? m('readerDate.unset', { timeZone: zone })}
      </Typography>
    </Flex>
  );
};
