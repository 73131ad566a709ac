import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { useRBAC } from '@strapi/strapi/admin';

import { ACTIONS, UIDS } from '../../../shared/manifest';
import { useContentLocale } from '../hooks/useContentLocale';
import { useMessages } from '../hooks/useMessages';
import { StoryPanel } from './StoryPanel';

// Module-level so useRBAC sees the same array on every render and checks once.
const PERMISSIONS = [
  { action: ACTIONS.readRelated, subject: null },
  { action: ACTIONS.manageRelated, subject: null },
];

/** Edit-view side panel (a hook-using description): `{ title, content }`, no `type` (Strapi's own panels use it), null to hide. */
export const RelatedStoriesPanel: PanelComponent = ({ model, documentId, document }) => {
  const m = useMessages();
  const locale = useContentLocale();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS);
  if (model !== UIDS.article || !documentId || isLoading || !allowedActions.canRead) return null;
  return {
    title: m('panel.title'),
    // Keyed by story and locale: switching the locale starts from that locale's saved list.
    content: (
      <StoryPanel
        key={`${documentId}:${locale ?? ''}`}
        documentId={documentId}
        locale={locale}
        storyLocale={typeof document?.locale === 'string' ? document.locale : null}
        publicationDate={typeof document?.publicationDate === 'string' ? document.publicationDate : null}
        canManage={Boolean(allowedActions.canManage)}
        version={typeof document?.updatedAt === 'string' ? document.updatedAt : null}
      />
    ),
  };
};
