import * as React from 'react';
import { Box, Button, Flex, Loader, TextButton, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import type { StoryHit } from '../../../shared/contracts/admin';
import type { Suggestion } from '../../../shared/contracts/suggestions';
import { useMessages } from '../hooks/useMessages';
import { useRelatedList } from '../hooks/useRelatedList';
import { useStoryClicks } from '../hooks/useStoryClicks';
import { rowClicks } from '../utils/clicks';
import { fromHit, fromLink, fromSuggestion, moveEntry } from '../utils/related';
import { ExternalLinkForm } from './ExternalLinkForm';
import { RelatedClicksSummary } from './RelatedClicksSummary';
import { RelatedEntryList } from './RelatedEntryList';
import { RelatedSuggestions } from './RelatedSuggestions';
import { StorySearch } from './StorySearch';

interface Props {
  documentId: string;
  locale: string | undefined;
  canManage: boolean;
  /** Changes when the Content Manager saves, publishes or discards the story. */
  version: string | null;
}

/** The side panel's body: the story's related list as readers will see it, and the editor's tools for it. */
export const RelatedStoriesEditor = ({ documentId, locale, canManage, version }: Props) => {
  const m = useMessages();
  const { toggleNotification } = useNotification();
  const list = useRelatedList(documentId, locale);
  const { entries, maxRelated, dirty, change, refresh } = list;
  const stats = useStoryClicks(documentId, locale);

  // "Discard changes" in the Content Manager rewrites the draft list: follow it unless the editor is mid-change.
  const seenVersion = React.useRef(version);
  React.useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    if (!dirty) refresh();
  }, [version, dirty, refresh]);

  // The Content Manager's leave guard knows only its own form: warn before a reload loses the list.
  React.useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const exclude = React.useMemo(
    () => [documentId, ...entries.map((entry) => entry.target).filter((target): target is string => Boolean(target))],
    [documentId, entries]
  );

  if (list.phase.name === 'loading') {
    return (
      <Flex justifyContent="center" width="100%" padding={2}>
        <Loader small>{m('panel.loading')}</Loader>
      </Flex>
    );
  }
  if (list.phase.name === 'missing') {
    return (
      <Typography variant="pi" textColor="neutral600">
        {m('panel.notInLocale')}
      </Typography>
    );
  }
  if (list.phase.name === 'error') {
    return (
      <Flex direction="column" alignItems="flex-start" gap={2}>
        <Typography variant="pi" textColor="danger600" role="alert">
          {m('panel.loadError')}
        </Typography>
        <Button variant="secondary" size="S" startIcon={<ArrowClockwise />} onClick={list.reload}>
          {m('panel.retry')}
        </Button>
      </Flex>
    );
  }

  const full = entries.length >= maxRelated;
  const editable = canManage && !list.conflict;

  const addHit = (hit: StoryHit) => {
    if (full || entries.some((entry) => entry.target === hit.documentId)) return;
    change((current) => [...current, fromHit(hit)]);
  };

  // Added like a search hit: to the end of the unsaved list, saved with the rest by "Save list".
  const addSuggestion = (suggestion: Suggestion) => {
    if (full || entries.some((entry) => entry.target === suggestion.documentId)) return;
    change((current) => [...current, fromSuggestion(suggestion)]);
  };

  const save = async () => {
    const outcome = await list.save();
    if (outcome.ok) {
      toggleNotification({ type: 'success', message: m('save.success') });
    } else if (outcome.kind === 'invalid') {
      toggleNotification({ type: 'danger', message: m('save.invalid') });
    } else if (outcome.kind === 'conflict') {
      toggleNotification({ type: 'warning', message: m('conflict.title') });
    } else {
      toggleNotification({ type: 'danger', message: m('save.failed', { message: outcome.message }) });
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-newsroom-panel="">
      <Flex direction="column" alignItems="stretch" gap={3} data-newsroom-list-clicks="">
        {entries.length > 0 ? (
          <RelatedEntryList
            label={m('panel.title')}
            entries={entries}
            locale={locale}
            timeZone={list.timeZone}
            editable={editable}
            problems={list.entryProblems}
            clicksOf={(entry) => (stats.clicks ? rowClicks(stats.clicks, entry) : null)}
            onMove={(from, to) => change((current) => moveEntry(current, from, to))}
            onRemove={(key) => change((current) => current.filter((entry) => entry.key !== key))}
          />
        ) : (
          <Typography variant="pi" textColor="neutral600">
            {canManage ? m('panel.empty') : m('panel.emptyReadOnly')}
          </Typography>
        )}

        <RelatedClicksSummary clicks={stats.clicks} failed={Boolean(stats.error)} entries={entries} />
      </Flex>

      {list.listProblems.map((problem) => (
        <Typography key={problem} variant="pi" textColor="danger600" role="alert">
          {problem}
        </Typography>
      ))}

      {list.conflict ? (
        <Flex direction="column" alignItems="flex-start" gap={2} padding={3} background="danger100" borderColor="danger200" hasRadius role="alert" data-newsroom-conflict="">
          <Typography variant="omega" fontWeight="bold" textColor="danger700">
            {m('conflict.title')}
          </Typography>
          <Typography variant="pi" textColor="danger700">
            {m('conflict.body')}
          </Typography>
          <Button variant="danger-light" size="S" startIcon={<ArrowClockwise />} onClick={list.reload}>
            {m('conflict.reload')}
          </Button>
        </Flex>
      ) : null}

      <RelatedSuggestions
        documentId={documentId}
        locale={locale}
        version={version}
        listed={exclude}
        timeZone={list.timeZone}
        canAdd={editable}
        full={full}
        onAdd={addSuggestion}
      />

      {canManage && !list.conflict ? (
        <>
          <StorySearch locale={locale} exclude={exclude} disabled={full} onAdd={addHit} />
          <ExternalLinkForm
            entries={entries}
            maxRelated={maxRelated}
            disabled={full}
            onAdd={(url, label) => change((current) => [...current, fromLink(url, label)])}
          />
          <Flex justifyContent="space-between" gap={2}>
            <Typography variant="pi" textColor={full ? 'warning600' : 'neutral600'}>
              {full ? m('panel.full', { max: maxRelated }) : m('panel.count', { count: entries.length, max: maxRelated })}
            </Typography>
            {dirty ? (
              <Typography variant="pi" fontWeight="bold" textColor="warning600">
                {m('panel.unsaved')}
              </Typography>
            ) : null}
          </Flex>
          <Button fullWidth startIcon={<Check />} disabled={!dirty || list.saving} loading={list.saving} onClick={() => void save()}>
            {m('save.button')}
          </Button>
          {dirty && !list.saving ? (
            <Box>
              <TextButton onClick={list.discard}>{m('save.discard')}</TextButton>
            </Box>
          ) : null}
          {list.savedOnce && !dirty ? (
            <Typography variant="pi" textColor="neutral600" role="status">
              {m('save.publishHint')}
            </Typography>
          ) : null}
        </>
      ) : null}

      {!canManage ? (
        <Typography variant="pi" textColor="neutral600">
          {m('panel.readOnly')}
        </Typography>
      ) : null}
    </Flex>
  );
};
