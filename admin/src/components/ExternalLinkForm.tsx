import * as React from 'react';
import { Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Link as LinkIcon, Plus } from '@strapi/icons';

import { useMessages } from '../hooks/useMessages';
import { type DraftEntry, LABEL_MAX, type LinkProblem, URL_MAX, checkLink } from '../utils/related';

interface Props {
  entries: DraftEntry[];
  maxRelated: number;
  disabled: boolean;
  onAdd: (url: string, label: string) => void;
}

/** An external page (URL + label), checked here with the server's rules before it joins the list. */
export const ExternalLinkForm = ({ entries, maxRelated, disabled, onAdd }: Props) => {
  const m = useMessages();
  const [open, setOpen] = React.useState(false);
  const [url, setUrl] = React.useState('');
  const [label, setLabel] = React.useState('');
  const [problems, setProblems] = React.useState<LinkProblem[]>([]);
  const urlInput = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    if (open) urlInput.current?.focus();
  }, [open]);

  const describe = (problem: LinkProblem) => {
    switch (problem.rule) {
      case 'urlDuplicate':
        return m('validation.urlDuplicate', { position: problem.position });
      case 'urlTooLong':
        return m('validation.tooLong', { max: URL_MAX });
      case 'labelTooLong':
        return m('validation.tooLong', { max: LABEL_MAX });
      case 'full':
        return m('validation.full', { max: maxRelated });
      default:
        return m(`validation.${problem.rule}`);
    }
  };
  const errorOf = (field: LinkProblem['field']) => problems.filter((problem) => problem.field === field).map(describe)[0];

  const submit = () => {
    const found = checkLink(url, label, entries, maxRelated);
    setProblems(found);
    if (found.length > 0) return;
    onAdd(url.trim(), label.trim());
    setUrl('');
    setLabel('');
    setOpen(false);
  };

  // Enter adds the link; it must not submit the Content Manager's form around the panel.
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  if (!open) {
    return (
      <Button variant="tertiary" size="S" startIcon={<LinkIcon />} disabled={disabled} onClick={() => setOpen(true)} fullWidth>
        {m('link.open')}
      </Button>
    );
  }

  const listError = errorOf('list');
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%" padding={3} background="neutral100" hasRadius tag="fieldset" borderWidth={0} margin={0}>
      <Typography tag="legend" variant="sigma" textColor="neutral600">
        {m('link.title')}
      </Typography>
      <Field.Root name="newsroom-link-url" error={errorOf('url')} required>
        <Field.Label>{m('link.url')}</Field.Label>
        <TextInput
          ref={urlInput}
          type="url"
          inputMode="url"
          placeholder="https://www.gov.kz/…"
          value={url}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setUrl(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <Field.Error />
      </Field.Root>
      <Field.Root name="newsroom-link-label" error={errorOf('label')} required>
        <Field.Label>{m('link.label')}</Field.Label>
        <TextInput
          placeholder={m('link.labelPlaceholder')}
          value={label}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setLabel(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <Field.Error />
      </Field.Root>
      {listError ? (
        <Typography variant="pi" textColor="danger600" role="alert">
          {listError}
        </Typography>
      ) : null}
      <Flex gap={2}>
        <Button size="S" startIcon={<Plus />} onClick={submit}>
          {m('link.add')}
        </Button>
        <Button
          size="S"
          variant="tertiary"
          onClick={() => {
            setOpen(false);
            setProblems([]);
          }}
        >
          {m('link.cancel')}
        </Button>
      </Flex>
    </Flex>
  );
};
