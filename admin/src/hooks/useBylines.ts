import * as React from 'react';
// From @strapi/strapi/admin, which the admin provides: importing @strapi/content-manager directly bundles a second copy of it.
import { unstable_useContentManagerContext as useContentManagerContext, useFetchClient, useField, useForm } from '@strapi/strapi/admin';

import { UIDS } from '../../../shared/manifest';
import { bylineOrder, type Person, type RelationFieldValue } from '../utils/bylines';
import { useContentLocale } from './useContentLocale';

export interface Byline extends Person {
  /** The correspondent's own role: what readers see when the story gives none. */
  ownRole: string | null;
}

const BYLINES_FIELD = 'correspondents';
const PAGE_SIZE = 100;

/**
 * The story's correspondents as the form holds them right now, in byline order, with their own
 * roles: the saved list (the Content Manager's relations route, which answers newest first) and
 * the form's unsaved changes to it.
 */
export const useBylines = (): { bylines: Byline[]; loading: boolean } => {
  const { get } = useFetchClient();
  const { id, model, isCreatingEntry } = useContentManagerContext();
  const locale = useContentLocale();
  const field = useField<RelationFieldValue>(BYLINES_FIELD);
  // A new object after each load and save: the saved list is asked again then.
  const saved = useForm('useBylines', (state) => state.initialValues);
  const [stored, setStored] = React.useState<Person[] | null>(null);
  const [ownRoles, setOwnRoles] = React.useState<Record<string, string | null>>({});

  React.useEffect(() => {
    if (isCreatingEntry || !id || model !== UIDS.article) {
      setStored([]);
      return;
    }
    const controller = new AbortController();
    const params = new URLSearchParams({ page: '1', pageSize: String(PAGE_SIZE), status: 'draft', ...(locale ? { locale } : {}) });
    get<{ results: Person[] }>(`/content-manager/relations/${model}/${id}/${BYLINES_FIELD}?${params}`, { signal: controller.signal }).then(
      ({ data }) => setStored([...data.results].reverse()),
      () => controller.signal.aborted || setStored([])
    );
    return () => controller.abort();
  }, [get, id, model, isCreatingEntry, locale, saved]);

  const bylines = React.useMemo(() => bylineOrder(stored ?? [], field.value), [stored, field.value]);
  const missing = bylines.map((person) => person.documentId).filter((documentId) => !(documentId in ownRoles));
  const missingKey = missing.join();

  React.useEffect(() => {
    if (!missingKey) return;
    const controller = new AbortController();
    const wanted = missingKey.split(',');
    const params = new URLSearchParams({ page: '1', pageSize: String(PAGE_SIZE) });
    wanted.forEach((documentId, index) => params.append(`filters[documentId][$in][${index}]`, documentId));
    get<{ results: Array<{ documentId: string; role?: string | null }> }>(`/content-manager/collection-types/${UIDS.correspondent}?${params}`, {
      signal: controller.signal,
    }).then(
      ({ data }) => {
        const found = new Map(data.results.map((person) => [person.documentId, person.role ?? null]));
        setOwnRoles((current) => ({ ...current, ...Object.fromEntries(wanted.map((documentId) => [documentId, found.get(documentId) ?? null])) }));
      },
      () => undefined
    );
    return () => controller.abort();
  }, [get, missingKey]);

  return {
    bylines: bylines.map((person) => ({ ...person, ownRole: ownRoles[person.documentId] ?? null })),
    loading: stored === null,
  };
};
