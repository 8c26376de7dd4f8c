import type { KpiMix } from '@gongfu/contract';
import { Grid, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { formatKpiText, formatRatio, localized } from '../format';

type Bucket = KpiMix['operatingModels'][number];
type Measure = 'revenue' | 'transactions';
type Translate = Parameters<typeof formatKpiText>[3];

/** The height of the doughnut's square on a phone, legend below. */
const PHONE_RING = 240;

const bucketValue = (b: Bucket, measure: Measure) =>
  measure === 'revenue' ? Math.max(b.revenueFen, 0) : b.serviceTransactions;
const bucketShare = (b: Bucket, measure: Measure) =>
  measure === 'revenue' ? b.revenueShare : b.transactionShare;
const bucketAmount = (b: Bucket, measure: Measure, language: string, t: Translate) =>
  measure === 'revenue'
    ? formatKpiText('fen', b.revenueFen, language, t)
    : formatKpiText('transactions', b.serviceTransactions, language, t);

/**
 * A doughnut of the buckets by the share the API computed (revenue or service transactions). A single bucket (one
 * community with one kind of venture) is a sentence: a full ring compares nothing.
 */
export function MixChart({
  buckets,
  measure,
  label,
}: {
  buckets: readonly Bucket[];
  measure: Measure;
  label: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // on a phone the legend is a list under the doughnut, each with its share (there is no hovering on a phone):
  // beside the ring it covered it, and a scrolling legend showed one and a half names a page
  const compact = Grid.useBreakpoint().sm === false;
  const shown = buckets.filter((b) => bucketValue(b, measure) > 0);
  const option = useMemo<EChartsOption>(() => {
    const value = (b: Bucket) => bucketValue(b, measure);
    const share = (b: Bucket) => bucketShare(b, measure);
    const amount = (b: Bucket) => bucketAmount(b, measure, language, t);
    const byName = new Map(buckets.map((b) => [localized(b.label, language), b]));
    const shareText = (name: string) => {
      const s = byName.get(name);
      const v = s ? share(s).value : null;
      return v === null ? t('common.unknown') : formatRatio(v, language);
    };
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
        ? {
            type: 'plain',
            orient: 'vertical',
            left: 'center',
            top: PHONE_RING + 8,
            itemGap: 8,
            formatter: (name: string) => `${name}  ${shareText(name)}`,
          }
        : { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          name: label,
          radius: compact ? [PHONE_RING * 0.22, PHONE_RING * 0.42] : ['40%', '70%'],
          center: compact ? ['50%', PHONE_RING / 2] : ['35%', '50%'],
          label: { show: false },
          data: buckets.map((b) => ({ name: localized(b.label, language), value: value(b) })),
        },
      ],
    };
  }, [buckets, measure, label, language, t, compact]);
  const only = shown.length === 1 ? shown[0] : undefined;
  if (only) {
    return (
      <Typography.Text>
        {t('kpi.funds.allIn', {
          name: localized(only.label, language),
          amount: bucketAmount(only, measure, language, t),
          ventures: t('kpi.funds.ventures', { count: only.ventures }),
        })}
      </Typography.Text>
    );
  }
  // one legend line is 14 px high, 8 apart
  const height = compact ? PHONE_RING + 16 + buckets.length * 22 : 260;
  return <EChart option={option} label={label} height={height} />;
}
