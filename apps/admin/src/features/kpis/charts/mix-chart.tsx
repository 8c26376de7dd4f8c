import type { KpiMix } from '@gongfu/contract';
import { ratioBp } from '@gongfu/domain';
import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { formatKpiText, localized } from '../format';

type Bucket = KpiMix['operatingModels'][number];
type Measure = 'revenue' | 'transactions';
type Translate = TFunction;

/** The height of the doughnut's square, its legend below. */
const RING = 220;

const bucketValue = (b: Bucket, measure: Measure) =>
  measure === 'revenue' ? Math.max(b.revenueFen, 0) : b.serviceTransactions;
const bucketShare = (b: Bucket, measure: Measure) =>
  measure === 'revenue' ? b.revenueShare : b.transactionShare;
const bucketAmount = (b: Bucket, measure: Measure, language: string, t: Translate) =>
  measure === 'revenue'
    ? formatKpiText('fen', b.revenueFen, language, t)
    : formatKpiText('transactions', b.serviceTransactions, language, t);

/**
 * A share as a percentage with one decimal, rounded once from the integer numerator and denominator (fen, counts),
 * never from a floating sum; null without a positive denominator.
 */
export function shareText(share: Bucket['revenueShare']): string | null {
  if (share.denominator === null) return null;
  const permille = ratioBp(share.numerator, share.denominator * 10);
  if (permille === null) return null;
  const sign = permille < 0 ? '-' : '';
  const abs = Math.abs(permille);
  return `${sign}${Math.trunc(abs / 10)}.${abs % 10}%`;
}

/** A bucket's line in the legend: its name, amount and share ("集体自营 101.41 万元 · 72.0%"). */
export function bucketLine(b: Bucket, measure: Measure, language: string, t: Translate): string {
  const share = shareText(bucketShare(b, measure)) ?? t('common.unknown');
  return `${localized(b.label, language)}  ${bucketAmount(b, measure, language, t)} · ${share}`;
}

/** The doughnut's option: the ring on top, under it a legend line per bucket with its amount and share. */
export function mixChartOption(
  buckets: readonly Bucket[],
  measure: Measure,
  label: string,
  language: string,
  t: Translate,
): EChartsOption {
  const byName = new Map(buckets.map((b) => [localized(b.label, language), b]));
  return {
    title: { show: false, text: label },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const { name } = params as { name: string };
        const b = byName.get(name);
        if (!b) return name;
        return `${bucketLine(b, measure, language, t)}<br/>${t('kpi.funds.ventures', { count: b.ventures })}`;
      },
    },
    // a list under the ring, one bucket a line, on every screen: beside the ring a long name with its amount ran
    // into it, and a phone has no room beside it
    legend: {
      type: 'plain',
      orient: 'vertical',
      left: 'center',
      top: RING + 8,
      itemGap: 8,
      formatter: (name: string) => {
        const b = byName.get(name);
        return b ? bucketLine(b, measure, language, t) : name;
      },
    },
    series: [
      {
        type: 'pie',
        name: label,
        radius: [RING * 0.24, RING * 0.44],
        center: ['50%', RING / 2],
        label: { show: false },
        data: buckets.map((b) => ({ name: localized(b.label, language), value: bucketValue(b, measure) })),
      },
    ],
  };
}

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
  const shown = buckets.filter((b) => bucketValue(b, measure) > 0);
  const option = useMemo(
    () => mixChartOption(buckets, measure, label, language, t),
    [buckets, measure, label, language, t],
  );
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
  return <EChart option={option} label={label} height={RING + 16 + buckets.length * 22} />;
}
