import type { Community } from '@gongfu/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { COMMUNITY_KINDS } from '../kinds';

/** How many communities of each kind (urban / converted from rural): a bar per kind. */
export function CommunitiesByKindChart({ communities }: { communities: readonly Community[] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const counts = COMMUNITY_KINDS.map((kind) => communities.filter((c) => c.kind === kind).length);
    return {
      title: { show: false, text: t('overview.chartTitle') },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: COMMUNITY_KINDS.map((kind) => t(`community.kind.${kind}`)) },
      series: [{ type: 'bar', name: t('overview.communitiesTotal'), data: counts, barMaxWidth: 28 }],
    };
  }, [communities, t]);
  return <EChart option={option} label={t('overview.chartTitle')} height={200} />;
}
