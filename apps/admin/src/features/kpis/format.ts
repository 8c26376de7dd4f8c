import type { KpiDefinition, KpiFigure, PeriodInfo } from '@gongfu/contract';
import {
  addMonths,
  formatYuan,
  type KpiDirection,
  type KpiUnit,
  type LocalizedText,
  type Month,
  monthParts,
  periodLabel,
  ratioBp,
} from '@gongfu/domain';
import type { TranslationKey } from '../../lib/translation-key';

/** 1 万元 = 1,000,000 fen: from this size on, amounts read better in 万元. */
const WAN_FEN = 1_000_000;

/** A figure ready for the screen: the number and its unit, apart (a card shows the unit smaller). */
export interface FormattedValue {
  text: string;
  unit: string;
}

type Translate = (key: TranslationKey) => string;

/** The text of a localized label from the API in the UI language. */
export function localized(text: LocalizedText, language: string): string {
  return language === 'en' ? text.en : text['zh-CN'];
}

/**
 * An earlier period as a running one is compared with it: its first `elapsed + 1` months (2026年7–8月, Jul–Aug 2026),
 * or the whole period's label when `elapsed` is null (the period is over). The months of a quarter, a year or a
 * year to date lie in one calendar year.
 */
export function comparedMonthsLabel(period: PeriodInfo, elapsed: number | null, language: string): string {
  if (elapsed === null) return localized(period.label, language);
  const from = period.from as Month;
  const to = addMonths(from, elapsed);
  const locale = language === 'en' ? 'en' : 'zh-CN';
  if (elapsed === 0) return periodLabel({ kind: 'month', from, to }, locale);
  const start = monthParts(from);
  const end = monthParts(to);
  if (locale === 'zh-CN') return `${start.year}年${start.month}–${end.month}月`;
  const short = (m: Month) => periodLabel({ kind: 'month', from: m, to: m }, 'en').split(' ')[0];
  return `${short(from)}–${short(to)} ${end.year}`;
}

function grouped(value: number, language: string, fractionDigits = 0): string {
  return value.toLocaleString(language === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

/** 元 or 万元: an amount's own, or one for a whole column (`fenScaleOf`), so that its rows compare at a glance. */
export type FenScale = 'yuan' | 'wan';

/** The scale of a column of amounts: 万元 when any of them is at least 1 万元, so that none reads in another unit. */
export function fenScaleOf(values: readonly (number | null)[]): FenScale {
  return values.some((v) => v !== null && Math.abs(v) >= WAN_FEN) ? 'wan' : 'yuan';
}

/**
 * Integer fen as 元 with two decimals (exact, on integers), or as 万元 with two decimals when the amount is
 * at least 1 万元 (rounded half away from zero to the 100 元) — or in the scale given. English has no 万: there the
 * larger amounts read in whole yuan ("109,234 yuan", rounded half away from zero to the yuan: no less exact than
 * the 万元 form), never "10.92 10k yuan"; charts keep 万元 on their axes, named "10k yuan" as a column header is.
 */
export function formatFen(fen: number, language: string, t: Translate, scale?: FenScale): FormattedValue {
  if ((scale ?? (Math.abs(fen) < WAN_FEN ? 'yuan' : 'wan')) === 'yuan') {
    return { text: formatYuan(fen, { grouping: true }), unit: t('kpi.unit.fen') };
  }
  if (language === 'en') {
    const yuan = Math.round(Math.abs(fen) / 100);
    return { text: `${fen < 0 && yuan > 0 ? '-' : ''}${grouped(yuan, language)}`, unit: t('kpi.unit.fen') };
  }
  const hundreds = Math.round(Math.abs(fen) / 10_000); // units of 0.01 万元, rounded half away from zero
  const cents = String(hundreds % 100).padStart(2, '0');
  // the sign apart: a column's scale brings amounts under 1 万元 here, whose whole part is 0 (-438 元: -0.04)
  const sign = fen < 0 && hundreds > 0 ? '-' : '';
  return {
    text: `${sign}${grouped(Math.trunc(hundreds / 100), language)}.${cents}`,
    unit: t('kpi.unit.wan'),
  };
}

/** A fraction (1 = 100 %) as a percentage with one decimal. */
export function formatRatio(value: number, language: string): string {
  return `${grouped(value * 100, language, 1)}%`;
}

/** A KPI value in the unit its definition names; `null` (0 ÷ 0) is the unknown sign. */
export function formatKpiValue(
  unit: KpiUnit,
  value: number | null,
  language: string,
  t: Translate,
  scale?: FenScale,
): FormattedValue {
  if (value === null) return { text: t('common.unknown'), unit: '' };
  switch (unit) {
    case 'fen':
      return formatFen(value, language, t, scale);
    case 'ratio':
      return { text: formatRatio(value, language), unit: '' };
    default:
      return { text: grouped(value, language), unit: t(`kpi.unit.${unit}`) };
  }
}

/** One string: "140.89 万元", "97.1%", "195 个". */
export function formatKpiText(
  unit: KpiUnit,
  value: number | null,
  language: string,
  t: Translate,
  scale?: FenScale,
): string {
  const { text, unit: unitText } = formatKpiValue(unit, value, language, t, scale);
  return unitText ? `${text} ${unitText}` : text;
}

/** A KPI value as a chart plots it: amounts in 万元, ratios in percent, counts as they are. */
export function chartValue(unit: KpiUnit, value: number | null): number | null {
  if (value === null) return null;
  if (unit === 'fen') return value / WAN_FEN;
  if (unit === 'ratio') return value * 100;
  return value;
}

/** The axis name of a chart of this unit. */
export function chartUnit(unit: KpiUnit, t: Translate): string {
  if (unit === 'fen') return t('kpi.unit.wan');
  if (unit === 'ratio') return '%';
  return t(`kpi.unit.${unit}`);
}

/**
 * Whether a KPI is summed from the approved monthly reports (revenue, profit, jobs…), so that a period whose reports
 * are not all approved reads low. Not the reporting rates, which count what was received, nor the fund and
 * community KPIs.
 */
export function isBuiltFromReports(definition: Pick<KpiDefinition, 'key' | 'level'>): boolean {
  return (
    definition.level === 'venture' && definition.key !== 'reporting_rate' && definition.key !== 'on_time_rate'
  );
}

export type ChangeTone = 'better' | 'worse' | 'neutral';

/**
 * A change against an earlier figure. Amounts and counts change by a percentage of the earlier value (none
 * without a positive base); ratios change by percentage points. Whether the change is good is the
 * definition's `direction`, never the sign alone.
 */
export interface KpiChange {
  /** up, down or flat; null when there is nothing to compare */
  trend: 'up' | 'down' | 'flat' | null;
  tone: ChangeTone;
  /** "12.3%" or "2.1" (percentage points): the size of the change, without a sign */
  amount: string;
  /** true when `amount` is in percentage points */
  points: boolean;
}

export function toneOf(direction: KpiDirection, trend: 'up' | 'down' | 'flat'): ChangeTone {
  if (trend === 'flat' || direction === 'neutral') return 'neutral';
  const up = trend === 'up';
  return up === (direction === 'higher_is_better') ? 'better' : 'worse';
}

export function changeOf(
  definition: Pick<KpiDefinition, 'unit' | 'direction'>,
  current: KpiFigure | null,
  earlier: KpiFigure | null,
  language: string,
): KpiChange {
  const none: KpiChange = { trend: null, tone: 'neutral', amount: '', points: false };
  if (current?.value == null || earlier?.value == null) return none;
  let delta: number;
  let amount: string;
  const points = definition.unit === 'ratio';
  if (points) {
    delta = Math.round((current.value - earlier.value) * 1000) / 10; // percentage points, one decimal
    amount = grouped(Math.abs(delta), language, 1);
  } else {
    // tenths of a percent of the earlier value, rounded once (exactly, on integers); none without a positive base
    const permille = ratioBp(current.value - earlier.value, earlier.value * 10);
    if (permille === null) return none;
    delta = permille;
    amount = `${grouped(Math.abs(permille) / 10, language, 1)}%`;
  }
  const trend = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  return { trend, tone: toneOf(definition.direction, trend), amount, points };
}
