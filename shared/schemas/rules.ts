/**
 * The building blocks of every route's schema: the patterns a request is checked against, written
 * once for the server and the admin panel. A rule's message names the rule; the field's path is
 * put in front of it where the schema is checked ("locale must be a locale code such as …").
 */
import { z } from 'zod';

/** A locale code as i18n stores it: "ru", "kk", "en-US". */
export const LOCALE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** A Strapi documentId: short, URL-safe. */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** C0 and C1 control characters: never in a label, a tag or a role. */
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
/** Lower-case Latin letters and digits in groups joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * An object with exactly these keys. An unknown key is refused with `unknown`, reported at that
 * key's path (see `keyOfIssue`); a value that is not an object at all with `notObject`.
 */
export const closed = <TShape extends z.ZodRawShape>(shape: TShape, rules: { unknown: string; notObject?: string }) =>
  z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return rules.unknown;
      if (issue.code === 'invalid_type' && rules.notObject) return rules.notObject;
      return undefined;
    },
  });

/** Query parameters of a route: anything else is refused, named. */
export const queryOf = <TShape extends z.ZodRawShape>(shape: TShape, notObject?: string) =>
  closed(shape, { unknown: `is not a query parameter of this route (allowed: ${Object.keys(shape).join(', ')})`, notObject });

/** Fields of a request body: anything else is refused, named. */
export const bodyOf = <TShape extends z.ZodRawShape>(shape: TShape, what: string, notObject: string) =>
  closed(shape, { unknown: `is not a field of ${what} (${Object.keys(shape).join(', ')})`, notObject });

/** The path an issue is about: an unknown key is reported at the key itself. */
export const keyOfIssue = (issue: z.core.$ZodIssue): PropertyKey[] =>
  issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...issue.path, issue.keys[0]] : [...issue.path];

/**
 * A value given either as a plain string or as an object (`filters[x]=v` or `filters[x][$eq]=v`):
 * the object is checked by `object`, whose refusals keep their own paths.
 */
export const stringOr = <TObject extends z.ZodType<string | undefined>>(object: TObject, rule: string) =>
  z.unknown().transform((value, ctx): string | undefined => {
    if (value === undefined || typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: rule });
      return z.NEVER;
    }
    const parsed = object.safeParse(value);
    if (parsed.success && parsed.data !== undefined) return parsed.data;
    if (parsed.success) ctx.addIssue({ code: 'custom', message: rule });
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: keyOfIssue(issue) });
    return z.NEVER;
  });

const ONCE = 'must be given once, as a string';
/** A query parameter given once (`?lang=ru&lang=kk` and `?lang[x]=ru` are refused). */
export const once = () => z.string({ error: ONCE });

/** One of `values`, given once: the request type says which values a client may send. */
export const oneOf = <const TValues extends readonly [string, ...string[]]>(values: TValues, rule: string) =>
  z.enum(values, { error: (issue) => (typeof issue.input === 'string' ? rule : ONCE) });

/** A whole number from `min` to `max` in a query string, or `fallback` when absent. */
export const queryInteger = (min: number, max: number, fallback: number) => {
  const rule = `must be an integer from ${min} to ${max}`;
  return z
    .union([z.string(), z.number()], { error: rule })
    .transform(String)
    .pipe(z.string().regex(/^\d{1,9}$/, { error: rule }))
    .transform(Number)
    .pipe(z.number().min(min, { error: rule }).max(max, { error: rule }))
    .optional()
    .transform((value) => value ?? fallback);
};

export const localeCode = () => once().regex(LOCALE_CODE, { error: 'must be a locale code such as "ru" or "kk"' });
export const documentId = (what = 'a story') => z.string({ error: `must be the documentId of ${what}` }).regex(DOCUMENT_ID, { error: `must be the documentId of ${what}` });
export const revision = (rule: string) => z.number({ error: rule }).int({ error: rule }).min(0, { error: rule });

/** Route parameters that name a story by documentId (admin routes). */
export const storyParams = z.object({ documentId: documentId() });

/** `?locale=` alone (admin routes of one story). */
export const localeQuery = queryOf({ locale: localeCode().optional() });
