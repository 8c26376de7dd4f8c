import { CheckOutlined, RollbackOutlined, WarningOutlined } from '@ant-design/icons';
import type { ApprovalPreview, ReportDetail, ReportFigureField } from '@gongfu/contract';
import {
  can,
  formatYuan,
  median,
  plausibilityRuleText,
  REPORT_FIGURE_FIELDS,
  reportFigureText,
} from '@gongfu/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Grid,
  Input,
  List,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';
import { useActiveMembership, useMe } from '../../auth/api/get-me';
import {
  useApprovalPreview,
  useReport,
  useReportHistory,
  useReportTransition,
} from '../../reports/api/reports';
import { PostingsList } from '../../reports/components/postings-list';
import { ReportAttachments } from '../../reports/components/report-attachments';
import { ReportEvents } from '../../reports/components/report-events';
import { figureLabel } from '../../reports/figures';
import { monthLabel } from '../../reports/format';
import { percentText } from '../../settings/format';

/** One report under review: its figures beside the venture's year, flags with explanations, history, actions. */
export function ReviewDrawer({
  reportId,
  onClose,
  onOpenReport,
}: {
  reportId: string | undefined;
  onClose: () => void;
  /** opens another report in the drawer (an earlier month still to review) */
  onOpenReport?: (reportId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const report = useReport(reportId);
  const data = report.data;
  return (
    <Drawer
      open={reportId !== undefined}
      onClose={onClose}
      size={screens.lg ? 760 : '100%'}
      title={
        data
          ? t('review.drawer.title', {
              venture: `${data.communityName} · ${data.ventureName}`,
              month: monthLabel(data.month, i18n.language),
            })
          : t('review.title')
      }
      destroyOnHidden
    >
      {report.isError ? (
        <Alert
          type="error"
          showIcon
          title={report.error.message}
          action={<Button onClick={() => void report.refetch()}>{t('common.retry')}</Button>}
        />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <ReviewBody report={data} onDone={onClose} onOpenReport={onOpenReport} />
      )}
    </Drawer>
  );
}

function ReviewBody({
  report,
  onDone,
  onOpenReport,
}: {
  report: ReportDetail;
  onDone: () => void;
  onOpenReport: ((reportId: string) => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const me = useMe();
  const membership = useActiveMembership();
  const language = i18n.language;
  const mayReview = membership ? can(membership.role, 'report:approve') : false;
  const awaiting = report.status === 'submitted';
  const history = useReportHistory(report.ventureId, report.month);
  const preview = useApprovalPreview(awaiting && mayReview ? report.id : undefined);
  const transition = useReportTransition();
  const [mode, setMode] = useState<'idle' | 'return' | 'approve'>('idle');
  const [comment, setComment] = useState('');
  const [fields, setFields] = useState<ReportFigureField[]>([]);
  const [commentError, setCommentError] = useState<string | null>(null);
  const flagged = new Set(report.flags.map((f) => f.field));

  const months = history.data?.months ?? [];
  // the month the "latest" column shows: the newest of the 12 with approved figures
  const latestMonth = months.findLast((m) => m.figures !== null)?.month;
  const earlier = report.earlierUnapproved ?? [];
  const rows = REPORT_FIGURE_FIELDS.map((field) => {
    const values = months.flatMap((m) => (m.figures ? [m.figures[field]] : []));
    return {
      field,
      value: report[field],
      median: values.length > 0 ? median(values) : null,
      latest: values.at(-1) ?? null,
    };
  });

  const phone = screens.md === false;
  const latestTitle = latestMonth
    ? t('review.drawer.lastApprovedOf', { month: monthLabel(latestMonth, language) })
    : t('review.drawer.lastApproved');
  const figureText = (field: ReportFigureField, value: number | null) =>
    value === null ? '—' : reportFigureText(field, value, localeOf(language));
  const figureName = (field: ReportFigureField) => (
    <span>
      {t(figureLabel(field))}
      {flagged.has(field) ? (
        <Tag color="warning" icon={<WarningOutlined />} style={{ marginInlineStart: 6 }}>
          {t('review.drawer.flagged')}
        </Tag>
      ) : null}
    </span>
  );

  const act = async (action: 'return' | 'approve') => {
    if (action === 'return' && !comment.trim()) {
      setCommentError(t('review.drawer.returnCommentRequired'));
      return;
    }
    try {
      await transition.mutateAsync({
        id: report.id,
        action,
        body:
          action === 'return'
            ? { version: report.version, comment: comment.trim(), fields }
            : { version: report.version },
      });
      void message.success(action === 'return' ? t('review.drawer.returned') : t('review.drawer.approved'));
      onDone();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Flex vertical gap={token.margin}>
      <Flex wrap gap={4}>
        <Tag>{t(`reports.status.${report.status}`)}</Tag>
        {report.revision > 1 ? (
          <Tag>{t('reporting.form.revision', { revision: report.revision })}</Tag>
        ) : null}
      </Flex>
      {!mayReview ? (
        <Alert type="info" showIcon title={t('review.drawer.cannotReview')} />
      ) : !awaiting ? (
        <Alert type="info" showIcon title={t('review.drawer.notSubmitted')} />
      ) : (
        <Card size="small" style={{ borderColor: token.colorPrimaryBorder }}>
          {earlier.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: token.marginSM }}
              title={t('review.drawer.earlierUnapproved', {
                months: earlier
                  .map((e) =>
                    t('review.drawer.earlierMonth', {
                      month: monthLabel(e.month, language),
                      status: t(`review.drawer.earlierStatus.${e.status}`),
                    }),
                  )
                  .join(language === 'en' ? ', ' : '、'),
              })}
              description={
                onOpenReport ? (
                  <Flex wrap gap={token.marginSM}>
                    {earlier.map((e) => (
                      <Typography.Link key={e.reportId} onClick={() => onOpenReport(e.reportId)}>
                        {t('review.drawer.openEarlier', { month: monthLabel(e.month, language) })}
                      </Typography.Link>
                    ))}
                  </Flex>
                ) : undefined
              }
            />
          ) : null}
          {mode === 'return' ? (
            <Flex vertical gap={8}>
              <label htmlFor="return-comment">{t('review.drawer.returnComment')}</label>
              <Input.TextArea
                id="return-comment"
                value={comment}
                status={commentError ? 'error' : undefined}
                placeholder={t('review.drawer.returnCommentPlaceholder')}
                autoSize={{ minRows: 2 }}
                maxLength={2000}
                onChange={(e) => {
                  setComment(e.target.value);
                  setCommentError(null);
                }}
              />
              {commentError ? <Typography.Text type="danger">{commentError}</Typography.Text> : null}
              <label htmlFor="return-fields">{t('review.drawer.returnFields')}</label>
              <Select
                id="return-fields"
                mode="multiple"
                value={fields}
                onChange={setFields}
                options={REPORT_FIGURE_FIELDS.map((field) => ({
                  value: field,
                  label: t(figureLabel(field)),
                }))}
              />
              <Flex gap={8} wrap>
                <Button
                  danger
                  type="primary"
                  loading={transition.isPending}
                  onClick={() => void act('return')}
                >
                  {t('review.drawer.confirmReturn')}
                </Button>
                <Button onClick={() => setMode('idle')}>{t('common.cancel')}</Button>
              </Flex>
            </Flex>
          ) : mode === 'approve' ? (
            <Flex vertical gap={8}>
              <Typography.Text strong>{t('review.drawer.previewTitle')}</Typography.Text>
              {preview.isPending ? (
                <Typography.Text type="secondary">{t('review.drawer.loadingPreview')}</Typography.Text>
              ) : preview.isError ? (
                <Alert type="error" showIcon title={preview.error.message} />
              ) : (
                <>
                  <DistributableParts preview={preview.data} />
                  <PostingsList postings={preview.data.postings} emptyText={t('reporting.form.noPostings')} />
                </>
              )}
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={transition.isPending}
                  disabled={!preview.isSuccess}
                  onClick={() => void act('approve')}
                >
                  {t('review.drawer.confirmApprove')}
                </Button>
                <Button onClick={() => setMode('idle')}>{t('common.cancel')}</Button>
              </Flex>
            </Flex>
          ) : (
            <Flex gap={8} wrap>
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setMode('approve')}>
                {t('review.drawer.approveAction')}
              </Button>
              <Button danger icon={<RollbackOutlined />} onClick={() => setMode('return')}>
                {t('review.drawer.returnAction')}
              </Button>
            </Flex>
          )}
        </Card>
      )}
      {report.flags.length > 0 ? (
        <Card
          size="small"
          title={
            <span>
              <WarningOutlined style={{ color: token.colorWarning }} /> {t('review.drawer.flags')}
            </span>
          }
        >
          <Flex vertical gap={8}>
            {/* one entry a figure: two rules on the same figure (below its range, and no cost beside revenue)
                read as the figure listed twice, with its one explanation repeated */}
            {flagsByField(report.flags).map(([field, flags]) => (
              <div key={field}>
                <Typography.Text strong>{t(figureLabel(field))}</Typography.Text>
                <Typography.Text>
                  {t('common.colon')}
                  {reportFigureText(field, flags[0]?.value ?? 0, localeOf(language))} —{' '}
                </Typography.Text>
                {flags.map((flag, index) => (
                  <Typography.Text key={flag.rule} type="warning">
                    {index > 0 ? t('review.drawer.flagSeparator') : null}
                    {plausibilityRuleText(flag, localeOf(language))}
                  </Typography.Text>
                ))}
                <div>
                  <Typography.Text type="secondary">{t('review.drawer.explanation')}</Typography.Text>
                  {report.explanations[field] ?? t('review.drawer.noExplanation')}
                </div>
              </div>
            ))}
          </Flex>
        </Card>
      ) : null}
      <Card size="small" title={t('review.drawer.figures')}>
        {phone ? (
          // on a phone each figure is a line of its own, this month's value beside its name and the comparison
          // beneath: a reviewer reads all three without scrolling sideways
          <List
            size="small"
            split
            dataSource={rows}
            rowKey="field"
            renderItem={(row) => (
              <List.Item className="review-figure" style={{ paddingInline: 0 }}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="baseline" gap={8}>
                    {figureName(row.field)}
                    <Typography.Text strong={flagged.has(row.field)} style={{ whiteSpace: 'nowrap' }}>
                      {figureText(row.field, row.value)}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {t('review.drawer.median')}
                      {t('common.colon')}
                      {figureText(row.field, row.median)}
                    </span>
                    {t('review.drawer.partSeparator')}
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {latestTitle}
                      {t('common.colon')}
                      {figureText(row.field, row.latest)}
                    </span>
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t('review.drawer.figure'),
                dataIndex: 'field',
                render: (field: ReportFigureField) => figureName(field),
              },
              {
                title: t('review.drawer.thisMonth'),
                dataIndex: 'value',
                align: 'right',
                onCell: keepOnOneLine,
                onHeaderCell: keepOnOneLine,
                render: (value: number, row) => (
                  <Typography.Text strong={flagged.has(row.field)}>
                    {figureText(row.field, value)}
                  </Typography.Text>
                ),
              },
              {
                title: t('review.drawer.median'),
                dataIndex: 'median',
                align: 'right',
                onCell: keepOnOneLine,
                onHeaderCell: keepOnOneLine,
                render: (value: number | null, row) => figureText(row.field, value),
              },
              {
                title: latestTitle,
                dataIndex: 'latest',
                align: 'right',
                onCell: keepOnOneLine,
                onHeaderCell: keepOnOneLine,
                render: (value: number | null, row) => figureText(row.field, value),
              },
            ]}
          />
        )}
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          {t('reporting.form.profit')}
          {t('common.colon')}
          {t('review.yuan', {
            amount: formatYuan(report.revenueFen - report.operatingCostFen, { grouping: true }),
          })}
        </Typography.Paragraph>
      </Card>
      {report.notes ? (
        <Card size="small" title={t('review.drawer.notes')}>
          {report.notes}
        </Card>
      ) : null}
      <ReportAttachments reportId={report.id} />
      {report.status === 'approved' || report.status === 'locked' ? (
        // posted already: the clerk's page says the same (not "will be posted on approval")
        <Card size="small" title={t('reporting.form.posted')}>
          <PostingsList postings={report.postings} emptyText={t('reporting.form.noPostings')} withTotal />
        </Card>
      ) : null}
      <Card size="small" title={t('review.drawer.history')}>
        <ReportEvents events={report.events} myUserId={me.user.id} />
      </Card>
    </Flex>
  );
}

/** A report's flags by figure, in the order the figures were first flagged. */
function flagsByField<F extends { field: ReportFigureField }>(
  flags: readonly F[],
): [ReportFigureField, F[]][] {
  const byField = new Map<ReportFigureField, F[]>();
  for (const flag of flags) byField.set(flag.field, [...(byField.get(flag.field) ?? []), flag]);
  return [...byField];
}

// an amount is read whole: "41,234.56 yuan" must not break before its unit in a narrow column (the name wraps);
// nor a header ("近 12 月中位数" broke after 中): a phone lists the figures instead of the table
const keepOnOneLine = () => ({ style: { whiteSpace: 'nowrap' as const } });

/**
 * Where the distributable amount comes from, so that a reviewer can sign it: the month's profit, the community's
 * share of it by its holdings, and the operator's remittance. In a loss month the share counts as 0 — a loss lowers
 * the community's income but is not taken back out of funds whose money may already be spent.
 */
function DistributableParts({ preview }: { preview: ApprovalPreview }) {
  const { t } = useTranslation();
  const yuan = (fen: number) => t('review.yuan', { amount: formatYuan(fen, { grouping: true }) });
  const loss = preview.communityProfitShareFen < 0;
  return (
    <Flex vertical gap={4}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'profit', label: t('review.drawer.parts.profit'), children: yuan(preview.profitFen) },
          {
            key: 'share',
            label: t('review.drawer.parts.communityShare', { share: percentText(preview.communityShareBp) }),
            children: yuan(preview.communityProfitShareFen),
          },
          {
            key: 'remittance',
            label: t('review.drawer.parts.remittance'),
            children: yuan(preview.remittanceReceivedFen),
          },
          {
            key: 'distributable',
            label: <Typography.Text strong>{t('review.drawer.parts.distributable')}</Typography.Text>,
            children: <Typography.Text strong>{yuan(preview.distributableProfitFen)}</Typography.Text>,
          },
        ]}
      />
      {loss ? <Typography.Text type="secondary">{t('review.drawer.parts.lossNote')}</Typography.Text> : null}
    </Flex>
  );
}
