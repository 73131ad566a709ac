/** Parameters of the suggestion routes (admin, under /newsroom); bounds that come from the plugin's config are arguments. */
import { z } from 'zod';

import { CONTROL_CHARS, bodyOf, documentId, localeCode, queryInteger, queryOf, revision } from './rules';

/** `GET …/articles/:documentId/suggestions`: at most `stored` (config `suggestions.stored`). */
export const suggestionsQuery = (stored: number) => queryOf({ locale: localeCode().optional(), limit: queryInteger(1, stored, Math.min(10, stored)) });

/** `GET …/suggestions/backfill`: a page of stories and up to `maxRelated` proposals each (default `proposal`). */
export const backfillQuery = ({ maxRelated, proposal }: { maxRelated: number; proposal: number }) =>
  queryOf({
    locale: localeCode().optional(),
    page: queryInteger(1, 100000, 1),
    pageSize: queryInteger(1, 50, 10),
    limit: queryInteger(1, maxRelated, proposal),
  });

/** `POST …/articles/:documentId/suggestions/accept`: the revision the editor saw, and the stories to save (default: the proposal). */
export const acceptBody = (maxRelated: number) =>
  bodyOf(
    {
      revision: revision('is required: the revision of the related list the editor saw (a non-negative integer)'),
      targets: z
        .array(documentId(), { error: 'must be a non-empty list of story documentIds' })
        .min(1, { error: 'must be a non-empty list of story documentIds', abort: true })
        .max(maxRelated, { error: `must have at most ${maxRelated} entries (maxRelated)`, abort: true })
        .check((ctx) => {
          ctx.value.forEach((target, index) => {
            if (ctx.value.indexOf(target) !== index) ctx.issues.push({ code: 'custom', input: target, path: [index], message: 'must not repeat a story' });
          });
        })
        .optional(),
      publish: z.boolean({ error: 'must be true or false' }).optional(),
    },
    'an accept',
    'must be an object { revision, targets?, publish? }'
  );

export const acceptQuery = queryOf({ locale: localeCode().optional() });

/** `POST …/articles/:documentId/suggestions/dismissals`: the story an editor marks "not related", and why (kept). */
export const dismissBody = bodyOf(
  {
    target: documentId('the suggested story'),
    reason: z
      .string({ error: 'must be a text of at most 500 characters' })
      .trim()
      .max(500, { error: 'must be a text of at most 500 characters' })
      .refine((value) => !CONTROL_CHARS.test(value), { error: 'must not contain control characters' })
      .nullable()
      .optional(),
  },
  'a dismissal',
  'must be an object { target, reason? }'
);

/** `DELETE …/articles/:documentId/suggestions/dismissals/:target`: undoes a dismissal. */
export const dismissalParams = z.object({ documentId: documentId(), target: documentId('the dismissed story') });
