import type { KpiKey, KpiOverview, KpiRanking } from '@gongfu/contract';
import type { PeriodKind } from '@gongfu/domain';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import {
  Card,
  Col,
  Flex,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../exports/components/export-button';
import { useKpiRanking } from '../api/get-kpi-ranking';
import { reportingMatrixQueryOptions } from '../api/get-reporting-matrix';
import { KpiRankingChart } from '../charts/kpi-ranking-chart';
import { fenScaleOf, formatKpiText, formatKpiValue, isBuiltFromReports, localized } from '../format';
import { type RankPlace, rankListPlaces } from '../rank-places';
import { KpiSelect } from './kpi-select';
import { QueryState, UnavailableNotice } from './query-state';
import { RankingTargetLegend, useRankingTargetColumn } from './ranking-target';
import { awaitingReviewOf, type Incomplete, incompleteOf } from './review-coverage-notice';

type RankingItem = KpiRanking['items'][number];

export function RankingPanel({
  overview,
  kpi,
  period,
  month,
  onKpiChange,
}: {
  overview: KpiOverview | undefined;
  kpi: KpiKey;
  period: PeriodKind;
  month: string;
  onKpiChange: (key: KpiKey) => void;
}) {
  const { t } = useTranslation();
  const query = useKpiRanking({ kpi, period, month });
  return (
    <Card
      title={t('kpi.ranking.title')}
      extra={
        <Flex gap={8} wrap>
          <KpiSelect overview={overview} value={kpi} onChange={onKpiChange} />
          <ExportButton view="kpi-ranking" params={{ kpi, period, month }} compact />
        </Flex>
      }
    >
      <QueryState
        query={query}
        rows={8}
        emptyText={t('kpi.ranking.empty')}
        isEmpty={(ranking) => ranking.available && ranking.items.length === 0}
      >
        {(ranking) =>
          ranking.available ? (
            <RankingBody ranking={ranking} />
          ) : (
            <UnavailableNotice message={ranking.unavailableReason?.message} />
          )
        }
      </QueryState>
    </Card>
  );
}

/**
 * The communities whose figure counts fewer reports than are due: approved < expected over the period's months up
 * to the data date (the reporting matrix, the same request as the review-coverage notice above the tabs). Only for
 * the KPIs built from the approved reports (venture level), not the reporting rates, which count what was received.
 */
function useIncomplete(ranking: KpiRanking): { incomplete: Map<string, Incomplete>; awaiting: Set<string> } {
  const fromReports = isBuiltFromReports(ranking.kpi);
  // nothing due: no months to count (and no request: `through` is before the period)
  const matrix = useQuery({
    ...reportingMatrixQueryOptions({ from: ranking.period.from, to: ranking.through }),
    enabled: fromReports && !ranking.nothingDue,
  });
  if (!fromReports || ranking.nothingDue || !matrix.data || matrix.isPlaceholderData) {
    return { incomplete: new Map(), awaiting: new Set() };
  }
  return { incomplete: incompleteOf(matrix.data), awaiting: awaitingReviewOf(matrix.data) };
}

/** The app shell's sticky header (antd's Layout.Header), under which the table's header row sticks. */
const APP_HEADER_PX = 64;

function RankingBody({ ranking }: { ranking: KpiRanking }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const language = i18n.language;
  const { unit } = ranking.kpi;
  const name = localized(ranking.kpi.name, language);
  const median = ranking.median;
  const ranked = ranking.items.filter((i) => i.rank !== null);
  // one unit down the column (and in the red and black lists): 4.75 万元 above 9,976.00 元 read as the smaller
  const scale = fenScaleOf(ranking.items.map((i) => i.value));
  const text = (value: number | null) => formatKpiText(unit, value, language, t, scale);
  const onOpen = useCallback(
    (communityId: string) => void navigate({ to: '/communities/$communityId', params: { communityId } }),
    [navigate],
  );

  const { incomplete, awaiting } = useIncomplete(ranking);
  const lists = rankListPlaces(ranked, 3, awaiting);
  const total = ranking.total ? formatKpiValue(unit, ranking.total.value, language, t) : null;
  const targetColumn = useRankingTargetColumn(ranking);
  const columns: TableColumnsType<RankingItem> = [
    {
      title: t('kpi.ranking.rank'),
      dataIndex: 'rank',
      width: 72,
      render: (rank: number | null) =>
        rank ?? <Typography.Text type="secondary">{t('kpi.ranking.unranked')}</Typography.Text>,
    },
    {
      title: t('kpi.ranking.community'),
      dataIndex: 'communityName',
      render: (communityName: string, row) => (
        <Link to="/communities/$communityId" params={{ communityId: row.communityId }}>
          {communityName}
        </Link>
      ),
    },
    {
      title: t('kpi.ranking.streetOffice'),
      dataIndex: 'streetOfficeName',
      responsive: ['md'],
      render: (v: string | null) => v ?? t('common.unknown'),
    },
    {
      title: t('kpi.ranking.value'),
      dataIndex: 'value',
      align: 'right',
      render: (v: number | null, row) => {
        const pending = incomplete.get(row.communityId);
        return (
          // the mark under the figure, not beside it: the column stays as wide as its figures
          <Flex vertical align="flex-end" gap={2}>
            <span>{text(v)}</span>
            {pending ? (
              <Tag style={{ marginInlineEnd: 0 }}>{t('kpi.ranking.incomplete', { ...pending })}</Tag>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: t('kpi.ranking.vsMedian'),
      key: 'vsMedian',
      render: (_: unknown, row) => {
        if (row.value === null || median === null) return t('common.unknown');
        if (row.value === median) return <Tag>{t('kpi.ranking.atMedian')}</Tag>;
        return row.value > median ? (
          <Tag color="blue">▲ {t('kpi.ranking.aboveMedian')}</Tag>
        ) : (
          <Tag>▼ {t('kpi.ranking.belowMedian')}</Tag>
        );
      },
    },
    ...(targetColumn ? [targetColumn] : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={32} wrap>
        <Statistic
          title={t('kpi.ranking.median')}
          value={median === null ? t('common.unknown') : text(median)}
        />
        {total ? <Statistic title={t('kpi.ranking.total')} value={total.text} suffix={total.unit} /> : null}
        <Statistic
          title={t('kpi.ranking.rankedCount', { period: localized(ranking.period.label, language) })}
          value={`${ranked.length} / ${ranking.items.length}`}
        />
      </Flex>
      <RankingTargetLegend ranking={ranking} />
      {!ranking.judged ? (
        <Typography.Text type="secondary">{t('kpi.ranking.notJudged')}</Typography.Text>
      ) : lists.judged >= 6 && lists.top.length > 0 ? (
        <Flex vertical gap={4}>
          <Flex gap={16} wrap>
            <RankList
              title={t('kpi.ranking.top')}
              color="red"
              places={lists.top}
              text={text}
              incomplete={incomplete}
            />
            {lists.bottom.length > 0 ? (
              <RankList
                title={t('kpi.ranking.bottom')}
                color="default"
                places={lists.bottom}
                text={text}
                incomplete={incomplete}
              />
            ) : null}
          </Flex>
          {/* a place on a list whose month is not all approved (a report missing or returned) is marked provisional */}
          {[...lists.top, ...lists.bottom].some(
            (place) => !place.awaiting && place.items.some((item) => incomplete.has(item.communityId)),
          ) ? (
            <Typography.Text type="secondary">{t('kpi.ranking.incompleteHint')}</Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      {/* side by side only from 1600 wide: at 1440 half the content width made the table (six columns, the target's
          tags) scroll sideways, in English the most */}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <KpiRankingChart ranking={ranking} label={t('kpi.ranking.chart', { name })} onOpen={onOpen} />
        </Col>
        <Col xs={24} xxl={12}>
          <Table<RankingItem>
            rowKey="communityId"
            size="small"
            columns={columns}
            dataSource={ranking.items}
            pagination={false}
            // every community on the page, no box of its own: a 640 px scrolling body showed 12–17 of 36 with
            // nothing saying the rest were inside it (and a pager would split the ranking it is there to compare);
            // the header row sticks under the app's header while the page scrolls. On a phone the columns scroll
            // inside the table, never off the page.
            sticky={{ offsetHeader: APP_HEADER_PX }}
            scroll={{ x: 'max-content' }}
          />
        </Col>
      </Row>
    </Flex>
  );
}

/** A tie of more than this many communities names the first few and counts the rest (all in its tooltip). */
const TIE_NAMES_SHOWN = 3;

/**
 * 红榜 / 黑榜: the first and last three places, ties whole, named in words as well as colours; a community awaiting
 * the district's review greyed in its place, not judged.
 */
function RankList({
  title,
  color,
  places,
  text,
  incomplete,
}: {
  title: string;
  color: string;
  places: RankPlace<RankingItem>[];
  text: (value: number | null) => string;
  incomplete: Map<string, Incomplete>;
}) {
  const { t } = useTranslation();
  const named = (item: RankingItem) =>
    `${item.communityName}${incomplete.has(item.communityId) ? t('kpi.ranking.incompleteMark') : ''}`;
  return (
    <Flex gap={4} wrap align="center" aria-label={title}>
      <Typography.Text strong>
        {title}
        {t('common.colon')}
      </Typography.Text>
      {places.map(({ rank, lastRank, items, awaiting, tied }) => {
        const [first] = items;
        if (!first) return null;
        // awaiting review: the reason is said once for the line, not marked on each name
        const name = awaiting ? (item: RankingItem) => item.communityName : named;
        const all = items.map(name).join(t('kpi.ranking.tieSeparator'));
        const names =
          items.length <= TIE_NAMES_SHOWN
            ? all
            : t('kpi.ranking.tieMore', {
                names: items.slice(0, TIE_NAMES_SHOWN).map(name).join(t('kpi.ranking.tieSeparator')),
                count: items.length,
                more: items.length - TIE_NAMES_SHOWN,
              });
        if (awaiting) {
          // not judged (ADR 0039): named greyed where its place is, so that the list's numbers run on (1, 2, 3)
          const line = (
            // Chinese breaks after a 、，： only, never inside a community's name
            <Typography.Text type="secondary" data-awaiting-review style={{ wordBreak: 'keep-all' }}>
              {rank === lastRank ? rank : `${rank}–${lastRank}`}. {t('kpi.ranking.awaitingPlace', { names })}
            </Typography.Text>
          );
          return items.length > TIE_NAMES_SHOWN ? (
            <Tooltip key={first.communityId} title={all}>
              {line}
            </Tooltip>
          ) : (
            <span key={first.communityId}>{line}</span>
          );
        }
        if (items.length === 1) {
          return (
            <Tag key={first.communityId} color={color}>
              {rank}. {named(first)}
              {tied ? t('kpi.ranking.tied') : ''} {text(first.value)}
            </Tag>
          );
        }
        return (
          <Tooltip key={first.communityId} title={all}>
            {/* a tie's names may be long: the tag wraps instead of running off a phone's screen */}
            <Tag color={color} style={{ whiteSpace: 'normal' }}>
              {rank}. {names}
              {t('kpi.ranking.tied')} {text(first.value)}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}
