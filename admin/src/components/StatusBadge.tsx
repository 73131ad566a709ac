import { Status, Typography } from '@strapi/design-system';

import type { RelatedEntryStatus } from '../../../shared/contracts/related-stories';
import { useMessages } from '../hooks/useMessages';

const VARIANTS = { published: 'success', draft: 'secondary', unpublished: 'danger', external: 'neutral' } as const;

/** What readers get from an entry: shown now, shown once published, hidden, or a link elsewhere. */
export const StatusBadge = ({ status, domain }: { status: RelatedEntryStatus; domain: string | null }) => {
  const m = useMessages();
  const text =
    status === 'published'
      ? m('status.published')
      : status === 'draft'
        ? m('status.draft')
        : status === 'unpublished'
          ? m('status.unpublished')
          : m('status.external', { domain: domain ?? '' });
  return (
    <Status variant={VARIANTS[status]} size="S" data-status={status}>
      <Typography tag="span" variant="pi" fontWeight="bold">
        {text}
      </Typography>
    </Status>
  );
};
