import type { KpiKey, KpiOverview } from '@gongfu/contract';
import { Card, Flex, Grid, Segmented, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../exports/components/export-button';
import { useKpiSeries } from '../api/get-kpi-series';
import { KpiTrendChart, type MonthInReview } from '../charts/kpi-trend-chart';
import { localized } from '../format';
import { TREND_GROUP_BYS, type TrendGroupBy, trailingYear } from '../search';
import { KpiSelect } from './kpi-select';
import { QueryState, UnavailableNotice } from './query-state';

export function TrendPanel({
  overview,
  kpi,
  month,
  groupBy,
  groupBys = TREND_GROUP_BYS,
  communityScoped = false,
  pendingMonths,
  onKpiChange,
  onGroupByChange,
}: {
  overview: KpiOverview | undefined;
  kpi: KpiKey;
  month: string;
  groupBy: TrendGroupBy;
  groupBys?: readonly TrendGroupBy[];
  /** the whole scope is one community: its total is 本社区, not 全区 */
  communityScoped?: boolean;
  /** months still in review (the coverage notice's), with their approved and due reports: a report-built KPI's line
   *  is dashed into them */
  pendingMonths?: ReadonlyMap<string, MonthInReview> | undefined;
  onKpiChange: (key: KpiKey) => void;
  onGroupByChange: (groupBy: TrendGroupBy) => void;
}) {
  const { t, i18n } = useTranslation();
  const range = trailingYear(month);
  const phone = Grid.useBreakpoint().sm === false;
  const query = useKpiSeries({ kpi, ...range, groupBy });
  const groupByOptions = groupBys.map((g) => ({
    value: g,
    label: g === 'district' && communityScoped ? t('kpi.groupBy.community_total') : t(`kpi.groupBy.${g}`),
  }));
  const name = query.data ? localized(query.data.kpi.name, i18n.language) : '';
  return (
    <Card
      title={`${t('kpi.trend.title')}${name ? ` · ${name}` : ''}`}
      // on a phone the range goes under the pickers: beside the title it cut the KPI's name short
      extra={phone ? undefined : <span>{t('kpi.trend.range', range)}</span>}
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <KpiSelect overview={overview} value={kpi} onChange={onKpiChange} />
        {phone ? (
          // four segments do not fit a phone's width (they pushed the page to 439 px): a select does
          <Select<TrendGroupBy>
            aria-label={t('kpi.trend.groupBy')}
            value={groupBy}
            onChange={onGroupByChange}
            options={groupByOptions}
            style={{ minWidth: 140 }}
          />
        ) : (
          <Segmented<TrendGroupBy>
            aria-label={t('kpi.trend.groupBy')}
            value={groupBy}
            onChange={onGroupByChange}
            options={groupByOptions}
          />
        )}
        <ExportButton view="kpi-series" params={{ kpi, ...range, groupBy }} />
      </Flex>
      {phone ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('kpi.trend.range', range)}
        </Typography.Paragraph>
      ) : null}
      <QueryState
        query={query}
        rows={6}
        emptyText={t('kpi.trend.empty')}
        isEmpty={(series) =>
          series.available && series.series.every((s) => s.points.every((p) => p.value === null))
        }
      >
        {(series) =>
          series.available ? (
            <KpiTrendChart
              series={series}
              pendingMonths={pendingMonths}
              label={`${t('kpi.trend.title')} · ${localized(series.kpi.name, i18n.language)}`}
            />
          ) : (
            <UnavailableNotice message={series.unavailableReason?.message} />
          )
        }
      </QueryState>
    </Card>
  );
}
