/** Parameters of the panel's search and the homepage widget (admin routes under /newsroom). */
import { z } from 'zod';

import { DOCUMENT_ID, localeCode, once, queryInteger, queryOf } from './rules';

export const SEARCH_TEXT_MAX = 200;
const SEARCH_RULE = `must be a search text of 1 to ${SEARCH_TEXT_MAX} characters`;
const EXCLUDE_RULE = 'must be a comma-separated list of documentIds';

export const searchQuery = queryOf({
  q: z.string({ error: SEARCH_RULE }).max(SEARCH_TEXT_MAX, { error: SEARCH_RULE }).refine((text) => text.trim().length > 0, { error: SEARCH_RULE }),
  locale: localeCode().optional(),
  /** The story itself and what its list holds already. */
  exclude: once()
    .max(2000, { error: EXCLUDE_RULE })
    .refine((text) => text === '' || text.split(',').every((id) => DOCUMENT_ID.test(id)), { error: EXCLUDE_RULE })
    .optional()
    .transform((text) => (text ? text.split(',') : [])),
  limit: queryInteger(1, 50, 10),
});

export const dashboardQuery = queryOf({ locale: localeCode().optional() });

/** The tags input's search: tags of a locale whose name contains `q` (case-insensitive, ё = е). */
export const tagSearchQuery = queryOf({
  q: z.string({ error: SEARCH_RULE }).max(SEARCH_TEXT_MAX, { error: SEARCH_RULE }).refine((text) => text.trim().length > 0, { error: SEARCH_RULE }),
  locale: localeCode().optional(),
  limit: queryInteger(1, 50, 10),
});
