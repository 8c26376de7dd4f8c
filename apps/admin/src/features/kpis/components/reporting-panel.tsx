import type { ReportingMatrix } from '@gongfu/contract';
import { Link, useNavigate } from '@tanstack/react-router';
import { Card, Flex, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { isDistrictScoped } from '../access';
import { useReportingMatrix } from '../api/get-reporting-matrix';
import {
  REPORTING_STATE_STYLE,
  type ReportingCell,
  ReportingMatrixChart,
} from '../charts/reporting-matrix-chart';
import { trailingYear } from '../search';
import { QueryState } from './query-state';

/** Who reported on time, late, not at all or was sent back, over twelve months: what offices chase monthly. */
/** Where a matrix cell leads in the review queue: its community and month, on the tab its state calls for. */
export function queueSearchFor(cell: ReportingCell) {
  const tab =
    cell.state === 'missing'
      ? ('missing' as const)
      : cell.state === 'returned'
        ? ('returned' as const)
        : cell.received > cell.approved
          ? ('submitted' as const)
          : ('approved' as const);
  return { tab, communityId: cell.communityId, month: cell.month };
}

export function ReportingPanel({ month }: { month: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // the review queue is the district's: its roles jump there from a cell
  const districtWide = isDistrictScoped(useActiveMembership());
  const range = trailingYear(month);
  // a cell opens the review queue on that community and month, on the tab its state calls for
  const openQueue = (cell: ReportingCell) => void navigate({ to: '/review', search: queueSearchFor(cell) });
  const query = useReportingMatrix(range);
  return (
    <Card
      title={t('kpi.reporting.title')}
      extra={
        <Flex gap={8} align="center" wrap>
          <Typography.Text type="secondary">{t('kpi.trend.range', range)}</Typography.Text>
          <ExportButton view="reporting-matrix" params={range} size="small" compact />
        </Flex>
      }
    >
      <QueryState
        query={query}
        rows={8}
        emptyText={t('kpi.reporting.empty')}
        isEmpty={(matrix) => matrix.communities.length === 0 || matrix.cells.every((c) => c.state === 'none')}
      >
        {(matrix) => (
          <ReportingBody
            matrix={matrix}
            month={month}
            {...(districtWide ? { onCellClick: openQueue } : {})}
          />
        )}
      </QueryState>
    </Card>
  );
}

function ReportingBody({
  matrix,
  month,
  onCellClick,
}: {
  matrix: ReportingMatrix;
  month: string;
  onCellClick?: (cell: ReportingCell) => void;
}) {
  const { t } = useTranslation();
  const cells = matrix.cells.filter((c) => c.month === month);
  const sum = (pick: (c: (typeof cells)[number]) => number) => cells.reduce((s, c) => s + pick(c), 0);
  const names = new Map(matrix.communities.map((c) => [c.communityId, c.name]));
  const toChase = cells.filter((c) => c.missing > 0 || c.returned > 0);
  // 应报 74 份, Returned 7 reports: counts of reports, unlike the heatmap's totals below (community-months)
  // the unit is the counted phrase less its number (份; report or reports), shown smaller beside the figure
  const reportUnit = (count: number) =>
    t('kpi.reporting.reportCount', { count }).replace(String(count), '').trim();
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('kpi.reporting.dueDay', { day: matrix.dueDay })}</Typography.Text>
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('kpi.reporting.month', { month })}
        </Typography.Title>
        <Flex gap={32} wrap>
          <Statistic
            title={t('kpi.reporting.expected')}
            value={sum((c) => c.expected)}
            suffix={reportUnit(sum((c) => c.expected))}
          />
          <Statistic
            title={t('kpi.reporting.received')}
            value={sum((c) => c.received)}
            suffix={reportUnit(sum((c) => c.received))}
          />
          <Statistic
            title={t('kpi.reporting.receivedOnTime')}
            value={sum((c) => c.receivedOnTime)}
            suffix={reportUnit(sum((c) => c.receivedOnTime))}
          />
          <Statistic
            title={t('kpi.reporting.state.late')}
            value={sum((c) => c.late)}
            suffix={reportUnit(sum((c) => c.late))}
          />
          <Statistic
            title={t('kpi.reporting.state.missing')}
            value={sum((c) => c.missing)}
            suffix={reportUnit(sum((c) => c.missing))}
          />
          <Statistic
            title={t('kpi.reporting.state.returned')}
            value={sum((c) => c.returned)}
            suffix={reportUnit(sum((c) => c.returned))}
          />
        </Flex>
      </div>
      <Flex gap={4} wrap align="center" aria-label={t('kpi.reporting.chase', { month })}>
        {toChase.length === 0 ? (
          <Typography.Text type="success">{t('kpi.reporting.chaseNone', { month })}</Typography.Text>
        ) : (
          <>
            <Typography.Text strong>
              {t('kpi.reporting.chase', { month })}
              {t('common.colon')}
            </Typography.Text>
            {toChase.map((cell) => (
              <Link
                key={cell.communityId}
                to="/communities/$communityId"
                params={{ communityId: cell.communityId }}
              >
                <Tag color={cell.missing > 0 ? 'red' : 'purple'}>
                  {names.get(cell.communityId)} ·{' '}
                  {[
                    cell.missing > 0
                      ? t('kpi.reporting.stateReports', {
                          state: t('kpi.reporting.state.missing'),
                          count: cell.missing,
                        })
                      : '',
                    cell.returned > 0
                      ? t('kpi.reporting.stateReports', {
                          state: t('kpi.reporting.state.returned'),
                          count: cell.returned,
                        })
                      : '',
                  ]
                    .filter(Boolean)
                    .join(t('kpi.reporting.listSeparator'))}
                </Tag>
              </Link>
            ))}
          </>
        )}
      </Flex>
      <ReportingMatrixChart
        matrix={matrix}
        label={t('kpi.reporting.chart')}
        {...(onCellClick ? { onCellClick } : {})}
      />
      <Flex gap={12} wrap>
        <Typography.Text type="secondary">{t('kpi.reporting.cellTotals')}</Typography.Text>
        {REPORTING_STATE_STYLE.map(({ state }) => (
          <Typography.Text key={state} type="secondary">
            {t('kpi.reporting.cellCount', {
              state: t(`kpi.reporting.state.${state}`),
              count: matrix.cells.filter((c) => c.state === state).length,
            })}
          </Typography.Text>
        ))}
      </Flex>
    </Flex>
  );
}
