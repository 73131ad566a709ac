import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import type { GetRelatedList, RelatedList, ReplaceRelatedList } from '../../../shared/contracts/related-stories';
import { readError, relatedListPath } from '../utils/api';
import { isConflict } from '../utils/errors';
import { type DraftEntry, fromServer, readProblems, ruleOf, sameInputs, toInput } from '../utils/related';
import { useDocumentRefresh } from './useDocumentRefresh';
import { useRequest } from './useRequest';

export type SaveOutcome = { ok: true } | { ok: false; kind: 'invalid' | 'conflict' | 'error'; message: string };

type Phase = { name: 'loading' } | { name: 'error'; message: string } | { name: 'missing' } | { name: 'ready' };

/** The list loaded whole, changed locally and saved whole at its revision; a refused save keeps the editor's list. */
export const useRelatedList = (documentId: string, locale: string | undefined) => {
  const { put } = useFetchClient();
  const refreshDocument = useDocumentRefresh();
  const [server, setServer] = React.useState<RelatedList | null>(null);
  const [baseline, setBaseline] = React.useState<DraftEntry[]>([]);
  const [entries, setEntries] = React.useState<DraftEntry[]>([]);
  const [saving, setSaving] = React.useState(false);
  // Refusals keyed by entry key, so they stay beside their entry when the editor reorders.
  const [entryProblems, setEntryProblems] = React.useState<Record<string, string[]>>({});
  const [listProblems, setListProblems] = React.useState<string[]>([]);
  const [conflict, setConflict] = React.useState(false);
  const [savedOnce, setSavedOnce] = React.useState(false);
  // A change made while a save is in flight would be overwritten by the server's answer: refuse it.
  const savingRef = React.useRef(false);

  const apply = React.useCallback((list: RelatedList) => {
    const drafts = fromServer(list);
    setServer(list);
    setBaseline(drafts);
    setEntries(drafts);
    setEntryProblems({});
    setListProblems([]);
    setConflict(false);
  }, []);

  // Each answer replaces the list being edited; `refresh` keeps the current list on screen while it is fetched again.
  const { loading, error, reload, refresh } = useRequest<GetRelatedList.Response, GetRelatedList.Error>(relatedListPath(documentId, locale), {
    onSettled: (answer) => {
      if (!answer) return;
      apply(answer.data);
      setSavedOnce(false);
    },
  });
  // A locale the story has not been saved in yet (404): there is no list to edit until it is.
  const phase: Phase = loading ? { name: 'loading' } : error ? (error.status === 404 ? { name: 'missing' } : { name: 'error', message: error.message }) : { name: 'ready' };

  const change = React.useCallback((update: (current: DraftEntry[]) => DraftEntry[]) => {
    if (savingRef.current) return;
    // Refusals of removed entries simply stop being shown: they are looked up by the keys still listed.
    setEntries(update);
    setSavedOnce(false);
  }, []);

  const save = React.useCallback(async (): Promise<SaveOutcome> => {
    if (!server) return { ok: false, kind: 'error', message: 'not loaded' };
    const sent = entries;
    savingRef.current = true;
    setSaving(true);
    try {
      const body: ReplaceRelatedList.Request['body'] = { revision: server.revision, entries: sent.map(toInput) };
      const { data } = await put<ReplaceRelatedList.Response, ReplaceRelatedList.Request['body']>(relatedListPath(documentId, locale), body);
      apply(data.data);
      setSavedOnce(true);
      refreshDocument();
      return { ok: true };
    } catch (error) {
      const refusal = readError<ReplaceRelatedList.Error>(error);
      const { message } = refusal;
      if (isConflict(refusal)) {
        setConflict(true);
        return { ok: false, kind: 'conflict', message };
      }
      if (refusal.status === 400) {
        const byKey: Record<string, string[]> = {};
        const general: string[] = [];
        for (const problem of readProblems(refusal)) {
          const entry = problem.entryIndex === null ? undefined : sent[problem.entryIndex];
          if (entry) (byKey[entry.key] ??= []).push(ruleOf(problem));
          else general.push(problem.message);
        }
        setEntryProblems(byKey);
        setListProblems(general);
        return { ok: false, kind: 'invalid', message };
      }
      return { ok: false, kind: 'error', message };
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  }, [apply, documentId, entries, locale, put, refreshDocument, server]);

  const discard = React.useCallback(() => {
    setEntries(baseline);
    setEntryProblems({});
    setListProblems([]);
  }, [baseline]);

  return {
    phase,
    maxRelated: server?.maxRelated ?? 0,
    timeZone: server?.timeZone,
    entries,
    dirty: !sameInputs(entries, baseline),
    saving,
    savedOnce,
    entryProblems,
    listProblems,
    conflict,
    change,
    save,
    discard,
    reload,
    refresh,
  };
};

export type RelatedListState = ReturnType<typeof useRelatedList>;
