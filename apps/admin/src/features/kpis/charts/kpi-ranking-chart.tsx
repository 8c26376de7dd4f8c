import type { KpiRanking } from '@gongfu/contract';
import { theme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartHandlers } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { chartUnit, chartValue, fenScaleOf, formatKpiText } from '../format';

/**
 * Communities as horizontal bars, best at the top (the API ranks by the KPI's direction), with the median
 * the API computed marked as a line; a community below its yearly target in red. Communities without a value are left
 * out of the chart (the table lists them).
 */
/** The chart's height: a bar of 24 px per ranked community and room for the axis (the table beside it matches it). */
export function rankingChartHeight(ranking: KpiRanking): number {
  const ranked = ranking.items.filter((item) => item.value !== null).length;
  return Math.max(240, ranked * 24 + 60);
}

export function KpiRankingChart({
  ranking,
  label,
  onOpen,
}: {
  ranking: KpiRanking;
  label: string;
  onOpen: (communityId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const belowColor = theme.useToken().token.colorError;
  const language = i18n.language;
  const ranked = useMemo(() => ranking.items.filter((item) => item.value !== null), [ranking]);
  const option = useMemo<EChartsOption>(() => {
    const { unit } = ranking.kpi;
    // ECharts draws the first category at the bottom: reverse, so rank 1 is on top
    const rows = [...ranked].reverse();
    const median = ranking.median;
    // the same unit as the panel's statistic and table beside the chart
    const scale = fenScaleOf(ranking.items.map((item) => item.value));
    return {
      title: { show: false, text: label },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const [first] = params as Array<{ dataIndex: number }>;
          const item = first ? rows[first.dataIndex] : undefined;
          if (!item) return '';
          const mark = item.target?.belowTarget ? `<br/>${t('targets.ranking.below')}` : '';
          return `${item.rank ?? ''}. ${item.communityName}<br/>${formatKpiText(unit, item.value, language, t, scale)}${mark}`;
        },
      },
      // the unit under the axis, centred: at its end "10k yuan" ran past the chart's right edge
      grid: { left: 8, right: 24, top: 24, bottom: 28, containLabel: true },
      xAxis: { type: 'value', name: chartUnit(unit, t), nameLocation: 'middle', nameGap: 28, scale: false },
      yAxis: {
        type: 'category',
        data: rows.map((item) => item.communityName),
        axisLabel: { interval: 0 },
      },
      series: [
        {
          type: 'bar',
          name: label,
          // a community below its yearly target is red (the table and the legend say so in words)
          data: rows.map((item) =>
            item.target?.belowTarget
              ? { value: chartValue(unit, item.value), itemStyle: { color: belowColor } }
              : chartValue(unit, item.value),
          ),
          barMaxWidth: 18,
          cursor: 'pointer',
          markLine:
            median === null
              ? undefined
              : {
                  symbol: 'none',
                  lineStyle: { type: 'dashed', width: 2 },
                  label: {
                    position: 'end',
                    formatter: t('kpi.ranking.medianValue', {
                      value: formatKpiText(unit, median, language, t, scale),
                    }),
                  },
                  data: [{ name: t('kpi.ranking.median'), xAxis: chartValue(unit, median) ?? 0 }],
                },
        },
      ],
    };
  }, [ranked, ranking, label, language, t, belowColor]);

  const handlers = useMemo<EChartHandlers>(
    () => ({
      click: (params) => {
        const { componentType, dataIndex } = params as { componentType?: string; dataIndex?: number };
        if (componentType !== 'series' || dataIndex === undefined) return;
        const item = [...ranked].reverse()[dataIndex];
        if (item) onOpen(item.communityId);
      },
    }),
    [ranked, onOpen],
  );

  return <EChart option={option} label={label} handlers={handlers} height={rankingChartHeight(ranking)} />;
}
