import * as React from 'react';
import { Box, Field, Flex, TextInput, Typography } from '@strapi/design-system';

import { ROLE_MAX } from '../../../shared/schemas/article-fields';
import { useBylines } from '../hooks/useBylines';
import { useMessages } from '../hooks/useMessages';
import { readRoles, withRole } from '../utils/bylines';

interface Props {
  name: string;
  value?: unknown;
  onChange: (name: string, value: unknown) => void;
  label?: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  disabled?: boolean;
  required?: boolean;
}

/**
 * The byline-roles custom field: one role per correspondent of the story, in byline order, beside
 * their name, with their own role as the placeholder. Stored as `{ [correspondent documentId]: role }`.
 */
const BylineRolesInput = React.forwardRef<HTMLDivElement, Props>(({ name, value, onChange, label, hint, error, disabled, required }, ref) => {
  const m = useMessages();
  const { bylines, loading } = useBylines();
  const roles = readRoles(value);

  return (
    <Field.Root name={name} hint={hint} error={error} required={required}>
      <Flex ref={ref} direction="column" alignItems="stretch" gap={2} data-newsroom-byline-roles>
        <Field.Label>{label ?? m('bylines.label')}</Field.Label>
        {!loading && bylines.length === 0 ? (
          <Typography variant="pi" textColor="neutral600">
            {m('bylines.empty')}
          </Typography>
        ) : (
          <Flex tag="ol" direction="column" alignItems="stretch" gap={2} aria-label={m('bylines.list')} margin={0} padding={0}>
            {bylines.map((person, index) => (
              <Flex tag="li" key={person.documentId} gap={3} alignItems="center" data-newsroom-byline={person.documentId}>
                <Box width="40%">
                  <Typography ellipsis>
                    {index + 1}. {person.name}
                  </Typography>
                </Box>
                <Box flex="1">
                  <TextInput
                    aria-label={m('bylines.roleOf', { name: person.name })}
                    placeholder={person.ownRole ?? m('bylines.noRole')}
                    value={roles[person.documentId] ?? ''}
                    maxLength={ROLE_MAX}
                    disabled={disabled}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(name, withRole(roles, bylines, person.documentId, event.target.value))}
                  />
                </Box>
              </Flex>
            ))}
          </Flex>
        )}
        <Field.Hint />
        <Field.Error />
      </Flex>
    </Field.Root>
  );
});

BylineRolesInput.displayName = 'BylineRolesInput';

export default BylineRolesInput;
