import { Flex, TextButton, Typography } from '@strapi/design-system';

import { useMessages } from '../hooks/useMessages';

/** A section that could not be loaded: what failed, and a retry. */
export const LoadError = ({ message, onRetry }: { message: string; onRetry: () => void }) => {
  const m = useMessages();
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="pi" textColor="danger600" role="alert">
        {message}
      </Typography>
      <TextButton onClick={onRetry}>{m('panel.retry')}</TextButton>
    </Flex>
  );
};
