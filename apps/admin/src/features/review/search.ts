import type { ReportListQuery } from '@gongfu/contract';
import { isMonth } from '@gongfu/domain';

export const REVIEW_TABS = ['submitted', 'returned', 'approved', 'missing'] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];
export type ReviewSort = NonNullable<ReportListQuery['sort']>;

/**
 * The contract's sorts, written out: search validation runs when the app starts, and a value import of
 * @gongfu/contract would pull zod and every schema into the entry chunk (the login page's budget). The `satisfies`
 * keeps the list to the contract's values; the test checks it holds all of them.
 */
export const REVIEW_SORTS = [
  'month',
  '-month',
  'submittedAt',
  '-submittedAt',
  'communityName',
  '-communityName',
  'ventureName',
  '-ventureName',
] as const satisfies readonly ReviewSort[];

/** The queue's state in the URL: a link opens the same tab, filters, page, sort and drawer. */
export interface ReviewSearch {
  tab?: ReviewTab;
  month?: string;
  communityId?: string;
  ventureId?: string;
  streetOfficeId?: string;
  page?: number;
  sort?: ReviewSort;
  /** the report open in the drawer */
  report?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = <T extends string>(values: readonly T[], raw: unknown): T | undefined =>
  typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
const uuid = (raw: unknown) => (typeof raw === 'string' && UUID.test(raw) ? raw : undefined);

/** Keeps the well-formed params and drops the rest (a pasted or stale link still opens). */
export function validateReviewSearch(search: Record<string, unknown>): ReviewSearch {
  const result: ReviewSearch = {};
  const tab = oneOf(REVIEW_TABS, search.tab);
  const sort = oneOf(REVIEW_SORTS, search.sort);
  const page = Number(search.page);
  if (tab) result.tab = tab;
  if (typeof search.month === 'string' && isMonth(search.month)) result.month = search.month;
  const communityId = uuid(search.communityId);
  if (communityId) result.communityId = communityId;
  const ventureId = uuid(search.ventureId);
  if (ventureId) result.ventureId = ventureId;
  const streetOfficeId = uuid(search.streetOfficeId);
  if (streetOfficeId) result.streetOfficeId = streetOfficeId;
  if (Number.isInteger(page) && page > 1 && page <= 100_000) result.page = page;
  if (sort) result.sort = sort;
  const report = uuid(search.report);
  if (report) result.report = report;
  return result;
}
