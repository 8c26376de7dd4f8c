import type { KpiSeries } from '@gongfu/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { chartUnit, chartValue, formatKpiText, localized } from '../format';

/** Monthly values of one KPI, a line per group; the KPI's target (if any) as a dashed line. */
export function KpiTrendChart({ series, label }: { series: KpiSeries; label: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const option = useMemo<EChartsOption>(() => {
    const { unit, target } = series.kpi;
    const byName = new Map(series.series.map((s) => [localized(s.label, language), s]));
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
          const lines = rows.map((row) => {
            const point = byName.get(row.seriesName)?.points[row.dataIndex];
            return `${row.marker}${row.seriesName}：${formatKpiText(unit, point?.value ?? null, language, t)}`;
          });
          return [head, ...lines].join('<br/>');
        },
      },
      legend: { show: series.series.length > 1, type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: series.series.length > 1 ? 36 : 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: series.months },
      yAxis: { type: 'value', name: chartUnit(unit, t), scale: unit === 'ratio' },
      series: series.series.map((s, index) => ({
        type: 'line',
        name: localized(s.label, language),
        data: s.points.map((p) => chartValue(unit, p.value)),
        showSymbol: series.months.length <= 24,
        connectNulls: false,
        ...(index === 0 && target !== null
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { type: 'dashed' },
                label: { formatter: `${t('kpi.trend.target')} ${formatKpiText(unit, target, language, t)}` },
                data: [{ yAxis: chartValue(unit, target) ?? 0 }],
              },
            }
          : {}),
      })),
    };
  }, [series, label, language, t]);
  return <EChart option={option} label={label} height={340} />;
}
