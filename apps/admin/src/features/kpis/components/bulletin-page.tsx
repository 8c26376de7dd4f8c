import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { FundFlow, KpiKey, KpiOverview, KpiRanking, KpiSeries, ReportingMatrix } from '@gongfu/contract';
import { addMonths, type Month, WARNING_KIND_LABELS } from '@gongfu/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Flex, Result, Select, Skeleton } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { shanghaiToday } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { useWarnings } from '../../warnings/api/warnings';
import { SeverityTag } from '../../warnings/components/severity-tag';
import { headlineOf } from '../../warnings/facts';
import { isDistrictScoped } from '../access';
import { useFundFlow } from '../api/get-fund-flow';
import { kpiLatestMonthQueryOptions } from '../api/get-kpi-latest-month';
import { useKpiOverview } from '../api/get-kpi-overview';
import { useKpiRanking } from '../api/get-kpi-ranking';
import { useKpiSeries } from '../api/get-kpi-series';
import { useReportingMatrix } from '../api/get-reporting-matrix';
import { type FlowColumn, flowColumns } from '../charts/fund-flow-chart';
import { reviewMark } from '../charts/kpi-trend-chart';
import {
  changeOf,
  chartValue,
  fenScaleOf,
  formatKpiText,
  formatKpiValue,
  formatRatio,
  isBuiltFromReports,
  localized,
} from '../format';
import { type RankPlace, rankListPlaces } from '../rank-places';
import { awaitingReviewOf, coverageOf, incompleteOf, pendingMonthsOf } from './review-coverage-notice';
import './bulletin-print.css';

/** The headline KPIs of the bulletin, in the order a district office reads them. */
const HEADLINE: readonly KpiKey[] = [
  'operating_revenue',
  'net_profit',
  'community_income',
  'stable_jobs',
  'residents_served',
  'fund_balance',
  'give_back',
  'reporting_rate',
  'on_time_rate',
];
const RANKED: KpiKey = 'community_income';
const WARNINGS_SHOWN = 5;
const FLOWS_SHOWN = 5;
/** A run of ranking places awaiting review names this many communities and counts the rest. */
const AWAITING_NAMES_SHOWN = 2;

/**
 * 月度简报: one A4 page a district official hands out in a meeting — headline KPIs against last month (环比) and the
 * same month last year (同比), the revenue trend, the ranking's top and bottom five, reporting, open warnings and
 * fund flows, with the data date. Printed from the browser (print CSS: A4, the shell hidden, charts as SVG) or saved
 * as PDF from the print dialog; reads on a phone as one column.
 */
export function BulletinPage({
  month,
  onMonthChange,
}: {
  month?: string;
  onMonthChange: (m: string) => void;
}) {
  const membership = useActiveMembership();
  const latest = useQuery({ ...kpiLatestMonthQueryOptions(), enabled: isDistrictScoped(membership) });
  const { t } = useTranslation();
  if (!isDistrictScoped(membership)) return <Result status="403" title={t('exports.bulletin.noAccess')} />;
  const dataMonth = latest.data?.month ?? latest.data?.dataDate;
  if (latest.isError) return <Alert type="error" showIcon title={t('exports.bulletin.failedLoad')} />;
  if (!dataMonth) return <Skeleton active style={{ padding: 24 }} />;
  const chosen = month && month <= dataMonth ? month : dataMonth;
  return (
    <Bulletin
      month={chosen as Month}
      latest={dataMonth as Month}
      scope={membership?.districtName ?? ''}
      onMonthChange={onMonthChange}
    />
  );
}

function monthLabel(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, m - 1, 1)));
}

function Bulletin({
  month,
  latest,
  scope,
  onMonthChange,
}: {
  month: Month;
  latest: Month;
  scope: string;
  onMonthChange: (m: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const overview = useKpiOverview({ period: 'month', month });
  const series = useKpiSeries({
    kpi: 'operating_revenue',
    from: addMonths(month, -23),
    to: month,
    groupBy: 'district',
  });
  const ranking = useKpiRanking({ kpi: RANKED, period: 'month', month });
  const matrix = useReportingMatrix({ from: month, to: month });
  const pendingMonths = useMemo(
    () => (matrix.data ? pendingMonthsOf(matrix.data) : new Set<string>()),
    [matrix.data],
  );
  const flow = useFundFlow({ period: 'month', month });
  const warnings = useWarnings({ status: 'open', limit: WARNINGS_SHOWN });
  const months = Array.from({ length: 24 }, (_, i) => addMonths(latest, -i));
  const failed = [overview, series, ranking, matrix, flow].some((q) => q.isError);
  const today = shanghaiToday();

  return (
    <div className="bulletin-page">
      <Flex className="bulletin-no-print bulletin-toolbar" gap={8} wrap justify="space-between">
        <Link to="/kpis" search={{ month }}>
          <Button icon={<ArrowLeftOutlined />}>{t('nav.kpis')}</Button>
        </Link>
        <Flex gap={8} wrap>
          <Select
            aria-label={t('exports.bulletin.pickMonth')}
            value={month}
            onChange={onMonthChange}
            options={months.map((m) => ({ value: m, label: monthLabel(m, language) }))}
            style={{ minWidth: 140 }}
          />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('exports.bulletin.print')}
          </Button>
        </Flex>
      </Flex>
      {failed ? (
        <Alert className="bulletin-no-print" type="error" showIcon title={t('exports.bulletin.failedLoad')} />
      ) : null}
      <article className="bulletin-sheet" aria-label={t('exports.bulletin.title', { scope })}>
        <header className="bulletin-header">
          <h1>{t('exports.bulletin.title', { scope })}</h1>
          <p className="bulletin-month">{monthLabel(month, language)}</p>
          <p className="bulletin-meta">
            {overview.data ? t('exports.bulletin.dataDate', { month: overview.data.dataDate }) : null}
            {' · '}
            {t('exports.bulletin.printedAt', { date: today })}
          </p>
          {matrix.data ? <ProvisionalNotice matrix={matrix.data} /> : null}
        </header>

        <Section title={t('exports.bulletin.kpis')} loading={!overview.data}>
          {overview.data ? (
            <HeadlineTable
              overview={overview.data}
              reviewPending={matrix.data ? coverageOf(matrix.data).pending : false}
            />
          ) : null}
        </Section>

        <div className="bulletin-columns">
          <Section title={t('exports.bulletin.trend')} loading={!series.data}>
            {series.data ? (
              <TrendChart series={series.data} month={month} pendingMonths={pendingMonths} />
            ) : null}
          </Section>
          <Section
            title={
              ranking.data && rankingUnit(ranking.data, language, t)
                ? t('exports.bulletin.rankingIn', {
                    kpi: localized(ranking.data.kpi.name, language),
                    unit: rankingUnit(ranking.data, language, t),
                  })
                : t('exports.bulletin.ranking', {
                    kpi: ranking.data ? localized(ranking.data.kpi.name, language) : '',
                  })
            }
            loading={!ranking.data}
          >
            {ranking.data ? (
              <RankingTables
                ranking={ranking.data}
                incomplete={
                  matrix.data && isBuiltFromReports(ranking.data.kpi) ? incompleteOf(matrix.data) : new Map()
                }
                awaiting={
                  matrix.data && isBuiltFromReports(ranking.data.kpi)
                    ? awaitingReviewOf(matrix.data)
                    : new Set()
                }
              />
            ) : null}
          </Section>
        </div>

        <div className="bulletin-columns">
          <Section title={t('exports.bulletin.reporting')} loading={!matrix.data || !overview.data}>
            {matrix.data && overview.data ? (
              <ReportingSummary matrix={matrix.data} overview={overview.data} />
            ) : null}
          </Section>
          <Section
            title={t('exports.bulletin.warnings', { count: warnings.data?.total ?? 0 })}
            loading={!warnings.data && !warnings.isError}
          >
            {warnings.data ? (
              warnings.data.items.length === 0 ? (
                <p>{t('exports.bulletin.noWarnings')}</p>
              ) : (
                <ul className="bulletin-list">
                  {warnings.data.items.map((w) => {
                    // the figure the cockpit's card says (闲置 24 个月, 月份 2026-10), not the bare period: an idle
                    // fund's period is the month its idleness began, which read as the day it was found
                    const headline = headlineOf(w);
                    return (
                      <li key={w.id}>
                        <SeverityTag severity={w.severity} /> {w.communityName ?? ''} ·{' '}
                        {localized(WARNING_KIND_LABELS[w.kind], language)} ·{' '}
                        {headline
                          ? t(`oversight.cockpit.headline.${headline.key}`, headline.values)
                          : w.period}
                      </li>
                    );
                  })}
                  {warnings.data.total > warnings.data.items.length ? (
                    <li className="bulletin-muted">
                      {t('exports.bulletin.moreWarnings', {
                        count: warnings.data.total - warnings.data.items.length,
                      })}
                    </li>
                  ) : null}
                </ul>
              )
            ) : null}
          </Section>
        </div>

        <Section title={t('exports.bulletin.funds')} loading={!flow.data}>
          {flow.data ? <FundFlows flow={flow.data} /> : null}
        </Section>

        <footer className="bulletin-footer">{t('exports.bulletin.footer')}</footer>
      </article>
    </div>
  );
}

function Section({ title, loading, children }: { title: string; loading: boolean; children: ReactNode }) {
  return (
    <section className="bulletin-section">
      <h2>{title}</h2>
      {loading ? <Skeleton active paragraph={{ rows: 3 }} title={false} /> : children}
    </section>
  );
}

/**
 * The month's headline KPIs with 环比 and 同比, red and green by the KPI's direction — except, while the month's
 * reports are in review, those summed from them: they read low, so their changes are printed uncoloured and marked.
 */
function HeadlineTable({ overview, reviewPending }: { overview: KpiOverview; reviewPending: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const items = HEADLINE.flatMap((key) =>
    overview.items.filter((item) => item.key === key && item.available),
  );
  const provisional = (item: KpiOverview['items'][number]) =>
    reviewPending && isBuiltFromReports(item.definition);
  const change = (item: KpiOverview['items'][number], earlier: 'previous' | 'samePeriodLastYear') => {
    const c = changeOf(item.definition, item.current, item[earlier], language);
    if (c.trend === null) return t('exports.bulletin.notAvailable');
    // the ASCII minus of every negative figure (formatFen's -0.04 万元, the charts' axes), not U+2212 beside it
    const sign = c.trend === 'up' ? '+' : c.trend === 'down' ? '-' : '±';
    const text = c.points ? t('exports.bulletin.points', { sign, amount: c.amount }) : `${sign}${c.amount}`;
    return <span data-tone={provisional(item) ? 'neutral' : c.tone}>{text}</span>;
  };
  // every amount of the table in one unit (万元 once any is 1 万元): 0.00 元 under 1,368.31 万元, or 3,000.00 元
  // beside 0.00 元 in one row, read as figures of different kinds
  const scale = fenScaleOf(
    items
      .filter((item) => item.definition.unit === 'fen')
      .flatMap((item) => [item.current?.value, item.previous?.value, item.samePeriodLastYear?.value])
      .map((v) => v ?? null),
  );
  const value = (item: KpiOverview['items'][number], figure: 'current' | 'previous' | 'samePeriodLastYear') =>
    formatKpiText(item.definition.unit, item[figure]?.value ?? null, language, t, scale);
  return (
    <table className="bulletin-table">
      <thead>
        <tr>
          <th>{t('exports.bulletin.kpi')}</th>
          <th>{t('exports.bulletin.thisMonth')}</th>
          <th className="bulletin-aux">{t('exports.bulletin.lastMonth')}</th>
          <th>{t('exports.bulletin.mom')}</th>
          <th className="bulletin-aux">{t('exports.bulletin.lastYear')}</th>
          <th>{t('exports.bulletin.yoy')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.key} data-kpi={item.key}>
            <th scope="row">
              {localized(item.definition.name, language)}
              {provisional(item) ? <sup>*</sup> : null}
            </th>
            <td>
              <strong>{value(item, 'current')}</strong>
            </td>
            <td className="bulletin-aux">{value(item, 'previous')}</td>
            <td>{change(item, 'previous')}</td>
            <td className="bulletin-aux">{value(item, 'samePeriodLastYear')}</td>
            <td>{change(item, 'samePeriodLastYear')}</td>
          </tr>
        ))}
      </tbody>
      {items.some(provisional) ? (
        <tfoot>
          <tr>
            <td colSpan={6} className="bulletin-muted">
              {t('exports.bulletin.provisionalMark')}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/** This year's 12 months against the 12 before, one line each, in 万元. */
function TrendChart({
  series,
  month,
  pendingMonths,
}: {
  series: KpiSeries;
  month: Month;
  /** the month, when its reports are not all approved: shaded and labelled, as on the cockpit */
  pendingMonths: ReadonlySet<string>;
}) {
  const { t, i18n } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const points = new Map((series.series[0]?.points ?? []).map((p) => [p.month, p.value]));
    const recent = Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
    const value = (m: string) => chartValue(series.kpi.unit, points.get(m) ?? null);
    const inReview = reviewMark({ kpi: series.kpi, months: recent }, pendingMonths, t('kpi.trend.inReview'));
    return {
      animation: false,
      grid: { left: 4, right: 8, top: 24, bottom: 28, containLabel: true },
      legend: { bottom: 0, itemHeight: 8, textStyle: { fontSize: 10 } },
      xAxis: {
        type: 'category',
        data: recent,
        axisLabel: { fontSize: 10, formatter: (m: string) => m.slice(5) },
      },
      yAxis: { type: 'value', axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'line',
          name: t('exports.bulletin.thisYear'),
          data: recent.map(value),
          showSymbol: false,
          ...(inReview ? { markLine: { symbol: 'none', silent: true, data: [inReview] } } : {}),
        },
        {
          type: 'line',
          name: t('exports.bulletin.previousYear'),
          data: recent.map((m) => value(addMonths(m as Month, -12))),
          showSymbol: false,
          lineStyle: { type: 'dashed' },
        },
      ],
    };
  }, [series, month, t, pendingMonths]);
  return <EChart option={option} label={t('exports.bulletin.trend')} height={190} key={i18n.language} />;
}

/** The unit of the printed ranking's figures (万元, 元, 个; none for a ratio, whose figures carry their %). */
function rankingUnit(ranking: KpiRanking, language: string, t: Parameters<typeof formatKpiValue>[3]): string {
  const scale = fenScaleOf(ranking.items.map((i) => i.value));
  const first = ranking.items.find((i) => i.value !== null)?.value ?? null;
  return formatKpiValue(ranking.kpi.unit, first, language, t, scale).unit;
}

function RankingTables({
  ranking,
  incomplete,
  awaiting,
}: {
  ranking: KpiRanking;
  /** communities not all of whose reports of the month are approved: their place is marked, not final */
  incomplete: ReadonlyMap<string, unknown>;
  /** communities with a report awaiting the district's review: not on the printed lists until it is reviewed */
  awaiting: ReadonlySet<string>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const ranked = ranking.items.filter((item) => item.rank !== null);
  // one unit for the top and bottom lists and the median, so that they compare
  const scale = fenScaleOf(ranking.items.map((i) => i.value));
  const text = (value: number | null) => formatKpiText(ranking.kpi.unit, value, language, t, scale);
  // the unit once, in the section's title (rankingUnit): beside each figure it made the two lists too wide for
  // their half of the page — an amount split as "0.00 万 / 元", or in English ran past the sheet; in the figures'
  // heading (数值（万元）) it wrapped over three lines beside a tie, or kept on one ran past the sheet
  const figure = (value: number | null) => formatKpiValue(ranking.kpi.unit, value, language, t, scale).text;
  // ties whole: the five tied for last are all on the printed list (one row, every name), not three of them
  const lists = rankListPlaces(ranked, 5, awaiting);
  // a run of places awaiting review names its first few: the page stays one sheet (the cockpit names them all)
  const awaitingNames = (items: readonly { communityName: string }[]) => {
    const names = (shown: readonly { communityName: string }[]) =>
      shown.map((item) => item.communityName).join(t('kpi.ranking.tieSeparator'));
    return items.length <= AWAITING_NAMES_SHOWN
      ? names(items)
      : t('kpi.ranking.tieMore', {
          names: names(items.slice(0, AWAITING_NAMES_SHOWN)),
          count: items.length,
          more: items.length - AWAITING_NAMES_SHOWN,
        });
  };
  const table = (title: string, places: RankPlace<(typeof ranked)[number]>[]) => (
    <table className="bulletin-table bulletin-compact bulletin-ranking">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t('exports.bulletin.rank')}</th>
          <th>{t('exports.bulletin.community')}</th>
          <th>{t('exports.bulletin.value')}</th>
        </tr>
      </thead>
      <tbody>
        {places.map(({ rank, lastRank, items, awaiting, tied }) =>
          awaiting ? (
            // not judged (ADR 0039): named greyed in its place, so that the list's numbers run on (1, 2, 3)
            <tr key={items[0]?.communityId ?? rank} data-awaiting-review>
              <td className="bulletin-muted">
                {rank === lastRank ? rank : `${rank}–${lastRank}`}
                {tied ? t('kpi.ranking.tied') : ''}
              </td>
              <td colSpan={2} className="bulletin-muted bulletin-awaiting">
                {t('kpi.ranking.awaitingPlace', { names: awaitingNames(items) })}
              </td>
            </tr>
          ) : (
            <tr key={items[0]?.communityId ?? rank}>
              <td>
                {rank}
                {tied ? t('kpi.ranking.tied') : ''}
              </td>
              <td>
                {items.map((item, i) => (
                  <span key={item.communityId}>
                    {i > 0 ? t('kpi.ranking.tieSeparator') : null}
                    <span className="bulletin-name">
                      {item.communityName}
                      {incomplete.has(item.communityId) ? <sup>*</sup> : null}
                    </span>
                  </span>
                ))}
              </td>
              <td>{figure(items[0]?.value ?? null)}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
  return (
    <>
      <div className="bulletin-pair">
        {table(t('exports.bulletin.top'), lists.top)}
        {table(t('exports.bulletin.bottom'), lists.bottom)}
      </div>
      {[...lists.top, ...lists.bottom].some(
        (place) => !place.awaiting && place.items.some((i) => incomplete.has(i.communityId)),
      ) ? (
        <p className="bulletin-muted">{t('exports.bulletin.rankingProvisionalMark')}</p>
      ) : null}
      <p className="bulletin-muted">
        {t('exports.bulletin.median', {
          // a median of an even count of amounts may fall on half a fen
          value: text(
            ranking.median === null ? null : Math.sign(ranking.median) * Math.round(Math.abs(ranking.median)),
          ),
        })}
      </p>
    </>
  );
}

function ReportingSummary({ matrix, overview }: { matrix: ReportingMatrix; overview: KpiOverview }) {
  const { t, i18n } = useTranslation();
  const sum = (key: 'expected' | 'received' | 'receivedOnTime') =>
    matrix.cells.reduce((total, cell) => total + cell[key], 0);
  const rateOf = (key: KpiKey) => {
    const value = overview.items.find((item) => item.key === key)?.current?.value;
    return value == null ? t('exports.bulletin.notAvailable') : formatRatio(value, i18n.language);
  };
  const missing = matrix.communities
    .filter((c) =>
      matrix.cells.some((cell) => cell.communityId === c.communityId && cell.state === 'missing'),
    )
    .map((c) => c.name);
  return (
    <>
      <p>
        {t('exports.bulletin.reportingSummary', {
          count: sum('expected'),
          received: sum('received'),
          onTime: sum('receivedOnTime'),
          rate: rateOf('reporting_rate'),
          onTimeRate: rateOf('on_time_rate'),
        })}
      </p>
      <p>
        {missing.length > 0
          ? t('exports.bulletin.missing', { names: missing.join(i18n.language === 'en' ? ', ' : '、') })
          : t('exports.bulletin.allReported')}
      </p>
    </>
  );
}

/** Inflows by source and outflows by use category, summed from the fund flow's links. */
function FundFlows({ flow }: { flow: FundFlow }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const columns = flowColumns(flow, language);
  const column = (kind: FlowColumn['kind']) =>
    (columns.find((c) => c.kind === kind)?.nodes ?? []).map((node) => ({
      label: node.label,
      fen: Math.max(node.inFen, node.outFen),
    }));
  const sources = column('source');
  const uses = column('category');
  // the totals and both tables in one unit, said once in each table's caption: "32.31 万元 · 0.00 元", or
  // 2.10 万元 above 9,976.00 元, read as different kinds of figure
  const scale = fenScaleOf([
    flow.inflowFen,
    flow.outflowFen,
    ...sources.map((r) => r.fen),
    ...uses.map((r) => r.fen),
  ]);
  const total = (fen: number) => formatKpiText('fen', fen, language, t, scale);
  const money = (fen: number) => formatKpiValue('fen', fen, language, t, scale).text;
  const unit = formatKpiValue('fen', 0, language, t, scale).unit;
  if (flow.links.length === 0) return <p>{t('exports.bulletin.noFlows')}</p>;
  // the five largest and the rest in one line: the page stays one sheet of A4
  const list = (title: string, rows: typeof sources) => {
    const shown = rows.length > FLOWS_SHOWN + 1 ? rows.slice(0, FLOWS_SHOWN) : rows;
    const rest = rows.slice(shown.length);
    return (
      <table className="bulletin-table bulletin-compact">
        <caption>{t('exports.bulletin.captionIn', { title, unit })}</caption>
        <tbody>
          {shown.map((row) => (
            <tr key={row.label}>
              <td>{row.label}</td>
              <td>{money(row.fen)}</td>
            </tr>
          ))}
          {rest.length > 0 ? (
            <tr>
              <td>{t('exports.bulletin.others', { count: rest.length })}</td>
              <td>{money(rest.reduce((sum, row) => sum + row.fen, 0))}</td>
            </tr>
          ) : null}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={2}>{t('exports.bulletin.none')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    );
  };
  return (
    <>
      <p>
        {t('exports.bulletin.inflow')} <strong>{total(flow.inflowFen)}</strong> ·{' '}
        {t('exports.bulletin.outflow')} <strong>{total(flow.outflowFen)}</strong>
      </p>
      <div className="bulletin-pair">
        {list(t('exports.bulletin.bySource'), sources)}
        {list(t('exports.bulletin.byUse'), uses)}
      </div>
    </>
  );
}

/**
 * The KPIs count approved reports only: a month still under review reads low and would be handed out as if final.
 * The headline says how many of the month's due reports are approved, on screen and on paper; nothing once all are.
 */
function ProvisionalNotice({ matrix }: { matrix: ReportingMatrix }) {
  const { t } = useTranslation();
  const { expected, approved, pending } = coverageOf(matrix);
  if (!pending) return null;
  return (
    <p className="bulletin-provisional" role="note">
      {t('exports.bulletin.provisional', { expected, approved })}
    </p>
  );
}
