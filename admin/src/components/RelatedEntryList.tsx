import * as React from 'react';
import { Box, Flex, VisuallyHidden } from '@strapi/design-system';

import { useMessages } from '../hooks/useMessages';
import type { RowClicks } from '../utils/clicks';
import { type DraftEntry, entryTitle } from '../utils/related';
import { type Control, RelatedEntryRow } from './RelatedEntryRow';

/** Our own drag type: other drop zones of the admin ignore it, and it ignores theirs. */
const DND_TYPE = 'application/x-newsroom-related-entry';

interface Props {
  entries: DraftEntry[];
  locale: string | undefined;
  /** The server's display time zone; the plugin default until the list has loaded. */
  timeZone?: string;
  editable: boolean;
  problems: Record<string, string[]>;
  /** Each entry's clicks (null while they load or when they could not be read). */
  clicksOf: (entry: DraftEntry) => RowClicks | null;
  onMove: (from: number, to: number) => void;
  onRemove: (key: string) => void;
  label: string;
}

/** The list in reading order, reordered by native drag and drop, by keyboard (Space, arrows, Escape) or buttons, each move announced. */
export const RelatedEntryList = ({ entries, locale, timeZone, editable, problems, clicksOf, onMove, onRemove, label }: Props) => {
  const m = useMessages();
  const instructionsId = React.useId();
  const [announcement, setAnnouncement] = React.useState('');
  const [lifted, setLifted] = React.useState<{ key: string; origin: number } | null>(null);
  const [drag, setDrag] = React.useState<{ key: string; from: number } | null>(null);
  const [dropAt, setDropAt] = React.useState<number | null>(null);
  const controls = React.useRef(new Map<string, HTMLElement>());
  const refocus = React.useRef<{ key: string; control: Control } | null>(null);

  const total = entries.length;
  const titleOf = (index: number) => (entries[index] ? entryTitle(entries[index]) : '');

  // React moves the row's DOM node on reorder, which drops focus: put it back on the control that moved.
  React.useLayoutEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = null;
    const index = entries.findIndex((entry) => entry.key === wanted.key);
    const fallback: Control = wanted.control === 'up' && index === 0 ? 'down' : wanted.control === 'down' && index === total - 1 ? 'up' : wanted.control;
    (controls.current.get(`${wanted.key}:${fallback}`) ?? controls.current.get(`${wanted.key}:handle`))?.focus();
  }, [entries, total]);

  const register = (key: string, control: Control) => (node: unknown) => {
    if (node instanceof HTMLElement) controls.current.set(`${key}:${control}`, node);
    else controls.current.delete(`${key}:${control}`);
  };

  const move = (from: number, to: number, control: Control) => {
    if (to < 0 || to >= total || from === to) return;
    refocus.current = { key: entries[from].key, control };
    onMove(from, to);
    setAnnouncement(m('dnd.moved', { title: titleOf(from), position: to + 1, total }));
  };

  const onHandleKeyDown = (event: React.KeyboardEvent<HTMLElement>, index: number) => {
    const entry = entries[index];
    const isLifted = lifted?.key === entry.key;
    if (event.key === ' ' || event.key === 'Enter') {
      // Enter must never reach the Content Manager's form (it would submit the story).
      event.preventDefault();
      if (isLifted) {
        setLifted(null);
        setAnnouncement(m('dnd.dropped', { title: entryTitle(entry), position: index + 1, total }));
      } else {
        setLifted({ key: entry.key, origin: index });
        setAnnouncement(m('dnd.lifted', { title: entryTitle(entry), position: index + 1, total }));
      }
    } else if (isLifted && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(index, event.key === 'ArrowUp' ? index - 1 : index + 1, 'handle');
    } else if (isLifted && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      refocus.current = { key: entry.key, control: 'handle' };
      if (lifted.origin !== index) onMove(index, lifted.origin);
      setLifted(null);
      setAnnouncement(m('dnd.cancelled', { title: entryTitle(entry), position: lifted.origin + 1, total }));
    }
  };

  const onHandleBlur = (event: React.FocusEvent<HTMLElement>, index: number) => {
    // Tabbing away drops the entry where it is; a blur caused by the reorder itself has no next target.
    if (lifted?.key === entries[index]?.key && event.relatedTarget) {
      setLifted(null);
      setAnnouncement(m('dnd.dropped', { title: titleOf(index), position: index + 1, total }));
    }
  };

  const endDrag = () => {
    setDrag(null);
    setDropAt(null);
  };

  // Each handler stops the event: the admin's react-dnd backend listens on window and would cancel a drag it does not own.
  const onDragStart = (event: React.DragEvent<HTMLElement>, index: number) => {
    if (!editable) return;
    event.stopPropagation();
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DND_TYPE, entries[index].key);
    setDrag({ key: entries[index].key, from: index });
  };

  const onDragOver = (event: React.DragEvent<HTMLElement>, index: number) => {
    if (!drag) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'move';
    const rect = event.currentTarget.getBoundingClientRect();
    setDropAt(index + (event.clientY > rect.top + rect.height / 2 ? 1 : 0));
  };

  const onDrop = (event: React.DragEvent<HTMLElement>) => {
    if (!drag) return;
    event.preventDefault();
    event.stopPropagation();
    if (dropAt !== null) {
      const to = dropAt > drag.from ? dropAt - 1 : dropAt;
      if (to !== drag.from) {
        onMove(drag.from, to);
        setAnnouncement(m('dnd.moved', { title: titleOf(drag.from), position: to + 1, total }));
      }
    }
    endDrag();
  };

  const remove = (index: number) => {
    const next = entries[index + 1] ?? entries[index - 1];
    if (next) refocus.current = { key: next.key, control: 'handle' };
    onRemove(entries[index].key);
    setAnnouncement(m('entry.removed', { title: titleOf(index) }));
  };

  return (
    <Box width="100%">
      <VisuallyHidden id={instructionsId}>{m('dnd.instructions')}</VisuallyHidden>
      <VisuallyHidden aria-live="assertive" aria-atomic="true" data-newsroom-announcer="">
        {announcement}
      </VisuallyHidden>
      <Flex
        tag="ol"
        aria-label={label}
        direction="column"
        alignItems="stretch"
        gap={2}
        margin={0}
        padding={0}
        // The gaps between rows: keep the last drop position instead of refusing the drop.
        onDragOver={(event: React.DragEvent<HTMLElement>) => {
          if (!drag) return;
          event.preventDefault();
          event.stopPropagation();
        }}
        onDrop={onDrop}
      >
        {entries.map((entry, index) => (
          <RelatedEntryRow
            key={entry.key}
            entry={entry}
            index={index}
            total={total}
            locale={locale}
            timeZone={timeZone}
            editable={editable}
            problems={problems[entry.key] ?? []}
            clicks={clicksOf(entry)}
            lifted={lifted?.key === entry.key}
            dragging={drag?.key === entry.key}
            dropBefore={drag !== null && dropAt === index && index !== drag.from && index !== drag.from + 1}
            dropAfter={drag !== null && dropAt === index + 1 && index === total - 1 && index !== drag.from}
            dragHandlers={{
              onDragStart: (event) => onDragStart(event, index),
              onDragEnter: (event) => onDragOver(event, index),
              onDragOver: (event) => onDragOver(event, index),
              onDrop,
              onDragEnd: endDrag,
            }}
            instructionsId={instructionsId}
            controlRef={(control) => register(entry.key, control)}
            onHandleKeyDown={(event) => onHandleKeyDown(event, index)}
            onHandleBlur={(event) => onHandleBlur(event, index)}
            onMove={(to, control) => move(index, to, control)}
            onRemove={() => remove(index)}
          />
        ))}
      </Flex>
    </Box>
  );
};
