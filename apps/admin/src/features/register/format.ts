import {
  type AgreementTerms,
  addDays,
  daysBetween,
  formatBasisPoints,
  type LocalDate,
  shanghaiDateOf,
} from '@gongfu/domain';

/** 5100 bp → "51.00%". */
export function shareText(bp: number): string {
  return formatBasisPoints(bp);
}

/**
 * Whether an agreement's terms include the part: a fixed fee has no operator's share, a profit split no fee. The
 * columns are numbers (0 where the part is absent), so the terms tell an absent part from an agreed 0.
 */
export function agreementHas(terms: AgreementTerms, part: 'share' | 'fee'): boolean {
  return part === 'share' ? terms !== 'fixed_fee' : terms !== 'profit_split';
}

/**
 * A part of the agreement to show as not applicable: absent from its terms and 0. A figure recorded against the
 * terms (a fee on a profit split) is still shown, so that nothing stored is hidden.
 */
export function notApplicable(agreement: { terms: AgreementTerms }, part: 'share' | 'fee', value: number) {
  return value === 0 && !agreementHas(agreement.terms, part);
}

/** m² with up to two decimals and grouping: 1,250.5 → "1,250.5". */
export function areaText(area: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(
    area,
  );
}

export type ExpiryState =
  | { kind: 'ended' }
  | { kind: 'expiring'; days: number }
  | { kind: 'running' }
  | { kind: 'not_started' };

/**
 * Where an agreement stands today (Asia/Shanghai): ended, ending within `withinDays` (the domain's 90-day
 * contract-expiring warning; the API's ?expiringWithinDays uses the same window), running or not started.
 */
export function expiryOf(
  agreement: { startsOn: string; endsOn: string },
  withinDays: number,
  today: LocalDate = shanghaiDateOf(new Date()),
): ExpiryState {
  const endsOn = agreement.endsOn as LocalDate;
  if (endsOn < today) return { kind: 'ended' };
  if (endsOn <= addDays(today, withinDays)) return { kind: 'expiring', days: daysBetween(today, endsOn) };
  if (agreement.startsOn > today) return { kind: 'not_started' };
  return { kind: 'running' };
}
