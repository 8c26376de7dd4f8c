import type { KpiSeries } from '@gongfu/contract';
import { Grid, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption, LineSeriesOption } from '../../../lib/echarts';
import { targetValue } from '../components/target-progress';
import { chartUnit, chartValue, formatKpiText, isBuiltFromReports, localized } from '../format';

/** `value` rounded up to two significant digits (262.5 → 270): a round end for the axis. */
function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.ceil(value / step) * step;
}

/**
 * A dotted upright line at the first month still in review, labelled (审核未完, with an arrow when later months are
 * too): only for a KPI summed from approved reports, whose fall into those months reads as a downturn. A mark line,
 * not a shaded area: the chart bundle registers no mark-area component, and the line says as much. Null: none.
 */
export function reviewMark(
  series: Pick<KpiSeries, 'kpi' | 'months'>,
  pendingMonths: { has(month: string): boolean } | undefined,
  text: string,
) {
  if (!pendingMonths || !isBuiltFromReports(series.kpi)) return null;
  const first = series.months.findIndex((m) => pendingMonths.has(m));
  if (first < 0) return null;
  return {
    xAxis: series.months[first] as string,
    lineStyle: { type: 'dotted' as const, color: '#8c8c8c', width: 1 },
    label: {
      formatter: first < series.months.length - 1 ? `${text} →` : text,
      position: 'end' as const,
      color: '#8c8c8c',
      // in the right half the text ends at the line instead of centring on it: at the last month half of it was
      // cut off by the chart's edge
      ...(first >= series.months.length / 2 ? { align: 'right' as const } : {}),
    },
  };
}

/** A month in review's approved and due reports. */
export interface MonthInReview {
  approved: number;
  expected: number;
}

/** A point of a line: its value, or the value without a symbol (a dashed stretch's end on a final month). */
type LinePoint = number | null | { value: number | null; symbol: 'none' };

/**
 * A line's values split where months are in review: the solid line keeps the final months only (a stretch between
 * two final months is drawn solid), and each dashed line draws the stretches into and out of a run of months in
 * review, from the final month before it to the final month after it (those two without a symbol: the solid line
 * has them). Runs two final months apart go to different dashed lines, else the stretch between those two final
 * months would be drawn dashed too; so there are at most two.
 */
export function splitInReview(
  values: readonly (number | null)[],
  inReview: (index: number) => boolean,
): { solid: (number | null)[]; dashed: LinePoint[][] } {
  const solid = values.map((v, i) => (inReview(i) ? null : v));
  const runs: Array<[number, number]> = [];
  values.forEach((_, i) => {
    if (!inReview(i)) return;
    const last = runs.at(-1);
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  const lines: { points: LinePoint[]; end: number }[] = [];
  for (const [from, to] of runs) {
    // a line whose last run ended two final months before this one would join them with a dashed stretch
    let line = lines.find((l) => from - l.end - 1 !== 2);
    if (!line) {
      line = { points: values.map(() => null), end: -Infinity };
      lines.push(line);
    }
    for (let i = Math.max(0, from - 1); i <= Math.min(values.length - 1, to + 1); i++) {
      const v = values[i] ?? null;
      line.points[i] = inReview(i) ? v : { value: v, symbol: 'none' };
    }
    line.end = to;
  }
  return { solid, dashed: lines.map((l) => l.points) };
}

/** One item of a line's mark lines: a level, an upright line, or a segment's two ends. */
type MarkLineData = NonNullable<NonNullable<LineSeriesOption['markLine']>['data']>[number];

/** One line of a vertical legend: 14 px of text, 8 apart. */
const LEGEND_LINE = 22;

/**
 * Monthly values of one KPI, a line per group; each line's yearly target as a dashed goal line per year (a flow's
 * monthly pace), else the definition's own target (if any) on the first line.
 */
export function KpiTrendChart({
  series,
  label,
  pendingMonths,
}: {
  series: KpiSeries;
  label: string;
  /** months whose due reports are not all approved: a report-built KPI's figure there is not final */
  pendingMonths?: ReadonlyMap<string, MonthInReview> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // on a phone the groups are a list under the chart, one a line: a scrolling legend showed two names a page
  const compact = Grid.useBreakpoint().sm === false;
  const multiple = series.series.length > 1;
  const listed = compact && multiple ? series.series.length : 0;
  const option = useMemo(
    () => trendChartOption({ series, label, pendingMonths, language, t, compact }),
    [series, label, language, t, compact, pendingMonths],
  );
  const inReview = monthsInReview(series, pendingMonths);
  return (
    <>
      <EChart option={option} label={label} height={340 + listed * LEGEND_LINE} />
      {inReview.length > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="trend-review-note">
          <span aria-hidden style={{ letterSpacing: 1 }}>
            {'- - '}
          </span>
          {t('kpi.trend.inReviewNote', {
            months: inReview
              .map(([month, r]) =>
                t('kpi.trend.inReviewMonth', { month, approved: r.approved, expected: r.expected }),
              )
              .join(t('kpi.trend.inReviewSeparator')),
          })}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** The series' months in review, in order, for a KPI summed from approved reports (else none: its figures are final). */
export function monthsInReview(
  series: Pick<KpiSeries, 'kpi' | 'months'>,
  pendingMonths: ReadonlyMap<string, MonthInReview> | undefined,
): [string, MonthInReview][] {
  if (!pendingMonths || !isBuiltFromReports(series.kpi)) return [];
  return series.months.flatMap((m) => {
    const r = pendingMonths.get(m);
    return r ? [[m, r] as [string, MonthInReview]] : [];
  });
}

/**
 * The trend's option: a line per group, solid through the months whose reports are all approved and dashed into
 * a month still in review, its point hollow (the others filled), the tooltip saying how many reports are approved.
 */
export function trendChartOption({
  series,
  label,
  pendingMonths,
  language,
  t,
  compact,
}: {
  series: KpiSeries;
  label: string;
  pendingMonths: ReadonlyMap<string, MonthInReview> | undefined;
  language: string;
  t: TFunction;
  compact: boolean;
}): EChartsOption {
  const multiple = series.series.length > 1;
  const listed = compact && multiple ? series.series.length : 0;
  const { unit, target } = series.kpi;
  const flow = series.kpi.aggregation === 'flow' && unit !== 'ratio';
  const goalOf = (value: number) => chartValue(unit, targetValue(series.kpi, value)) ?? 0;
  // the goal lines stay on the chart: the axis reaches the highest of them
  const goalMax = Math.max(...series.series.flatMap((s) => s.goals.map((g) => goalOf(g.value))), -Infinity);
  const dataMax = Math.max(
    ...series.series.flatMap((s) => s.points.map((p) => chartValue(unit, p.value) ?? -Infinity)),
    -Infinity,
  );
  // only a goal above every value needs room made for it: then the axis ends on a round number past it
  const axisMax = goalMax > dataMax ? niceCeiling(goalMax * 1.05) : undefined;
  const byName = new Map(series.series.map((s) => [localized(s.label, language), s]));
  const inReview = reviewMark(series, pendingMonths, t('kpi.trend.inReview'));
  // the months in review: the lines are dashed into them (a report-built KPI only)
  const reviewed = new Map(monthsInReview(series, pendingMonths));
  const pendingAt = (i: number) => reviewed.has(series.months[i] ?? '');
  return {
    title: { show: false, text: label },
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
      formatter: (params: unknown) => {
        const rows = (Array.isArray(params) ? params : [params]) as Array<{
          seriesName: string;
          dataIndex: number;
          marker: string;
          axisValueLabel: string;
        }>;
        const head = rows[0]?.axisValueLabel ?? '';
        // a group's solid and dashed lines share its name: one row each
        const seen = new Set<string>();
        const lines = rows.flatMap((row) => {
          if (seen.has(row.seriesName)) return [];
          seen.add(row.seriesName);
          const point = byName.get(row.seriesName)?.points[row.dataIndex];
          return [
            `${row.marker}${row.seriesName}${t('common.colon')}${formatKpiText(unit, point?.value ?? null, language, t)}`,
          ];
        });
        const review = reviewed.get(head);
        const note = review
          ? [`<span style="color:#8c8c8c">${t('kpi.trend.inReviewTooltip', { ...review })}</span>`]
          : [];
        return [head, ...lines, ...note].join('<br/>');
      },
    },
    legend: compact
      ? { show: multiple, type: 'plain', orient: 'vertical', left: 8, bottom: 0, itemGap: 8 }
      : { show: multiple, type: 'scroll', bottom: 0 },
    grid: {
      left: 8,
      right: compact ? 16 : 24,
      top: 32,
      bottom: listed ? listed * LEGEND_LINE + 16 : multiple ? 36 : 8,
      containLabel: true,
    },
    xAxis: { type: 'category', boundaryGap: false, data: series.months },
    yAxis: {
      type: 'value',
      name: chartUnit(unit, t),
      scale: unit === 'ratio',
      ...(axisMax !== undefined ? { max: axisMax } : {}),
    },
    series: series.series.flatMap((s, index): LineSeriesOption[] => {
      const name = localized(s.label, language);
      const { solid, dashed } = splitInReview(
        s.points.map((p) => chartValue(unit, p.value)),
        pendingAt,
      );
      const line = {
        type: 'line' as const,
        name,
        showSymbol: series.months.length <= 24,
        connectNulls: false,
      };
      // the same name: one legend entry, one colour (the palette is taken by name), switched on and off together
      const inReviewLines = dashed.map(
        (data): LineSeriesOption => ({
          ...line,
          data,
          symbol: 'emptyCircle',
          symbolSize: 7,
          lineStyle: { type: 'dashed' },
          silent: false,
        }),
      );
      return [
        {
          ...line,
          data: solid,
          // filled: a hollow point is a month in review
          symbol: dashed.length > 0 ? 'circle' : 'emptyCircle',
          ...(s.goals.length > 0
            ? {
                // the yearly target's goal line (ADR 0017): a segment per year, labelled at its end
                markLine: {
                  symbol: 'none',
                  lineStyle: { type: 'dashed', width: 2 },
                  label: { position: 'insideEndTop' },
                  data: [
                    ...(index === 0 && inReview ? [inReview] : []),
                    ...s.goals.map(
                      (goal): MarkLineData => [
                        {
                          name: t(flow ? 'targets.goal.monthly' : 'targets.goal.line', {
                            value: formatKpiText(unit, targetValue(series.kpi, goal.value), language, t),
                          }),
                          coord: [goal.from, goalOf(goal.value)],
                          label: { formatter: '{b}' },
                        },
                        { coord: [goal.to, goalOf(goal.value)] },
                      ],
                    ),
                  ],
                },
              }
            : index === 0 && target !== null
              ? {
                  markLine: {
                    symbol: 'none',
                    lineStyle: { type: 'dashed' },
                    label: {
                      formatter: `${t('kpi.trend.target')} ${formatKpiText(unit, target, language, t)}`,
                    },
                    data: [...(inReview ? [inReview] : []), { yAxis: chartValue(unit, target) ?? 0 }],
                  },
                }
              : index === 0 && inReview
                ? { markLine: { symbol: 'none', silent: true, data: [inReview] } }
                : {}),
        },
        ...inReviewLines,
      ];
    }),
  };
}
