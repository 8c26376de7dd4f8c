import type { LedgerEntry } from '@gongfu/contract';
import { formatYuan, shanghaiMonthOf } from '@gongfu/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { monthlyBalances } from '../ledger';

/** The fund's balance at the end of each month (万元 on the axis, exact 元 in the tooltip). */
export function BalanceChart({ entries, label }: { entries: readonly LedgerEntry[]; label: string }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const points = monthlyBalances(entries, shanghaiMonthOf(new Date()));
    return {
      title: { show: false, text: label },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const [first] = (Array.isArray(params) ? params : [params]) as { dataIndex: number }[];
          const point = points[first?.dataIndex ?? 0];
          return point
            ? `${point.month}<br/>${t('funds.fund.balance')}${t('common.colon')}${formatYuan(point.balanceFen, { grouping: true })} ${t('kpi.unit.fen')}`
            : '';
        },
      },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => p.month), boundaryGap: false },
      yAxis: { type: 'value', name: t('kpi.unit.wan') },
      series: [
        {
          type: 'line',
          name: t('funds.fund.balance'),
          step: 'end',
          areaStyle: { opacity: 0.12 },
          showSymbol: points.length <= 24,
          data: points.map((p) => p.balanceFen / 1_000_000),
        },
      ],
    };
  }, [entries, label, t]);
  return <EChart option={option} label={label} height={300} />;
}
