import type { z } from 'zod';

import { keyOfIssue } from '../../../shared/schemas/rules';
import { fieldErrors, type FieldPath } from './errors';

export interface ValidateOptions {
  /** Put before every path: `['related']` turns `[2, 'url']` into `related[2].url`. */
  at?: FieldPath;
  /** The name of the whole input, for refusals of the input itself (`body must be an object …`). */
  root?: string;
}

/** A record key that broke its rule nests that rule one level down. */
const messageOf = (issue: z.core.$ZodIssue): string =>
  issue.code === 'invalid_key' && issue.issues.length > 0 ? issue.issues[0].message : issue.message;

/**
 * Checks `input` against one of the shared schemas and returns what it parsed to, or throws
 * Strapi's ValidationError (a 400) listing every refusal with its path, the shape the admin panel
 * and API clients read (`details.errors[{ path, message }]`). Unknown keys are named first.
 */
export const validate = <TSchema extends z.ZodType>(schema: TSchema, input: unknown, options: ValidateOptions = {}): z.output<TSchema> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems = [...result.error.issues]
    .sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'))
    .map((issue) => {
      const own = keyOfIssue(issue).filter((part): part is string | number => typeof part !== 'symbol');
      const path: FieldPath = [...(options.at ?? []), ...own];
      return { path: path.length === 0 && options.root ? [options.root] : path, rule: messageOf(issue) };
    })
    .filter(({ path, rule }) => {
      const key = `${path.join('\u0000')}\u0001${rule}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
  throw fieldErrors(problems);
};
