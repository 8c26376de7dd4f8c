import type { Labels } from './enums';
import type { Locale, LocalizedText } from './labels';
import { formatYuan } from './money';
import { REPORT_FIGURE_DEFINITIONS } from './report-figure-definitions';
import { REPORT_FIGURE_FIELDS, type ReportFigures } from './report-figures';

/**
 * Plausibility checks of a monthly report (DHIS2's outlier rules, with a required explanation). A flag is not an
 * error: the figure may be true (a festival month, a new stall), so the reporter explains it and the reviewer reads
 * the explanation. The same function runs in the form while typing and in the API on submit, which refuses a
 * flagged figure without an explanation.
 *
 * - `outlier`: the figure is more than 3 median absolute deviations from the median of the venture's approved
 *   figures of the last 12 months (needs at least MIN_OUTLIER_HISTORY of them). The deviation never counts as less
 *   than 5 % of the median or one unit, so a venture with perfectly steady history is not flagged for ¥1.
 * - `jobs_change`: stable jobs changed by more than half against the previous month's approved report.
 * - `cost_missing`: revenue without any operating cost: the whole revenue would count as profit (the "profit
 *   above revenue" family of errors; with costs never negative, profit can only reach revenue this way).
 * - `remittance_above_due`: more remittance received than was due this month.
 */
export const PLAUSIBILITY_RULE_LABELS = {
  // direction-neutral: a legend for any figure (the template's), which may lie below the range as well as above it
  // (超出 read as "above" next to a low value); a flag itself reads with its value and range (plausibilityFlagText)
  outlier: { 'zh-CN': '不在常见范围内', en: 'Outside the usual range' },
  jobs_change: { 'zh-CN': '稳定就业人数变动超过一半', en: 'Stable jobs changed by more than half' },
  cost_missing: { 'zh-CN': '有营收但无运营成本', en: 'Revenue without any operating cost' },
  remittance_above_due: { 'zh-CN': '实收上缴高于应缴', en: 'Remittance received above the amount due' },
} as const satisfies Labels<string>;
export type PlausibilityRule = keyof typeof PLAUSIBILITY_RULE_LABELS;
export const PLAUSIBILITY_RULES = Object.keys(PLAUSIBILITY_RULE_LABELS) as unknown as readonly [
  PlausibilityRule,
  ...PlausibilityRule[],
];

export type ReportFigureField = keyof ReportFigures;

export interface PlausibilityFlag {
  readonly field: ReportFigureField;
  readonly rule: PlausibilityRule;
  readonly value: number;
  /** The range the rule expected, where it has one. */
  readonly expectedLow: number | null;
  readonly expectedHigh: number | null;
  /** What the value was compared with: the history's median, the previous month, or the revenue. */
  readonly reference: number | null;
}

/** How many approved months of history the outlier rule needs before it judges a figure. */
export const MIN_OUTLIER_HISTORY = 6;
/** Deviations from the median beyond which a figure is an outlier. */
export const OUTLIER_MADS = 3;
/** The floor of the deviation, as a share of the median (basis points). */
const MIN_SPREAD_BP = 500;
/** Stable jobs may change by at most half (basis points) from one month to the next without a flag. */
export const MAX_JOBS_CHANGE_BP = 5000;

const isMoney = (field: ReportFigureField) => field.endsWith('Fen');

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((value) => Math.abs(value - m)));
}

/**
 * Every plausibility flag of `figures`, given the venture's approved figures of the 12 months before the report's
 * month, oldest first, `null` where a month has no approved report (the last element is the previous month).
 */
export function checkPlausibility(
  figures: ReportFigures,
  history: readonly (ReportFigures | null)[],
): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  const known = history.filter((month): month is ReportFigures => month !== null);

  if (known.length >= MIN_OUTLIER_HISTORY) {
    for (const field of REPORT_FIGURE_FIELDS) {
      const values = known.map((month) => month[field]);
      const m = median(values);
      const unit = isMoney(field) ? 100 : 1;
      const spread = Math.max(medianAbsoluteDeviation(values), (Math.abs(m) * MIN_SPREAD_BP) / 10_000, unit);
      const low = Math.max(0, m - OUTLIER_MADS * spread);
      const high = m + OUTLIER_MADS * spread;
      const value = figures[field];
      if (value < low || value > high) {
        flags.push({ field, rule: 'outlier', value, expectedLow: low, expectedHigh: high, reference: m });
      }
    }
  }

  const previous = history.at(-1) ?? null;
  if (previous !== null && previous.stableJobs > 0) {
    const change = Math.abs(figures.stableJobs - previous.stableJobs);
    if (change * 10_000 > previous.stableJobs * MAX_JOBS_CHANGE_BP) {
      const allowed = (previous.stableJobs * MAX_JOBS_CHANGE_BP) / 10_000;
      flags.push({
        field: 'stableJobs',
        rule: 'jobs_change',
        value: figures.stableJobs,
        expectedLow: Math.max(0, previous.stableJobs - allowed),
        expectedHigh: previous.stableJobs + allowed,
        reference: previous.stableJobs,
      });
    }
  }

  if (figures.revenueFen > 0 && figures.operatingCostFen === 0) {
    flags.push({
      field: 'operatingCostFen',
      rule: 'cost_missing',
      value: 0,
      expectedLow: null,
      expectedHigh: null,
      reference: figures.revenueFen,
    });
  }

  if (figures.remittanceReceivedFen > figures.remittanceDueFen) {
    flags.push({
      field: 'remittanceReceivedFen',
      rule: 'remittance_above_due',
      value: figures.remittanceReceivedFen,
      expectedLow: 0,
      expectedHigh: figures.remittanceDueFen,
      reference: figures.remittanceDueFen,
    });
  }
  return flags;
}

/** Which side of a flag's expected range its value lies: where a message says 低于 / 高于 (below / above). */
export type FlagDirection = 'below' | 'above';

/**
 * The side of its expected range a flag's value lies on, or `null` where the rule has no range or the value is
 * inside it. Derived rather than stored: flags saved before this existed carry only the value and the range.
 */
export function flagDirection(
  flag: Pick<PlausibilityFlag, 'value' | 'expectedLow' | 'expectedHigh'>,
): FlagDirection | null {
  if (flag.expectedLow !== null && flag.value < flag.expectedLow) return 'below';
  if (flag.expectedHigh !== null && flag.value > flag.expectedHigh) return 'above';
  return null;
}

/** The fields that carry a flag, each once, in the form's order. */
export function flaggedFields(flags: readonly PlausibilityFlag[]): ReportFigureField[] {
  const flagged = new Set(flags.map((flag) => flag.field));
  return REPORT_FIGURE_FIELDS.filter((field) => flagged.has(field));
}

/** The flagged fields without a (non-blank) explanation: what stops a submit. */
export function unexplainedFields(
  flags: readonly PlausibilityFlag[],
  explanations: Readonly<Partial<Record<ReportFigureField, string>>>,
): ReportFigureField[] {
  return flaggedFields(flags).filter((field) => !explanations[field]?.trim());
}

/**
 * A flag's rule in words with what the figure was compared with, `{low}`, `{high}` and `{reference}` as the figure
 * reads. An outlier's wording goes by the side of the range its value lies on; the plain one is for a value inside it,
 * which the rule does not make.
 */
const FLAG_WORDING = {
  outlier: {
    'zh-CN': '不在该项目近 12 个月的常见范围内（{low} – {high}）',
    en: 'Outside this venture’s usual range of the last 12 months ({low} – {high})',
  },
  outlier_below: {
    'zh-CN': '低于该项目近 12 个月的常见范围（{low} – {high}）',
    en: 'Below this venture’s usual range of the last 12 months ({low} – {high})',
  },
  outlier_above: {
    'zh-CN': '高于该项目近 12 个月的常见范围（{low} – {high}）',
    en: 'Above this venture’s usual range of the last 12 months ({low} – {high})',
  },
  jobs_change: {
    'zh-CN': '稳定就业岗位较上月（{reference}）变动超过一半',
    en: 'Stable jobs changed by more than half from last month ({reference})',
  },
  cost_missing: {
    'zh-CN': '有营业收入但运营成本为 0，全部收入将计为利润',
    en: 'Revenue with zero operating cost: all revenue would count as profit',
  },
  remittance_above_due: {
    'zh-CN': '实际上缴高于应上缴（{reference}）',
    en: 'More received than due ({reference})',
  },
} as const satisfies Record<string, LocalizedText>;

/** A figure's value as a person reads it: money in 元 / yuan with two decimals and grouping, counts grouped. */
export function reportFigureText(field: ReportFigureField, value: number, locale: Locale): string {
  // a range's bounds come from medians and deviations: fractions of a fen or of a person
  const whole = Math.round(value);
  const definition = REPORT_FIGURE_DEFINITIONS[field];
  if (definition.kind === 'money')
    return `${formatYuan(whole, { grouping: true })} ${definition.unit[locale]}`;
  return `${whole < 0 ? '-' : ''}${String(Math.abs(whole)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** What a flag says of its figure: the rule, the range or the figure compared with, and an outlier's side of it. */
export function plausibilityRuleText(flag: PlausibilityFlag, locale: Locale): string {
  const direction = flag.rule === 'outlier' ? flagDirection(flag) : null;
  const key: keyof typeof FLAG_WORDING =
    direction === 'below' ? 'outlier_below' : direction === 'above' ? 'outlier_above' : flag.rule;
  const wording: string = FLAG_WORDING[key][locale];
  const figure = (value: number | null) =>
    value === null ? '' : reportFigureText(flag.field, value, locale);
  const params: Record<string, string> = {
    low: figure(flag.expectedLow),
    high: figure(flag.expectedHigh),
    reference: figure(flag.reference),
  };
  return wording.replace(/\{(\w+)\}/g, (_: string, name: string) => params[name] ?? '');
}

/**
 * A flag whole, where nothing around it names the figure (the Excel import's check): the figure, its value and what
 * the rule says — 运营成本：41,234.56 元 — 低于该项目近 12 个月的常见范围（49,475.10 元 – 66,936.90 元）.
 */
export function plausibilityFlagText(flag: PlausibilityFlag, locale: Locale): string {
  const label = REPORT_FIGURE_DEFINITIONS[flag.field].label[locale];
  const colon = locale === 'en' ? ': ' : '：';
  return `${label}${colon}${reportFigureText(flag.field, flag.value, locale)} — ${plausibilityRuleText(flag, locale)}`;
}
