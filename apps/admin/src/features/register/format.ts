import { addDays, daysBetween, formatBasisPoints, type LocalDate, shanghaiDateOf } from '@gongfu/domain';

/** 5100 bp → "51.00%". */
export function shareText(bp: number): string {
  return formatBasisPoints(bp);
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
