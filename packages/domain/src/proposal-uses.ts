import type { Labels } from './enums';
import type { FundKind } from './funds';
import { compareDates, compareMonths, isLocalDate, type LocalDate, type Month, monthOfDate } from './periods';
import type { ProposalStatus } from './proposal-workflow';
import { err, ok, type Result } from './result';

/**
 * What a resident proposal pays for (用途类别): a closed list, so that a district can read "how much of
 * the funds went to the elderly" across communities, whatever each proposal's wording. The categories
 * follow what the source page's communities spend on (the reading room, Lao Wang's service station, the
 * elderly canteen, elder rehab, the childcare space, the pocket park rebuilt as a square, renovation) and
 * the usual headings of a community's public-welfare spending. ADR 0014.
 */
export const PROPOSAL_USE_CATEGORY_LABELS = {
  elderly_care: { 'zh-CN': '为老服务', en: 'Elderly care' },
  child_care: { 'zh-CN': '托育与儿童服务', en: 'Childcare and children' },
  hardship_relief: { 'zh-CN': '困难帮扶', en: 'Hardship relief' },
  culture_sports: { 'zh-CN': '文体活动', en: 'Culture and sports' },
  environment: { 'zh-CN': '环境整治', en: 'Environment' },
  public_facilities: { 'zh-CN': '公共设施', en: 'Public facilities' },
  convenience_services: { 'zh-CN': '便民服务', en: 'Convenience services' },
  governance: { 'zh-CN': '社区治理', en: 'Community governance' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Labels<string>;
export type ProposalUseCategory = keyof typeof PROPOSAL_USE_CATEGORY_LABELS;
export const PROPOSAL_USE_CATEGORIES = Object.keys(PROPOSAL_USE_CATEGORY_LABELS) as unknown as readonly [
  ProposalUseCategory,
  ...ProposalUseCategory[],
];
export function isProposalUseCategory(value: string): value is ProposalUseCategory {
  return (PROPOSAL_USE_CATEGORIES as readonly string[]).includes(value);
}

/**
 * The categories a fund kind may not pay for. One rule, from what the money is: the charity
 * common-prosperity fund (慈善共富基金) holds enterprises' donations given for public-welfare projects,
 * and donated money is spent on the charitable purpose it was given for (慈善法: charitable assets are
 * used for charitable purposes, per the donation) — not on running the community's own governance
 * (the residents' committee's work is what the governance special fund, fed by the community's own
 * profit, is for), and not on a purpose the proposal does not name ("other"). The governance fund, the
 * reserve and other funds pay for any category the residents decide.
 */
export const BANNED_USE_CATEGORIES: { readonly [K in FundKind]: readonly ProposalUseCategory[] } = {
  governance_special: [],
  charity_common_prosperity: ['governance', 'other'],
  reserve: [],
  other: [],
};

export function allowedUseCategories(fundKind: FundKind): ProposalUseCategory[] {
  const banned = BANNED_USE_CATEGORIES[fundKind];
  return PROPOSAL_USE_CATEGORIES.filter((c) => !banned.includes(c));
}

/** A proposal's use category against the fund it would be paid from. */
export function checkUseCategory(fundKind: FundKind, useCategory: string): Result<ProposalUseCategory> {
  if (!isProposalUseCategory(useCategory)) {
    return err('proposal.unknown_use_category', { useCategory });
  }
  if (BANNED_USE_CATEGORIES[fundKind].includes(useCategory)) {
    return err('proposal.use_category_banned', { fundKind, useCategory });
  }
  return ok(useCategory);
}

/**
 * The payout date (拨付日期): the day the money left the fund, as the community enters it — not the
 * moment the row was booked, which may be days later. It cannot be after today (the business clock's
 * day), and the money cannot be booked into a month before it left (`bookingMonth` ≥ its month).
 * A payout date on or before the disclosure's last day is accepted: it records money that left before
 * the residents had their full disclosure period, a fact the books must hold and deliberation coverage
 * then counts as not backed.
 */
export function checkPayoutDate(args: {
  paidOn: string;
  today: LocalDate;
  bookingMonth: Month;
}): Result<LocalDate> {
  const { paidOn, today, bookingMonth } = args;
  if (!isLocalDate(paidOn)) return err('period.invalid_date', { value: paidOn });
  if (compareDates(paidOn, today) > 0) return err('proposal.payout_date_in_future', { paidOn, today });
  if (compareMonths(monthOfDate(paidOn), bookingMonth) > 0) {
    return err('proposal.payout_after_booking_month', { paidOn, month: bookingMonth });
  }
  return ok(paidOn);
}

/**
 * Deliberation coverage's test of one outflow: backed when its proposal was approved by the residents
 * and disclosed (status disclosed, paid out or closed) and the disclosure's last day is before the
 * payout date — the day the money left, not the day it was booked. A payout naming no proposal is
 * never backed. A reversal of a payout is judged with the payout it reverses.
 */
export function isBackedPayout(args: {
  proposalStatus: ProposalStatus | string | null;
  disclosureEndsOn: LocalDate | string | null;
  paidOn: LocalDate | string;
}): boolean {
  const { proposalStatus, disclosureEndsOn, paidOn } = args;
  if (proposalStatus === null || !['disclosed', 'paid_out', 'closed'].includes(proposalStatus)) return false;
  return disclosureEndsOn !== null && disclosureEndsOn < paidOn;
}
