import * as React from 'react';
import { Box, Flex, IconButton, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Drag, Trash } from '@strapi/icons';
import { styled } from 'styled-components';

import { useMessages } from '../hooks/useMessages';
import type { RowClicks } from '../utils/clicks';
import { formatStoryDate } from '../utils/dates';
import { type DraftEntry, entryTitle } from '../utils/related';
import { EntryClicksLine } from './EntryClicksLine';
import { StatusBadge } from './StatusBadge';

/** The controls of a row that keep focus when it moves. */
export type Control = 'handle' | 'up' | 'down';

type DragHandlers = Pick<React.DOMAttributes<HTMLElement>, 'onDragStart' | 'onDragEnter' | 'onDragOver' | 'onDrop' | 'onDragEnd'>;

interface Props {
  entry: DraftEntry;
  index: number;
  total: number;
  locale: string | undefined;
  timeZone?: string;
  editable: boolean;
  problems: string[];
  /** Readers' clicks on this entry over 30 days; null while unknown. */
  clicks: RowClicks | null;
  /** Picked up with the keyboard, moving with the arrows. */
  lifted: boolean;
  dragging: boolean;
  dropBefore: boolean;
  dropAfter: boolean;
  dragHandlers: DragHandlers;
  /** The hidden text telling keyboard users how to reorder. */
  instructionsId: string;
  /** A ref for each control, so the list can give focus back after a move. */
  controlRef: (control: Control) => (node: unknown) => void;
  onHandleKeyDown: (event: React.KeyboardEvent<HTMLElement>) => void;
  onHandleBlur: (event: React.FocusEvent<HTMLElement>) => void;
  onMove: (to: number, control: Control) => void;
  onRemove: () => void;
}

const Row = styled(Box)<{ $dropBefore: boolean; $dropAfter: boolean; $dragging: boolean }>`
  position: relative;
  list-style: none;
  opacity: ${({ $dragging }) => ($dragging ? 0.5 : 1)};

  &::before,
  &::after {
    content: '';
    position: absolute;
    left: 0;
    right: 0;
    height: 2px;
    background: ${({ theme }) => theme.colors.primary600};
    display: none;
  }
  &::before {
    top: -5px;
    display: ${({ $dropBefore }) => ($dropBefore ? 'block' : 'none')};
  }
  &::after {
    bottom: -5px;
    display: ${({ $dropAfter }) => ($dropAfter ? 'block' : 'none')};
  }
`;

const Title = styled(Typography)`
  display: -webkit-box;
  -webkit-line-clamp: 3;
  -webkit-box-orient: vertical;
  overflow: hidden;
  overflow-wrap: anywhere;
`;

/** One entry as readers will get it (title, date, status), with its reorder and remove controls and the server's refusals. */
export const RelatedEntryRow = (props: Props) => {
  const { entry, index, total, locale, timeZone, editable, problems, lifted, controlRef } = props;
  const m = useMessages();
  const title = entryTitle(entry);
  const date = entry.story ? formatStoryDate(entry.story.publicationDate, locale, timeZone) : null;
  return (
    <Row
      tag="li"
      draggable={editable}
      {...props.dragHandlers}
      $dragging={props.dragging}
      $dropBefore={props.dropBefore}
      $dropAfter={props.dropAfter}
      data-newsroom-entry={index + 1}
      aria-label={`${index + 1}. ${title}`}
      background={lifted ? 'primary100' : problems.length > 0 ? 'danger100' : 'neutral0'}
      borderColor={lifted ? 'primary600' : problems.length > 0 ? 'danger600' : 'neutral200'}
      borderStyle="solid"
      borderWidth="1px"
      hasRadius
      padding={2}
    >
      <Flex gap={2} alignItems="flex-start">
        {editable ? (
          <IconButton
            ref={controlRef('handle')}
            cursor="grab"
            variant="ghost"
            size="S"
            withTooltip={false}
            label={m('entry.handle', { title })}
            aria-describedby={props.instructionsId}
            aria-pressed={lifted}
            onKeyDown={props.onHandleKeyDown}
            onBlur={props.onHandleBlur}
          >
            <Drag />
          </IconButton>
        ) : (
          <Typography variant="pi" textColor="neutral500" paddingTop={1}>
            {index + 1}.
          </Typography>
        )}
        <Flex direction="column" alignItems="flex-start" gap={1} flex="1" minWidth={0}>
          <Title variant="omega" fontWeight="semiBold" textColor="neutral800" title={entry.url ?? title}>
            {title}
          </Title>
          {entry.label && entry.story && entry.story.title !== entry.label ? (
            <Typography variant="pi" textColor="neutral600">
              {entry.story.title}
            </Typography>
          ) : null}
          {entry.story ? (
            <Typography variant="pi" textColor="neutral600">
              {date ?? m('entry.noDate')}
            </Typography>
          ) : entry.target ? (
            <Typography variant="pi" textColor="danger600">
              {m('entry.missing')}
            </Typography>
          ) : null}
          <Flex justifyContent="space-between" alignItems="center" gap={1} wrap="wrap" width="100%">
            <StatusBadge status={entry.status} domain={entry.domain} />
            {editable ? (
              <Flex gap={1} marginLeft="auto">
                <IconButton
                  ref={controlRef('up')}
                  variant="ghost"
                  size="XS"
                  label={m('entry.moveUp', { title })}
                  disabled={index === 0}
                  onClick={() => props.onMove(index - 1, 'up')}
                >
                  <ArrowUp />
                </IconButton>
                <IconButton
                  ref={controlRef('down')}
                  variant="ghost"
                  size="XS"
                  label={m('entry.moveDown', { title })}
                  disabled={index === total - 1}
                  onClick={() => props.onMove(index + 1, 'down')}
                >
                  <ArrowDown />
                </IconButton>
                <IconButton variant="ghost" size="XS" label={m('entry.remove', { title })} onClick={props.onRemove}>
                  <Trash />
                </IconButton>
              </Flex>
            ) : null}
          </Flex>
          {props.clicks
            ? props.clicks.lines.map((line) => <EntryClicksLine key={line.origin} rate={line} origin={line.origin} views={props.clicks?.views ?? 0} minViews={props.clicks?.minViews ?? 0} />)
            : null}
          {problems.map((problem) => (
            <Typography key={problem} variant="pi" textColor="danger600" role="alert" data-newsroom-problem="">
              {problem}
            </Typography>
          ))}
        </Flex>
      </Flex>
    </Row>
  );
};
