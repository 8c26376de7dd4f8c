import type { ReportingMatrix, ReportingState } from '@gongfu/contract';
import { Flex, Grid, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';

/** The states in the order of the legend, each with its colour (decals repeat the difference for print). */
export const REPORTING_STATE_STYLE: ReadonlyArray<{ state: ReportingState; color: string }> = [
  { state: 'on_time', color: '#52c41a' },
  { state: 'late', color: '#faad14' },
  { state: 'returned', color: '#722ed1' },
  { state: 'missing', color: '#f5222d' },
  { state: 'not_due', color: '#91caff' },
  { state: 'none', color: '#f0f0f0' },
];

/** Community × month as a cartesian heatmap with a piecewise legend: on time, late, returned, missing. */
export type ReportingCell = ReportingMatrix['cells'][number];

export function ReportingMatrixChart({
  matrix,
  label,
  onCellClick,
}: {
  matrix: ReportingMatrix;
  label: string;
  /** a cell clicked: the review queue opens on that community and month */
  onCellClick?: (cell: ReportingCell) => void;
}) {
  const { t } = useTranslation();
  // ECharts' piecewise legend is one row: on a phone it ran past the chart's edge, so the page draws it, wrapping
  const compact = Grid.useBreakpoint().sm === false;
  const option = useMemo<EChartsOption>(() => {
    const stateIndex = new Map(REPORTING_STATE_STYLE.map((s, i) => [s.state, i]));
    const monthIndex = new Map(matrix.months.map((m, i) => [m, i]));
    // first community on top: the y axis is drawn bottom-up, so reverse its order
    const communities = [...matrix.communities].reverse();
    const communityIndex = new Map(communities.map((c, i) => [c.communityId, i]));
    const names = new Map(matrix.communities.map((c) => [c.communityId, c.name]));
    const data = matrix.cells.flatMap((cell) => {
      const x = monthIndex.get(cell.month);
      const y = communityIndex.get(cell.communityId);
      const v = stateIndex.get(cell.state);
      return x === undefined || y === undefined || v === undefined ? [] : [[x, y, v]];
    });
    const cellAt = new Map(matrix.cells.map((c) => [`${c.communityId}|${c.month}`, c]));
    // ECharts would read out the cell indices; say what a person needs instead: how the last month went
    const last = matrix.months.at(-1) ?? matrix.to;
    const lastCells = matrix.cells.filter((c) => c.month === last);
    const states = (['on_time', 'late', 'returned', 'missing'] as const)
      .map(
        (state) =>
          `${t(`kpi.reporting.state.${state}`)} ${lastCells.filter((c) => c.state === state).length}`,
      )
      .join(t('kpi.reporting.listSeparator'));
    const description = t('kpi.reporting.spoken', {
      from: matrix.from,
      to: matrix.to,
      count: matrix.communities.length,
      month: last,
      states,
    });
    return {
      aria: { label: { description } },
      title: { show: false, text: label },
      tooltip: {
        formatter: (params: unknown) => {
          const { value } = params as { value: [number, number, number] };
          const community = communities[value[1]];
          const month = matrix.months[value[0]];
          const cell = community && month ? cellAt.get(`${community.communityId}|${month}`) : undefined;
          if (!cell || !month) return '';
          const title = t('kpi.reporting.cell', { community: names.get(cell.communityId) ?? '', month });
          const counts = [
            `${t('kpi.reporting.expected')} ${cell.expected} · ${t('kpi.reporting.received')} ${cell.received} · ${t('kpi.reporting.receivedOnTime')} ${cell.receivedOnTime}`,
            (['onTime', 'late', 'returned', 'missing', 'notDue'] as const)
              .filter((k) => cell[k] > 0)
              .map((k) => {
                const state = k === 'onTime' ? 'on_time' : k === 'notDue' ? 'not_due' : k;
                return `${t(`kpi.reporting.state.${state}`)} ${cell[k]}`;
              })
              .join(' · '),
            cell.wasReturned > 0 ? t('kpi.reporting.wasReturned', { count: cell.wasReturned }) : '',
          ];
          return `<b>${title}</b><br/>${t(`kpi.reporting.state.${cell.state}`)}<br/>${counts.filter(Boolean).join('<br/>')}`;
        },
      },
      grid: { left: 8, right: 8, top: compact ? 24 : 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: matrix.months, position: 'top', splitArea: { show: true } },
      yAxis: {
        type: 'category',
        data: communities.map((c) => c.name),
        axisLabel: { interval: 0 },
        splitArea: { show: true },
      },
      visualMap: {
        type: 'piecewise',
        show: !compact,
        dimension: 2,
        orient: 'horizontal',
        top: 0,
        left: 'center',
        pieces: REPORTING_STATE_STYLE.map((s, i) => ({
          value: i,
          label: t(`kpi.reporting.state.${s.state}`),
          color: s.color,
        })),
      },
      series: [
        {
          type: 'heatmap',
          name: label,
          data,
          itemStyle: { borderColor: '#fff', borderWidth: 1 },
          emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
        },
      ],
    };
  }, [matrix, label, t, compact]);
  const handlers = useMemo(() => {
    if (!onCellClick) return undefined;
    const communities = [...matrix.communities].reverse();
    return {
      click: (params: unknown) => {
        const value = (params as { value?: [number, number, number] }).value;
        const community = value ? communities[value[1]] : undefined;
        const month = value ? matrix.months[value[0]] : undefined;
        const cell = matrix.cells.find((c) => c.communityId === community?.communityId && c.month === month);
        if (cell) onCellClick(cell);
      },
    };
  }, [matrix, onCellClick]);
  const chart = (
    <EChart
      option={option}
      label={label}
      height={Math.max(240, matrix.communities.length * 22 + (compact ? 56 : 80))}
      {...(handlers ? { handlers } : {})}
    />
  );
  if (!compact) return chart;
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap="4px 12px">
        {REPORTING_STATE_STYLE.map(({ state, color }) => (
          <Flex key={state} align="center" gap={4}>
            <span style={{ width: 12, height: 12, borderRadius: 2, background: color }} />
            <Typography.Text style={{ fontSize: 12 }}>{t(`kpi.reporting.state.${state}`)}</Typography.Text>
          </Flex>
        ))}
      </Flex>
      {chart}
    </Flex>
  );
}
