/** Parameters of the related-click numbers (admin routes under /newsroom): the panel's CTR column and the homepage widget. */
import { localeCode, queryInteger, queryOf } from './rules';

/** Below this many story views a click-through rate is not given (null): a percentage of tiny counts misleads. */
export const DEFAULT_MIN_VIEWS = 100;

/** Clicks per story view; no rate (null) below `minViews` views, where a percentage would be noise. */
export const clickRate = (clicks: number, views: number, minViews: number) => ({ clicks, ctr: views > 0 && views >= minViews ? clicks / views : null });

export const clickStatsQuery = queryOf({
  locale: localeCode().optional(),
  minViews: queryInteger(0, 1_000_000_000, DEFAULT_MIN_VIEWS),
});
