import * as React from 'react';
import { Badge, Flex, IconButton, Loader, TextButton, Typography } from '@strapi/design-system';
import { Cross, Plus } from '@strapi/icons';
import { styled } from 'styled-components';

import type { Suggestion, SuggestionReason } from '../../../shared/contracts/suggestions';
import { useDismissals } from '../hooks/useDismissals';
import { useMessages } from '../hooks/useMessages';
import { useSuggestions } from '../hooks/useSuggestions';
import { formatStoryDate } from '../utils/dates';
import { reasonDetail, reasonMessage, visibleSuggestions } from '../utils/suggestions';
import { DismissedSuggestions } from './DismissedSuggestions';
import { LoadError } from './LoadError';
import { StoryCard } from './StoryCard';

const CHIP_VARIANTS = { tag: 'primary', correspondent: 'secondary', text: 'alternative', time: 'neutral', cites: 'success', neighbours: 'alternative' } as const;

/** The design system's Badge prints its text in capitals; reasons quote tags and words as written, wrapped in the narrow panel. */
const Chip = styled(Badge)`
  max-width: 100%;
  min-width: 0;

  & > * {
    text-transform: none;
    letter-spacing: normal;
    white-space: normal;
    overflow-wrap: anywhere;
  }
`;

const Title = styled(Typography)`
  overflow-wrap: anywhere;
`;

/** One reason as a chip: "tag: ОИС", "same correspondent", "similar text: …", "3 days apart". */
export const ReasonChip = ({ reason }: { reason: SuggestionReason }) => {
  const m = useMessages();
  const { key, values } = reasonMessage(reason);
  const text = m(key, values);
  const detail = reasonDetail(reason);
  return (
    <Chip size="S" variant={CHIP_VARIANTS[reason.kind]} title={detail ? `${text} (${detail})` : text} data-newsroom-reason={reason.kind}>
      {text}
    </Chip>
  );
};

export const ReasonChips = ({ reasons }: { reasons: SuggestionReason[] }) => (
  <Flex gap={1} wrap="wrap" alignItems="center" width="100%">
    {reasons.map((reason, index) => (
      <ReasonChip key={`${reason.kind}:${index}`} reason={reason} />
    ))}
  </Flex>
);

interface Props {
  documentId: string;
  locale: string | undefined;
  /** Changes when the Content Manager saves, publishes or discards the story. */
  version: string | null;
  /** Targets of the editor's current (possibly unsaved) list: those stories are not offered again. */
  listed: Array<string | null>;
  timeZone: string | undefined;
  /** Show add, "Not related" and undo buttons (the editor may change the list). */
  canAdd: boolean;
  /** The list is full: the add buttons are shown but disabled. */
  full: boolean;
  onAdd: (suggestion: Suggestion) => void;
}

/** The panel's "Suggestions" section: the closest stories, why, a one-click add to the unsaved list, and "Not related" with its undo. */
export const RelatedSuggestions = ({ documentId, locale, version, listed, timeZone, canAdd, full, onAdd }: Props) => {
  const m = useMessages();
  const headingId = React.useId();
  const { list, loading, reload, refresh } = useSuggestions(documentId, locale, version);
  const { dismiss, explain, undo, busy } = useDismissals(documentId, locale, refresh);

  const body = (() => {
    if (loading) {
      return <Loader small>{m('suggestions.loading')}</Loader>;
    }
    if (!list) return <LoadError message={m('suggestions.error')} onRetry={reload} />;
    const shown = visibleSuggestions(list.suggestions, documentId, listed);
    return (
      <>
        {list.pending ? (
          <Typography variant="pi" textColor="warning600" role="status" data-newsroom-suggestions-pending="">
            {m('suggestions.pending')}
          </Typography>
        ) : null}
        {list.source === 'live' ? (
          <Typography variant="pi" textColor="neutral600" data-newsroom-suggestions-live="">
            {m('suggestions.live')}
          </Typography>
        ) : null}
        {shown.length === 0 ? (
          <Typography variant="pi" textColor="neutral600" data-newsroom-suggestions-empty="">
            {list.suggestions.some((suggestion) => suggestion.documentId !== documentId) ? m('suggestions.allListed') : m('suggestions.empty')}
          </Typography>
        ) : (
          <Flex tag="ul" aria-labelledby={headingId} direction="column" alignItems="stretch" gap={2} margin={0} padding={0}>
            {shown.map((suggestion) => {
              const date = formatStoryDate(suggestion.publicationDate, suggestion.locale ?? locale, timeZone);
              return (
                <StoryCard key={suggestion.documentId} $suggested data-newsroom-suggestion={suggestion.documentId} aria-label={suggestion.title}>
                  <Flex gap={2} alignItems="flex-start">
                    <Flex direction="column" alignItems="flex-start" gap={1} flex="1" minWidth={0}>
                      <Typography variant="pi" textColor="neutral600">
                        {date ?? m('entry.noDate')}
                      </Typography>
                      <Title variant="omega" fontWeight="semiBold" textColor="neutral800">
                        {suggestion.title}
                      </Title>
                      <ReasonChips reasons={suggestion.reasons} />
                    </Flex>
                    {canAdd ? (
                      <Flex direction="column" gap={1}>
                        <IconButton
                          variant="secondary"
                          size="S"
                          label={full ? m('suggestions.full') : m('suggestions.add', { title: suggestion.title })}
                          disabled={full}
                          onClick={() => onAdd(suggestion)}
                          data-newsroom-suggestion-add=""
                        >
                          <Plus />
                        </IconButton>
                        <IconButton
                          variant="ghost"
                          size="S"
                          label={m('suggestions.dismiss', { title: suggestion.title })}
                          disabled={busy !== null}
                          onClick={() => void dismiss(suggestion)}
                          data-newsroom-suggestion-dismiss=""
                        >
                          <Cross />
                        </IconButton>
                      </Flex>
                    ) : null}
                  </Flex>
                </StoryCard>
              );
            })}
          </Flex>
        )}
        <DismissedSuggestions dismissed={list.dismissed ?? []} canUndo={canAdd} busy={busy} onUndo={(item) => void undo(item)} onExplain={explain} />
      </>
    );
  })();

  return (
    <Flex tag="section" direction="column" alignItems="stretch" gap={2} width="100%" aria-labelledby={headingId} data-newsroom-suggestions="">
      <Typography id={headingId} tag="h3" variant="omega" fontWeight="bold" textColor="neutral800">
        {m('suggestions.title')}
      </Typography>
      {body}
    </Flex>
  );
};
