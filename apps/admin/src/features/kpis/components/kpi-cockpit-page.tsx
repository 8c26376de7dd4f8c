import { FileTextOutlined } from '@ant-design/icons';
import type { KpiKey } from '@gongfu/contract';
import { type Month, monthIndex } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Flex, Result, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { readsWarnings } from '../../warnings/access';
import { WarningsCard } from '../../warnings/components/warnings-card';
import { isCommunityScoped, isDistrictScoped, overviewFor, readsKpis } from '../access';
import { useKpiOverview } from '../api/get-kpi-overview';
import { comparedMonthsLabel, localized } from '../format';
import {
  KPI_TABS,
  type KpiSearch,
  type KpiTab,
  type ResolvedKpiSearch,
  TREND_GROUP_BYS,
  type TrendGroupBy,
} from '../search';
import { FundsPanel } from './funds-panel';
import { KpiCards } from './kpi-cards';
import { PeriodPicker } from './period-picker';
import { QueryState } from './query-state';
import { RankingPanel } from './ranking-panel';
import { ReportingPanel } from './reporting-panel';
import { ReviewCoverageNotice, usePendingMonths, useReviewCoverage } from './review-coverage-notice';
import { TrendPanel } from './trend-panel';

export interface KpiCockpitPageProps {
  search: ResolvedKpiSearch;
  latestMonth: string;
  onChange: (patch: KpiSearch) => void;
}

/**
 * 指标驾驶舱: the KPIs of the user's scope for a period (cards with 环比 / 同比), the trend and ranking of one
 * KPI, the reporting matrix, the fund flow and the operating mix. Every choice lives in the URL.
 */
export function KpiCockpitPage({ search, latestMonth, onChange }: KpiCockpitPageProps) {
  const membership = useActiveMembership();
  if (!readsKpis(membership)) return <KpiNoAccess />;
  return <Cockpit search={search} latestMonth={latestMonth} onChange={onChange} />;
}

function Cockpit({ search, latestMonth, onChange }: KpiCockpitPageProps) {
  const { t, i18n } = useTranslation();
  const membership = useActiveMembership();
  const communityScoped = isCommunityScoped(membership);
  const { period, month, kpi, groupBy } = search;
  const overview = useKpiOverview({ period, month });
  // a partner's figures are those of the ventures it runs, not its district's (the API scopes them)
  const scope =
    membership?.communityName ??
    (membership?.partnerName
      ? t('kpi.scopePartner', { partner: membership.partnerName, district: membership.districtName ?? '' })
      : (membership?.districtName ?? ''));
  const tabs: readonly KpiTab[] = communityScoped ? KPI_TABS.filter((tab) => tab !== 'ranking') : KPI_TABS;
  const tab = tabs.includes(search.tab) ? search.tab : 'overview';
  const groupBys: readonly TrendGroupBy[] = communityScoped
    ? TREND_GROUP_BYS.filter((g) => g !== 'street_office')
    : TREND_GROUP_BYS;
  const selectKpi = (key: KpiKey) => onChange({ kpi: key });
  // the same months as the coverage notice (one request): while their reports are not all approved, the cards
  // state the changes of report-built KPIs without judging them
  const coveredMonths =
    overview.data && !overview.data.nothingDue
      ? { from: overview.data.period.from, to: overview.data.through }
      : null;
  const coverage = useReviewCoverage(coveredMonths);
  // the same request: the trend marks those of the period's months still in review
  const pendingMonths = usePendingMonths(coveredMonths);
  const periodText = overview.data ? comparedText(overview.data) : null;

  // a year's 环比 and 同比 are both the year before: said once. A running period is compared on the same months
  // (the notice says so): those months are named, not the whole earlier period (Q4 through October against July,
  // not against Q3)
  function comparedText(data: NonNullable<typeof overview.data>) {
    const elapsed =
      data.running && data.through
        ? monthIndex(data.through as Month) - monthIndex(data.period.from as Month)
        : null;
    const previous = comparedMonthsLabel(data.previousPeriod, elapsed, i18n.language);
    const lastYear = comparedMonthsLabel(data.samePeriodLastYear, elapsed, i18n.language);
    return previous === lastYear
      ? t('kpi.period.comparedWith', { period: previous })
      : t('kpi.period.compared', { previous, lastYear });
  }

  const content: Record<KpiTab, ReactNode> = {
    overview: (
      <Flex vertical gap={16}>
        <QueryState
          query={overview}
          rows={6}
          emptyText={t('kpi.trend.empty')}
          isEmpty={(o) => o.items.length === 0}
        >
          {(data) => (
            <KpiCards
              overview={overviewFor(data, membership)}
              selected={kpi}
              onSelect={selectKpi}
              reviewPending={coverage?.pending ?? false}
            />
          )}
        </QueryState>
        {readsWarnings(membership) ? <WarningsCard /> : null}
        <TrendPanel
          overview={overview.data && overviewFor(overview.data, membership)}
          kpi={kpi}
          month={month}
          groupBy={groupBys.includes(groupBy) ? groupBy : 'district'}
          groupBys={groupBys}
          communityScoped={communityScoped}
          pendingMonths={pendingMonths}
          onKpiChange={selectKpi}
          onGroupByChange={(next) => onChange({ groupBy: next })}
        />
      </Flex>
    ),
    ranking: (
      <RankingPanel
        overview={overview.data}
        kpi={kpi}
        period={period}
        month={month}
        onKpiChange={selectKpi}
      />
    ),
    reporting: <ReportingPanel month={month} />,
    funds: <FundsPanel period={period} month={month} />,
  };

  return (
    <PageContainer
      title={t('kpi.title')}
      subTitle={
        <>
          {t('kpi.scope', { scope })}
          {overview.data ? ` · ${localized(overview.data.period.label, i18n.language)}` : ''}
        </>
      }
      extra={
        <Flex gap={8} wrap justify="flex-end">
          <PeriodPicker
            period={period}
            month={month}
            latestMonth={latestMonth}
            onChange={(next) => onChange(next)}
          />
          <ExportButton view="kpi-overview" params={{ period, month }} />
          {isDistrictScoped(membership) ? (
            <Link to="/kpis/bulletin" search={{ month }}>
              <Button icon={<FileTextOutlined />}>{t('exports.bulletin.open')}</Button>
            </Link>
          ) : null}
        </Flex>
      }
    >
      {overview.data ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, marginBottom: 4 }}>
          {t('kpi.dataDate', { month: overview.data.dataDate })}
        </Typography.Paragraph>
      ) : null}
      {periodText ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {periodText}
        </Typography.Paragraph>
      ) : null}
      {overview.data?.nothingDue ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('kpi.period.nothingDue', {
            period: localized(overview.data.period.label, i18n.language),
            dataDate: overview.data.dataDate,
          })}
        />
      ) : overview.data?.running ? (
        // the answer's data date, never last month by the browser's clock: before the due day last month's reports
        // are not due, and the notice said "数据截至 2026-11" under the answer's "数据截至 2026-10"
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('kpi.period.running', {
            period: localized(overview.data.period.label, i18n.language),
            latest: overview.data.dataDate,
          })}
          description={t('kpi.period.runningHint')}
        />
      ) : null}
      {overview.data && !overview.data.nothingDue ? (
        <ReviewCoverageNotice
          from={overview.data.period.from}
          to={overview.data.through}
          onShowReporting={tab === 'reporting' ? undefined : () => onChange({ tab: 'reporting' })}
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) => onChange({ tab: key as KpiTab })}
        destroyOnHidden
        items={tabs.map((key) => ({ key, label: t(`kpi.tab.${key}`), children: content[key] }))}
      />
    </PageContainer>
  );
}

export function KpiNoAccess() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('kpi.noAccess')}
      subTitle={t('kpi.noAccessSub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
