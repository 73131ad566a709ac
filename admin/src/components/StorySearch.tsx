import * as React from 'react';
import { Box, Field, Flex, Loader, TextInput, Typography, VisuallyHidden } from '@strapi/design-system';
import { Search } from '@strapi/icons';
import { styled } from 'styled-components';

import type { StoryHit } from '../../../shared/contracts/admin';
import { useMessages } from '../hooks/useMessages';
import { useStorySearch } from '../hooks/useStorySearch';
import { formatStoryDate } from '../utils/dates';

interface Props {
  locale: string | undefined;
  exclude: string[];
  disabled: boolean;
  onAdd: (hit: StoryHit) => void;
}

const Option = styled(Box)<{ $active: boolean }>`
  cursor: pointer;
  list-style: none;
  background: ${({ theme, $active }) => ($active ? theme.colors.primary100 : theme.colors.neutral0)};

  &:hover {
    background: ${({ theme }) => theme.colors.primary100};
  }
`;

/** Search-as-you-type over story titles; a click or Enter on a hit adds it to the end of the list. */
export const StorySearch = ({ locale, exclude, disabled, onAdd }: Props) => {
  const m = useMessages();
  const [query, setQuery] = React.useState('');
  const [active, setActive] = React.useState(0);
  const input = React.useRef<HTMLInputElement>(null);
  const listId = React.useId();
  const { hits, timeZone, answered, loading, error, pending } = useStorySearch(disabled ? '' : query, locale, exclude);
  const open = query.trim() !== '' && !disabled;

  React.useEffect(() => setActive(0), [hits]);

  const add = (hit: StoryHit) => {
    onAdd(hit);
    setQuery('');
    input.current?.focus();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      // Enter inside the Content Manager's form would submit the story.
      event.preventDefault();
      // The highlighted hit is what the editor sees, even if a newer query is still on its way.
      const hit = hits[active];
      if (hit) add(hit);
    } else if (event.key === 'ArrowDown' && hits.length > 0) {
      event.preventDefault();
      setActive((index) => (index + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length > 0) {
      event.preventDefault();
      setActive((index) => (index - 1 + hits.length) % hits.length);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <Flex direction="column" alignItems="stretch" gap={1} width="100%">
      <Field.Root name="newsroom-related-search" hint={disabled ? undefined : m('search.hint')}>
        <Field.Label>{m('search.label')}</Field.Label>
        <TextInput
          ref={input}
          type="text"
          autoComplete="off"
          placeholder={m('search.placeholder')}
          value={query}
          disabled={disabled}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          startAction={<Search fill="neutral500" aria-hidden />}
          endAction={loading && open ? <Loader small>{m('search.loading')}</Loader> : undefined}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open && hits.length > 0}
          aria-controls={listId}
          aria-activedescendant={open && hits[active] ? optionId(active) : undefined}
        />
        <Field.Hint />
      </Field.Root>
      <VisuallyHidden aria-live="polite">{open && !pending && answered ? m('search.results', { count: hits.length }) : ''}</VisuallyHidden>
      {open ? (
        <Box tag="ul" id={listId} role="listbox" aria-label={m('search.label')} aria-busy={loading} margin={0} padding={0} borderColor="neutral200" borderStyle="solid" borderWidth="1px" hasRadius overflow="hidden">
          {error ? (
            <Box tag="li" padding={2} style={{ listStyle: 'none' }}>
              <Typography variant="pi" textColor="danger600">
                {m('search.error')}
              </Typography>
            </Box>
          ) : !pending && answered && hits.length === 0 ? (
            <Box tag="li" padding={2} style={{ listStyle: 'none' }}>
              <Typography variant="pi" textColor="neutral600">
                {m('search.none', { query: answered })}
              </Typography>
            </Box>
          ) : null}
          {hits.map((hit, index) => {
            const date = formatStoryDate(hit.publicationDate, hit.locale ?? locale, timeZone);
            const meta = [date, hit.correspondents.join(', ')].filter(Boolean).join(' · ');
            return (
              <Option
                key={hit.documentId}
                tag="li"
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                $active={index === active}
                padding={2}
                // Keeps focus in the input, so Enter and the arrows keep working after a click.
                onMouseDown={(event: React.MouseEvent) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => add(hit)}
              >
                <Typography variant="omega" fontWeight="semiBold" textColor="neutral800" display="block">
                  {hit.title}
                </Typography>
                {meta ? (
                  <Typography variant="pi" textColor="neutral600" display="block">
                    {meta}
                  </Typography>
                ) : null}
                {hit.status === 'draft' ? (
                  <Typography variant="pi" textColor="secondary600" display="block">
                    {m('status.draft')}
                  </Typography>
                ) : null}
              </Option>
            );
          })}
        </Box>
      ) : null}
    </Flex>
  );
};
