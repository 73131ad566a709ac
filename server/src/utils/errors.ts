import { createRequire } from 'node:module';
import path from 'node:path';
import { errors as bundledErrors } from '@strapi/utils';

type StrapiErrors = typeof bundledErrors;
let coreErrors: StrapiErrors | undefined;

/**
 * The error classes of the @strapi/utils copy that @strapi/core checks with `instanceof`. npm may
 * install a second copy for the plugin (seen: the app's core on 5.54.0 nested, 5.55.0 hoisted), and
 * an error of the wrong copy becomes a 500. Resolved from the app through @strapi/strapi and @strapi/core.
 */
export const strapiErrors = (): StrapiErrors => {
  if (coreErrors) return coreErrors;
  try {
    const root = (globalThis as { strapi?: { dirs?: { app?: { root?: string } } } }).strapi?.dirs?.app?.root;
    if (!root) return bundledErrors;
    const strapiPackage = createRequire(path.join(root, 'package.json')).resolve('@strapi/strapi/package.json');
    const corePackage = createRequire(strapiPackage).resolve('@strapi/core/package.json');
    coreErrors = (createRequire(corePackage)('@strapi/utils') as { errors: StrapiErrors }).errors;
  } catch {
    coreErrors = bundledErrors;
  }
  return coreErrors;
};

/** A 404 in Strapi's error format. */
export const notFound = (message: string) => new (strapiErrors().NotFoundError)(message);

export type FieldPath = Array<string | number>;

/** Renders ['related', 2, 'url'] as "related[2].url", the way editors and API users read it. */
export const formatPath = (path: FieldPath): string =>
  path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');

/**
 * A 400 whose message names the field and the rule, with the same `details.errors` shape Strapi's
 * own yup validation produces, so the admin can put each message next to its field.
 */
export const fieldError = (path: FieldPath, rule: string) =>
  new (strapiErrors().ValidationError)(`${formatPath(path)} ${rule}`, {
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
  return new (strapiErrors().ValidationError)(first ? summary : 'Invalid input', { errors: list });
};

/**
 * Someone else changed what a request was based on (a newer related list, unpublished edits);
 * nothing was written. Admin routes answer it as a 409 with `details.code` (middlewares/conflicts.ts).
 */
export class ConflictError<TDetails extends { code: string }> extends Error {
  readonly details: TDetails;

  constructor(message: string, details: TDetails) {
    super(message);
    this.name = 'ConflictError';
    this.details = details;
  }
}
