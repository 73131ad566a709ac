import * as React from 'react';
import { useParams } from 'react-router-dom';
import { unstable_useDocument as useDocument, useForm, useQueryParams } from '@strapi/strapi/admin';

type EditViewParams = { id?: string; slug?: string; collectionType?: string };

/** The edit view's document query arguments: the Content Manager flattens `plugins` (i18n's locale) into the params. */
const editViewParams = (query: Record<string, unknown> | undefined) => {
  if (!query) return query;
  const { plugins, ...rest } = query;
  const flattened = Object.values((plugins as Record<string, unknown> | undefined) ?? {}).filter(
    (value): value is Record<string, unknown> => typeof value === 'object' && value !== null,
  );
  return Object.assign({}, rest, ...flattened) as Record<string, unknown>;
};

/**
 * Refetches the story the edit view shows, so a list saved to the draft turns it "Modified" and the
 * Content Manager offers Publish; skipped while the form has unsaved edits (Publish is offered then anyway).
 */
export const useDocumentRefresh = () => {
  const { id, slug, collectionType } = useParams<EditViewParams>();
  const [{ query }] = useQueryParams<Record<string, unknown>>();
  const params = React.useMemo(() => editViewParams(query), [query]);
  const modified = useForm('useDocumentRefresh', (state) => state.modified);
  const skip = !id || id === 'create' || !slug || !collectionType;
  const { refetch } = useDocument({ documentId: id, model: slug ?? '', collectionType: collectionType ?? '', params }, { skip });
  return React.useCallback(() => {
    if (!skip && !modified) refetch();
  }, [modified, refetch, skip]);
};
