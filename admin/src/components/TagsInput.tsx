import * as React from 'react';
import { Combobox, ComboboxOption, Field, Flex, Tag } from '@strapi/design-system';
import { Cross } from '@strapi/icons';
import { useField } from '@strapi/strapi/admin';

import { TAG_MAX, tagKey } from '../../../shared/schemas/article-fields';
import { useContentLocale } from '../hooks/useContentLocale';
import { useMessages } from '../hooks/useMessages';
import { useTagSearch } from '../hooks/useTagSearch';
import { addTag, readFormTags, removeTag, type FormTag } from '../utils/tags';

/** What the Content Manager hands a custom field's input (the rest of its props are not used here). */
interface Props {
  name: string;
  label?: React.ReactNode;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
}

/**
 * A story's tags in one field: type a few letters, pick a catalogue tag (any case, ё = е) or create a
 * new one, remove one with a click on its chip. The form holds `[{ name, slug }]`; the server turns
 * new names into catalogue tags on save.
 */
const TagsInput = ({ name, label, hint, required, disabled }: Props) => {
  const m = useMessages();
  const field = useField<unknown>(name);
  const locale = useContentLocale();
  const [text, setText] = React.useState('');
  const tags = readFormTags(field.value);
  const { tags: found, loading } = useTagSearch(disabled ? '' : text, locale);
  const chosen = new Set(tags.map((tag) => tagKey(tag.name)));
  const options = found.filter((tag) => !chosen.has(tagKey(tag.name)));

  const change = (next: FormTag[]) => {
    field.onChange(name, next);
    setText('');
  };
  // Choosing an option makes the combobox show its text after our change; once the list changed, the box is empty again.
  const listKey = tags.map((tag) => tagKey(tag.name)).join('\u0000');
  React.useEffect(() => setText(''), [listKey]);

  return (
    <Field.Root name={name} error={field.error} hint={hint ?? m('tags.hint')} required={required}>
      <Field.Label>{label ?? m('tags.label')}</Field.Label>
      <Flex direction="column" alignItems="stretch" gap={2}>
        {tags.length > 0 ? (
          <Flex tag="ul" wrap="wrap" gap={2} aria-label={m('tags.chosen')}>
            {tags.map((tag) => (
              <li key={tagKey(tag.name)}>
                <Tag icon={<Cross />} label={m('tags.remove', { name: tag.name })} disabled={disabled} onClick={() => change(removeTag(tags, tag.name))}>
                  {tag.name}
                </Tag>
              </li>
            ))}
          </Flex>
        ) : null}
        <Combobox
          aria-label={m('tags.search')}
          placeholder={m('tags.placeholder')}
          autocomplete="none"
          creatable
          disabled={disabled}
          loading={loading}
          loadingMessage={m('tags.loading')}
          noOptionsMessage={() => m('tags.none')}
          createMessage={(value: string) => m('tags.create', { name: value.trim() })}
          textValue={text}
          onTextValueChange={(value: string) => setText(value.slice(0, TAG_MAX))}
          value=""
          onChange={(slug?: string) => {
            const tag = options.find((option) => option.slug === slug);
            if (tag) change(addTag(tags, tag.name, [tag]));
          }}
          onCreateOption={(value?: string) => {
            if (value && value.trim() !== '') change(addTag(tags, value, found));
          }}
          onKeyDown={(event: React.KeyboardEvent<HTMLInputElement>) => {
            // Enter inside the Content Manager's form would submit the story.
            if (event.key === 'Enter') event.preventDefault();
          }}
        >
          {options.map((tag) => (
            <ComboboxOption key={tag.slug} value={tag.slug}>
              {tag.name}
            </ComboboxOption>
          ))}
        </Combobox>
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export default TagsInput;
