import * as React from 'react';
import { Button, Field, Flex, TextButton, TextInput, Typography } from '@strapi/design-system';
import { ArrowClockwise, ChevronDown, ChevronUp, Pencil } from '@strapi/icons';

import type { DismissedSuggestion } from '../../../shared/contracts/suggestions';
import { useMessages } from '../hooks/useMessages';

interface Props {
  dismissed: DismissedSuggestion[];
  /** Show the Undo buttons (the editor may manage the list). */
  canUndo: boolean;
  /** The story being restored, if any. */
  busy: string | null;
  onUndo: (dismissed: DismissedSuggestion) => void;
  /** Keeps (or replaces) the editor's reason. */
  onExplain: (dismissed: DismissedSuggestion, reason: string) => Promise<void>;
}

/** The server's limit on a reason (shared/schemas/suggestions.ts). */
const REASON_MAX = 500;

/** One dismissed story: its title, the reason kept, a way to write one, and Undo. */
const DismissedEntry = ({ item, canUndo, busy, onUndo, onExplain }: Omit<Props, 'dismissed'> & { item: DismissedSuggestion }) => {
  const m = useMessages();
  const [editing, setEditing] = React.useState(false);
  const [draft, setDraft] = React.useState(item.reason ?? '');
  const title = item.title ?? m('suggestions.dismissedDeleted');
  const save = async () => {
    await onExplain(item, draft);
    setEditing(false);
  };
  return (
    <Flex tag="li" direction="column" alignItems="stretch" gap={1} data-newsroom-dismissed-story={item.documentId}>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Flex direction="column" alignItems="flex-start" minWidth={0}>
          <Typography variant="pi" textColor="neutral800">
            {title}
          </Typography>
          {item.reason && !editing ? (
            <Typography variant="pi" textColor="neutral600" data-newsroom-dismissed-reason="">
              {item.reason}
            </Typography>
          ) : null}
        </Flex>
        {canUndo ? (
          <Flex gap={3} justifyContent="flex-end">
            <TextButton startIcon={<Pencil />} disabled={busy !== null} aria-label={m('suggestions.reasonFor', { title })} onClick={() => setEditing((current) => !current)}>
              {m('suggestions.reasonEdit')}
            </TextButton>
            <TextButton startIcon={<ArrowClockwise />} disabled={busy !== null} aria-label={m('suggestions.undoFor', { title })} onClick={() => onUndo(item)} data-newsroom-dismissed-undo="">
              {m('suggestions.undo')}
            </TextButton>
          </Flex>
        ) : null}
      </Flex>
      {editing ? (
        // Not a <form>: the panel sits inside the Content Manager's own form, and Enter must not submit that.
        <Flex gap={2} alignItems="flex-end">
          <Field.Root name={`newsroom-dismissal-reason-${item.documentId}`} flex="1">
            <Field.Label>{m('suggestions.reasonLabel')}</Field.Label>
            <TextInput
              value={draft}
              maxLength={REASON_MAX}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDraft(event.target.value)}
              onKeyDown={(event: React.KeyboardEvent<HTMLInputElement>) => {
                if (event.key !== 'Enter') return;
                event.preventDefault();
                void save();
              }}
            />
          </Field.Root>
          <Button type="button" size="S" variant="secondary" loading={busy === item.documentId} onClick={() => void save()}>
            {m('suggestions.reasonSave')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
};

/** "Dismissed (n)": the stories an editor marked not related for this story, each with its reason and a one-click Undo. */
export const DismissedSuggestions = ({ dismissed, canUndo, busy, onUndo, onExplain }: Props) => {
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
            {dismissed.map((item) => (
              <DismissedEntry key={item.documentId} item={item} canUndo={canUndo} busy={busy} onUndo={onUndo} onExplain={onExplain} />
            ))}
          </Flex>
        </Flex>
      ) : null}
    </Flex>
  );
};
