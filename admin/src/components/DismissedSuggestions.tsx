import * as React from 'react';
import { Flex, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, ChevronDown, ChevronUp } from '@strapi/icons';

import type { DismissedSuggestion } from '../../../shared/contracts/suggestions';
import { useMessages } from '../hooks/useMessages';

interface Props {
  dismissed: DismissedSuggestion[];
  /** Show the Undo buttons (the editor may manage the list). */
  canUndo: boolean;
  /** The story being restored, if any. */
  busy: string | null;
  onUndo: (dismissed: DismissedSuggestion) => void;
}

/** "Dismissed (n)": the stories an editor marked not related for this story, each with a one-click Undo. */
export const DismissedSuggestions = ({ dismissed, canUndo, busy, onUndo }: Props) => {
  const m = useMessages();
  const [open, setOpen] = React.useState(false);
  const listId = React.useId();
  if (dismissed.length === 0) return null;
  return (
    <Flex direction="column" alignItems="stretch" gap={1} data-newsroom-dismissed="">
      <TextButton
        aria-expanded={open}
        aria-controls={listId}
        endIcon={open ? <ChevronUp /> : <ChevronDown />}
        onClick={() => setOpen((current) => !current)}
        data-newsroom-dismissed-toggle=""
      >
        {m('suggestions.dismissed', { count: dismissed.length })}
      </TextButton>
      {open ? (
        <Flex id={listId} direction="column" alignItems="stretch" gap={1}>
          <Typography variant="pi" textColor="neutral600">
            {m('suggestions.dismissedHint')}
          </Typography>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1} margin={0} padding={0}>
            {dismissed.map((item) => {
              const title = item.title ?? m('suggestions.dismissedDeleted');
              return (
                <Flex tag="li" key={item.documentId} gap={2} justifyContent="space-between" alignItems="baseline" data-newsroom-dismissed-story={item.documentId}>
                  <Flex direction="column" alignItems="flex-start" minWidth={0}>
                    <Typography variant="pi" textColor="neutral800">
                      {title}
                    </Typography>
                    {item.reason ? (
                      <Typography variant="pi" textColor="neutral600">
                        {item.reason}
                      </Typography>
                    ) : null}
                  </Flex>
                  {canUndo ? (
                    <TextButton
                      startIcon={<ArrowClockwise />}
                      disabled={busy !== null}
                      aria-label={m('suggestions.undoFor', { title })}
                      onClick={() => onUndo(item)}
                      data-newsroom-dismissed-undo=""
                    >
                      {m('suggestions.undo')}
                    </TextButton>
                  ) : null}
                </Flex>
              );
            })}
          </Flex>
        </Flex>
      ) : null}
    </Flex>
  );
};
