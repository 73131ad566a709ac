import { errors } from '@strapi/utils';

export type FieldPath = Array<string | number>;

/** Renders ['related', 2, 'url'] as "related[2].url", the way editors and API users read it. */
export const formatPath = (path: FieldPath): string =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');

/**
 * A 400 whose message names the field and the rule, with the same `details.errors` shape Strapi's
 * own yup validation produces, so the admin can put each message next to its field.
 */
export const fieldError = (path: FieldPath, rule: string) =>
  new errors.ValidationError(`${formatPath(path)} ${rule}`, {
    errors: [{ path: path.map(String), message: `${formatPath(path)} ${rule}`, name: 'ValidationError' }],
  });

/** Several refusals at once (a whole related list is checked before anything is written). */
export const fieldErrors = (problems: Array<{ path: FieldPath; rule: string }>) => {
  const [first] = problems;
  const list = problems.map(({ path, rule }) => ({
    path: path.map(String),
    message: `${formatPath(path)} ${rule}`,
    name: 'ValidationError',
  }));
  const summary = problems.length === 1 ? list[0].message : `${list[0].message} (and ${problems.length - 1} more)`;
  return new errors.ValidationError(first ? summary : 'Invalid input', { errors: list });
};
