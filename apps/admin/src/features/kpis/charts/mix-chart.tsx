import type { KpiMix } from '@gongfu/contract';
import { Grid } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { formatKpiText, formatRatio, localized } from '../format';

type Bucket = KpiMix['operatingModels'][number];

/** A doughnut of the buckets by the share the API computed (revenue or service transactions). */
export function MixChart({
  buckets,
  measure,
  label,
}: {
  buckets: readonly Bucket[];
  measure: 'revenue' | 'transactions';
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // on a phone the legend goes under the doughnut: beside it, it covered the ring
  const compact = Grid.useBreakpoint().sm === false;
  const option = useMemo<EChartsOption>(() => {
    const share = (b: Bucket) => (measure === 'revenue' ? b.revenueShare : b.transactionShare);
    const amount = (b: Bucket) =>
      measure === 'revenue'
        ? formatKpiText('fen', b.revenueFen, language, t)
        : formatKpiText('transactions', b.serviceTransactions, language, t);
    const byName = new Map(buckets.map((b) => [localized(b.label, language), b]));
    return {
      title: { show: false, text: label },
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const { name } = params as { name: string };
          const b = byName.get(name);
          if (!b) return name;
          const s = share(b).value;
          return `${name}<br/>${amount(b)} · ${s === null ? t('common.unknown') : formatRatio(s, language)}<br/>${t('kpi.funds.ventures', { count: b.ventures })}`;
        },
      },
      legend: compact
        ? { type: 'scroll', orient: 'horizontal', left: 'center', bottom: 0 }
        : { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          name: label,
          radius: ['40%', '70%'],
          center: compact ? ['50%', '42%'] : ['35%', '50%'],
          label: { show: false },
          data: buckets.map((b) => ({
            name: localized(b.label, language),
            value: measure === 'revenue' ? Math.max(b.revenueFen, 0) : b.serviceTransactions,
          })),
        },
      ],
    };
  }, [buckets, measure, label, language, t, compact]);
  return <EChart option={option} label={label} height={compact ? 300 : 260} />;
}
