import * as React from 'react';
import { useIntl } from 'react-intl';
import { Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import type { DocumentActionComponent, DocumentActionDescription, DocumentActionProps } from '@strapi/content-manager/strapi-admin';

import type { CitingStory, GetCitedBy } from '../../../shared/contracts/related-stories';
import { UIDS } from '../../../shared/manifest';
import { useMessages } from '../hooks/useMessages';
import { citedByPath } from '../utils/api';

type DialogOptions = Extract<NonNullable<DocumentActionDescription['dialog']>, { type: 'dialog' }>;
type Kind = 'unpublish' | 'delete';

/** "Listed as related in 3 published stories: “A”, “B”, “C”. It will be hidden from them." */
const CitedByWarning = ({ kind, stories }: { kind: Kind; stories: CitingStory[] }) => {
  const m = useMessages();
  const { locale } = useIntl();
  // Russian and Kazakh quote with guillemets, English with curly quotes.
  const [open, close] = /^(ru|kk)\b/.test(locale) ? ['«', '»'] : ['“', '”'];
  const titles = stories.map((story) => `${open}${story.title}${close}`).join(', ');
  return (
    <Flex direction="column" alignItems="center" gap={2} paddingBottom={2} data-newsroom-cited-by-warning={kind}>
      <WarningCircle width="24px" height="24px" fill="warning600" />
      <Typography tag="p" variant="omega" textAlign="center">
        {m(kind === 'unpublish' ? 'citedBy.warning.unpublish' : 'citedBy.warning.delete', { count: stories.length, titles })}
      </Typography>
    </Flex>
  );
};

/**
 * Wraps the Content Manager's Unpublish or Delete of a story so that, when published stories list it as
 * related, the confirmation names them first. Asked at the click, so the list view's rows ask nothing
 * until used; when nothing cites the story (or the editor may not read lists), the action is as before.
 */
const withCitedByWarning = (base: DocumentActionComponent, kind: Kind): DocumentActionComponent => {
  const Wrapped: DocumentActionComponent = (props: DocumentActionProps) => {
    const description = base(props);
    const m = useMessages();
    const { get } = useFetchClient();
    const [citing, setCiting] = React.useState<CitingStory[]>([]);
    const click = React.useRef<React.SyntheticEvent | null>(null);
    if (!description || props.model !== UIDS.article || !props.documentId) return description;

    const { documentId } = props;
    const locale = typeof props.document?.locale === 'string' ? props.document.locale : undefined;
    const own = description.dialog?.type === 'dialog' ? description.dialog : null;
    const readCiting = async () => {
      try {
        const { data } = await get<GetCitedBy.Response>(citedByPath(documentId, locale));
        return data.data.stories.filter((story) => story.inPublishedList);
      } catch {
        return [];
      }
    };
    const warning = citing.length > 0 ? <CitedByWarning kind={kind} stories={citing} /> : null;
    const dialog: DialogOptions = own
      ? { ...own, content: <>{warning}{own.content}</> }
      : {
          type: 'dialog',
          title: m('citedBy.warning.title'),
          content: warning,
          variant: 'danger',
          onConfirm: async () => {
            if (click.current) await description.onClick?.(click.current);
          },
        };
    return {
      ...description,
      dialog,
      onClick: async (event) => {
        click.current = event;
        const stories = await readCiting();
        setCiting(stories);
        // Nothing cites it: what the built-in did (its own dialog, or straight on with the action).
        if (stories.length === 0 && !own) {
          await description.onClick?.(event);
          return true;
        }
        return own ? ((await description.onClick?.(event)) ?? false) : false;
      },
    };
  };
  Wrapped.type = base.type;
  Wrapped.position = base.position;
  return Wrapped;
};

/** The reducer for `addDocumentAction`: Unpublish and Delete wrapped, every other action untouched. */
export const warnWhenCited = (actions: DocumentActionComponent[]): DocumentActionComponent[] =>
  actions.map((action) => (action.type === 'unpublish' || action.type === 'delete' ? withCitedByWarning(action, action.type) : action));
