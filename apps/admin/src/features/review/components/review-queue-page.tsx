import { LockOutlined, PaperClipOutlined, WarningOutlined } from '@ant-design/icons';
import type { ReportListItem, ReportStatusRow, StreetOffice, Venture } from '@gongfu/contract';
import { addMonths, can, daysBetween, formatYuan, type LocalDate } from '@gongfu/domain';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Grid,
  List,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { apiRequest } from '../../../lib/api-client';
import { instantText, shanghaiDayOfInstant, shanghaiToday } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { communitiesQueryOptions } from '../../communities/api/get-communities';
import { ExportButton } from '../../exports/components/export-button';
import { QueryState } from '../../kpis/components/query-state';
import { usePeriodLocks, useReportStatus, useReports } from '../../reports/api/reports';
import { daysUntil, monthLabel, openReportMonth } from '../../reports/format';
import type { ReviewSearch, ReviewSort, ReviewTab } from '../search';
import { BulkApproveBar } from './bulk-approve';
import { LockMonthDialog } from './lock-month-dialog';
import { ReviewDrawer } from './review-drawer';

const PAGE_SIZE = 20;

/**
 * The district's review queue (Ant Design Pro's table with status tabs): reports by status, filters and page in
 * the URL, a drawer per report, bulk approval from a footer bar, and locking a month.
 */
export function ReviewQueuePage({
  search,
  onSearch,
}: {
  search: ReviewSearch;
  onSearch: (patch: Partial<ReviewSearch>, options?: { replace?: boolean }) => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const membership = useActiveMembership();
  const mayReview = membership ? can(membership.role, 'report:approve') : false;
  const tab: ReviewTab = search.tab ?? 'submitted';
  const [selected, setSelected] = useState<ReportListItem[]>([]);
  const [lockOpen, setLockOpen] = useState(false);
  const language = i18n.language;

  const communities = useQuery(communitiesQueryOptions());
  const offices = useQuery({
    queryKey: ['street-offices'],
    queryFn: ({ signal }) => apiRequest<{ items: StreetOffice[] }>('/street-offices', { signal }),
    staleTime: 5 * 60_000,
  });
  const locks = usePeriodLocks(undefined);
  // a community's ventures, once a community is chosen (a district has hundreds)
  const ventures = useQuery({
    queryKey: ['ventures', 'of-community', search.communityId],
    queryFn: ({ signal }) =>
      apiRequest<{ items: Venture[] }>(`/ventures?communityId=${search.communityId}`, { signal }),
    enabled: search.communityId !== undefined,
    staleTime: 5 * 60_000,
  });
  const filters = { communityId: search.communityId, streetOfficeId: search.streetOfficeId };
  const reports = useReports(
    {
      status: tab === 'missing' ? undefined : tab,
      current: true,
      month: search.month,
      ...filters,
      ventureId: search.ventureId,
      page: search.page ?? 1,
      pageSize: PAGE_SIZE,
      sort: search.sort ?? (tab === 'submitted' ? 'submittedAt' : '-month'),
    },
    tab !== 'missing',
  );
  // the waiting tab's count, whichever tab is open: on that tab its own page's total; on another, one row of the
  // same filters for its total (the other tabs' counts would cost a request each; their table says its own total)
  const waiting = useReports(
    {
      status: 'submitted',
      current: true,
      month: search.month,
      ...filters,
      ventureId: search.ventureId,
      page: 1,
      pageSize: 1,
    },
    tab !== 'submitted',
  );
  const waitingTotal =
    tab === 'submitted' && !reports.isPlaceholderData ? reports.data?.total : waiting.data?.total;
  const missingMonth = search.month ?? openReportMonth();
  const missing = useReportStatus({ month: missingMonth, status: 'missing', ...filters }, tab === 'missing');

  const communityName = (id: string | null) =>
    communities.data?.items.find((c) => c.id === id)?.name ?? t('common.unknown');

  const months = Array.from({ length: 24 }, (_, i) => addMonths(openReportMonth(), -i));
  const sortOrder = (key: string) => {
    const sort = search.sort;
    if (sort === key) return 'ascend' as const;
    if (sort === `-${key}`) return 'descend' as const;
    return null;
  };

  const openReport = (report: string) => onSearch({ report }, { replace: false });

  const today = shanghaiToday();
  // the time that matters on each tab: when it came in (and how long it has waited), was sent back, or approved
  const timeColumns: ColumnsType<ReportListItem> =
    tab === 'approved' || tab === 'returned'
      ? [
          {
            title: t(tab === 'approved' ? 'review.column.approvedAt' : 'review.column.returnedAt'),
            dataIndex: 'reviewedAt',
            render: (at: string | null, row) => (
              <Flex vertical>
                <span>{at ? instantText(at) : '—'}</span>
                {row.reviewedByName ? (
                  <Typography.Text type="secondary">
                    {t('review.reviewer', { name: row.reviewedByName })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
        ]
      : [
          {
            title: t('review.column.submittedAt'),
            dataIndex: 'submittedAt',
            sorter: true,
            sortOrder: sortOrder('submittedAt'),
            render: (at: string | null) => (at ? instantText(at) : '—'),
          },
          {
            title: t('review.column.waiting'),
            key: 'waiting',
            align: 'right',
            render: (_: unknown, row) => waitedText(t, row.submittedAt, today),
          },
        ];

  const columns: ColumnsType<ReportListItem> = [
    {
      title: t('review.column.community'),
      dataIndex: 'communityName',
      sorter: true,
      sortOrder: sortOrder('communityName'),
    },
    {
      title: t('review.column.venture'),
      dataIndex: 'ventureName',
      sorter: true,
      sortOrder: sortOrder('ventureName'),
      render: (name: string, row) => (
        <Space size={6} wrap>
          <span>{name}</span>
          <AttachmentCount count={row.attachmentCount} />
        </Space>
      ),
    },
    {
      title: t('review.column.month'),
      dataIndex: 'month',
      sorter: true,
      sortOrder: sortOrder('month'),
      render: (month: string, row) =>
        row.timeliness === 'late' ? (
          <Space size={4} wrap>
            <span>{monthLabel(month, language)}</span>
            <LateTag report={row} />
          </Space>
        ) : (
          monthLabel(month, language)
        ),
    },
    ...timeColumns,
    {
      title: t('review.column.revenue'),
      dataIndex: 'revenueFen',
      align: 'right',
      render: (fen: number) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatYuan(fen, { grouping: true })}</span>
      ),
    },
    {
      title: t('review.column.flags'),
      dataIndex: 'flags',
      render: (flags: ReportListItem['flags'], row) =>
        flags.length > 0 ? (
          <FlagTag report={row} withFields />
        ) : (
          <Typography.Text type="secondary">{t('review.noFlags')}</Typography.Text>
        ),
    },
    // every row of the waiting tab is 已提交: the column would only repeat the tab
    ...(tab === 'submitted'
      ? []
      : [
          {
            title: t('review.column.status'),
            dataIndex: 'status',
            render: (status: ReportListItem['status']) => <Tag>{t(`reports.status.${status}`)}</Tag>,
          },
        ]),
    // Ant Design Pro's actions column: the row opens the drawer too, but nothing else on a desk says it can
    {
      title: t('review.column.action'),
      key: 'action',
      fixed: 'right',
      render: (_: unknown, row) => {
        const review = mayReview && row.status === 'submitted';
        const name = `${row.ventureName} · ${monthLabel(row.month, language)}`;
        return (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0 }}
            aria-label={t(review ? 'review.action.reviewOf' : 'review.action.viewOf', { name })}
            onClick={(event) => {
              // the row's own click opens the same drawer: one history entry, not two
              event.stopPropagation();
              openReport(row.id);
            }}
          >
            {t(review ? 'review.action.review' : 'review.action.view')}
          </Button>
        );
      },
    },
  ];

  const onTableChange: TableProps<ReportListItem>['onChange'] = (pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = typeof one?.field === 'string' ? one.field : undefined;
    const sort =
      field && one?.order ? ((one.order === 'descend' ? `-${field}` : field) as ReviewSort) : undefined;
    onSearch({ page: pagination.current && pagination.current > 1 ? pagination.current : undefined, sort });
  };

  const filterBar = (
    <Flex wrap gap={token.marginSM} align="center">
      <Select
        aria-label={t('review.filter.month')}
        allowClear
        placeholder={t('review.filter.allMonths')}
        value={search.month}
        onChange={(month?: string) => onSearch({ month, page: undefined })}
        options={months.map((m) => ({ value: m, label: monthLabel(m, language) }))}
        style={{ width: 150 }}
      />
      <Select
        aria-label={t('review.filter.streetOffice')}
        allowClear
        placeholder={t('review.filter.allStreetOffices')}
        value={search.streetOfficeId}
        onChange={(streetOfficeId?: string) => onSearch({ streetOfficeId, page: undefined })}
        options={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        style={{ width: 170 }}
      />
      <Select
        aria-label={t('review.filter.community')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('review.filter.allCommunities')}
        value={search.communityId}
        onChange={(communityId?: string) => onSearch({ communityId, ventureId: undefined, page: undefined })}
        options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        style={{ width: 190 }}
      />
      {search.communityId ? (
        <Select
          aria-label={t('review.filter.venture')}
          allowClear
          placeholder={t('review.filter.allVentures')}
          value={search.ventureId}
          loading={ventures.isPending}
          onChange={(ventureId?: string) => onSearch({ ventureId, page: undefined })}
          options={(ventures.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
          style={{ width: 190 }}
        />
      ) : null}
      {search.month || search.communityId || search.streetOfficeId ? (
        <Button
          type="link"
          onClick={() =>
            onSearch({
              month: undefined,
              communityId: undefined,
              ventureId: undefined,
              streetOfficeId: undefined,
              page: undefined,
            })
          }
        >
          {t('review.filter.reset')}
        </Button>
      ) : null}
    </Flex>
  );

  const lockedTags = (locks.data?.items ?? []).slice(0, 4);

  return (
    <PageContainer
      title={t('review.title')}
      extra={
        <>
          {tab === 'missing' ? null : (
            <ExportButton
              view="reports"
              params={{
                status: tab,
                current: true,
                month: search.month,
                ...filters,
                ventureId: search.ventureId,
                sort: search.sort ?? (tab === 'submitted' ? 'submittedAt' : '-month'),
              }}
            />
          )}
          {mayReview ? (
            <Button icon={<LockOutlined />} onClick={() => setLockOpen(true)}>
              {t('review.lock.button')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card size="small" style={{ paddingBottom: selected.length > 0 ? 64 : 0 }}>
        <Tabs
          activeKey={tab}
          // on a phone the default 32 px between tabs puts the fourth behind "···": all four at a glance
          tabBarGutter={screens.md ? undefined : token.margin}
          onChange={(key) => {
            setSelected([]);
            onSearch({ tab: key as ReviewTab, page: undefined, sort: undefined });
          }}
          items={(['submitted', 'returned', 'approved', 'missing'] as const).map((key) => ({
            key,
            label:
              key === 'submitted' && waitingTotal !== undefined
                ? t('review.tabCount', {
                    label: t('review.tab.submitted'),
                    count: waitingTotal,
                  })
                : t(`review.tab.${key}`),
          }))}
        />
        <Flex vertical gap={token.marginSM}>
          {filterBar}
          {lockedTags.length > 0 ? (
            <Flex wrap gap={4} align="center">
              <Typography.Text type="secondary">
                <LockOutlined /> {t('review.lock.locked')}
              </Typography.Text>
              {lockedTags.map((lock) => (
                <Tag key={lock.id}>
                  {lock.communityId
                    ? t('review.lock.lockedOne', {
                        month: monthLabel(lock.month, language),
                        community: communityName(lock.communityId),
                      })
                    : t('review.lock.lockedWhole', { month: monthLabel(lock.month, language) })}
                </Tag>
              ))}
            </Flex>
          ) : null}
          {tab === 'missing' ? (
            <QueryState
              query={missing}
              emptyText={t('review.empty.missing', { month: monthLabel(missingMonth, language) })}
              isEmpty={(data) => data.items.length === 0}
            >
              {(data) => <MissingList rows={data.items} />}
            </QueryState>
          ) : (
            <QueryState
              query={reports}
              emptyText={t(`review.empty.${tab}`)}
              isEmpty={(data) => data.total === 0}
            >
              {(data) =>
                screens.md ? (
                  <Table<ReportListItem>
                    rowKey="id"
                    size="middle"
                    columns={columns}
                    dataSource={data.items}
                    scroll={{ x: 900 }}
                    onChange={onTableChange}
                    onRow={(record) => ({
                      onClick: () => openReport(record.id),
                      style: { cursor: 'pointer' },
                    })}
                    rowSelection={
                      tab === 'submitted' && mayReview
                        ? {
                            selectedRowKeys: selected.map((r) => r.id),
                            onChange: (_keys, rows) => setSelected(rows),
                            // a flagged report is reviewed on its own: the disabled box says why, on hover and to
                            // a screen reader (antd's default name is an English "Select row 1")
                            getCheckboxProps: (record) => {
                              const name = `${record.ventureName} · ${monthLabel(record.month, language)}`;
                              return record.flags.length > 0
                                ? { disabled: true, 'aria-label': t('review.flaggedRow', { name }) }
                                : { 'aria-label': t('review.selectRow', { name }) };
                            },
                            renderCell: (_checked, record, _index, node) =>
                              record.flags.length > 0 ? (
                                <Tooltip title={t('review.flaggedNotBulk')}>
                                  <span>{node}</span>
                                </Tooltip>
                              ) : (
                                node
                              ),
                          }
                        : undefined
                    }
                    pagination={{
                      current: data.page,
                      pageSize: data.pageSize,
                      total: data.total,
                      showSizeChanger: false,
                      showTotal: (total) => t('review.total', { count: total }),
                    }}
                  />
                ) : (
                  <List
                    dataSource={data.items}
                    rowKey="id"
                    pagination={{
                      current: data.page,
                      pageSize: data.pageSize,
                      total: data.total,
                      simple: true,
                      onChange: (page) => onSearch({ page: page > 1 ? page : undefined }),
                    }}
                    renderItem={(report) => (
                      <List.Item onClick={() => openReport(report.id)} style={{ cursor: 'pointer' }}>
                        <List.Item.Meta
                          title={
                            <Button
                              type="link"
                              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                            >
                              {report.ventureName} · {monthLabel(report.month, language)}
                            </Button>
                          }
                          description={
                            <Space wrap size={4}>
                              <span>{report.communityName}</span>
                              <span>
                                {t('review.yuan', {
                                  amount: formatYuan(report.revenueFen, { grouping: true }),
                                })}
                              </span>
                              {tab === 'submitted' ? (
                                <span>
                                  {t('review.column.waiting')}
                                  {t('common.colon')}
                                  {waitedText(t, report.submittedAt, today)}
                                </span>
                              ) : report.reviewedAt ? (
                                <span>
                                  {t(
                                    tab === 'approved'
                                      ? 'review.column.approvedAt'
                                      : 'review.column.returnedAt',
                                  )}
                                  {t('common.colon')}
                                  {instantText(report.reviewedAt)}
                                </span>
                              ) : null}
                              {/* who approved or returned it, as the desk's column says */}
                              {tab !== 'submitted' && report.reviewedByName ? (
                                <span>{t('review.reviewer', { name: report.reviewedByName })}</span>
                              ) : null}
                              {report.timeliness === 'late' ? <LateTag report={report} /> : null}
                              {report.flags.length > 0 ? <FlagTag report={report} /> : null}
                              <AttachmentCount count={report.attachmentCount} />
                            </Space>
                          }
                        />
                      </List.Item>
                    )}
                  />
                )
              }
            </QueryState>
          )}
        </Flex>
      </Card>
      {selected.length > 0 ? <BulkApproveBar reports={selected} onDone={() => setSelected([])} /> : null}
      <ReviewDrawer
        reportId={search.report}
        onClose={() => onSearch({ report: undefined }, { replace: false })}
        onOpenReport={(report) => onSearch({ report }, { replace: false })}
      />
      <LockMonthDialog
        open={lockOpen}
        onClose={() => setLockOpen(false)}
        communities={communities.data?.items ?? []}
      />
    </PageContainer>
  );
}

/** Whole Shanghai days since the (latest) submission: the time the report has waited in the queue. */
function waitedText(t: TFunction, submittedAt: string | null, today: LocalDate): string {
  if (!submittedAt) return '—';
  const days = daysBetween(shanghaiDayOfInstant(submittedAt) as LocalDate, today);
  // submitted today (Shanghai): it has waited less than a day, which is what the column asks
  if (days <= 0) return t('review.waited.underOne');
  return days === 1 ? t('review.waited.one') : t('review.waited.days', { count: days });
}

/** 逾期报送: first submitted after the month's due day (a resubmission after a return does not count). */
function LateTag({ report }: { report: ReportListItem }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      title={t('review.lateTip', {
        due: report.dueDate,
        at: report.firstSubmittedAt ? instantText(report.firstSubmittedAt) : '—',
      })}
    >
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        {t('review.late')}
      </Tag>
    </Tooltip>
  );
}

/**
 * A report's flags: to check while it waits; explained once approved (a submission needs an explanation of every
 * flag, and the reviewer has accepted them).
 */
function FlagTag({ report, withFields = false }: { report: ReportListItem; withFields?: boolean }) {
  const { t } = useTranslation();
  const count = report.flags.length;
  const settled = report.status === 'approved' || report.status === 'locked';
  const tag = settled ? (
    <Tag>{t('review.flagExplained', { count })}</Tag>
  ) : (
    <Tag color="warning" icon={<WarningOutlined />}>
      {t('review.flagCount', { count })}
    </Tag>
  );
  return withFields ? (
    <Tooltip title={report.flags.map((f) => t(`reports.figure.${f.field}`)).join('、')}>{tag}</Tooltip>
  ) : (
    tag
  );
}

function MissingList({ rows }: { rows: ReportStatusRow[] }) {
  const { t } = useTranslation();
  return (
    <List
      dataSource={rows}
      rowKey="ventureId"
      renderItem={(row) => (
        <List.Item>
          <List.Item.Meta
            title={row.ventureName}
            description={
              <Space wrap size={4}>
                <span>{row.communityName}</span>
                <span>
                  {t('review.column.dueDate')} {row.dueDate}
                </span>
                <Tag color="error" icon={<WarningOutlined />}>
                  {t('reporting.todo.overdue', { count: Math.max(0, -daysUntil(row.dueDate)) })}
                </Tag>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/**
 * How many files back a report (ADR 0041), nothing when there are none: a tag of its own that says "附件", so the
 * count beside the venture's name is not read as part of the name.
 */
function AttachmentCount({ count }: { count: number | null }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <Tag icon={<PaperClipOutlined />} style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}>
      {t('review.attachmentCount', { count })}
    </Tag>
  );
}
