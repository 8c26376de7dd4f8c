import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import type { ReportStatusRow } from '@gongfu/contract';
import { addMonths, type Month } from '@gongfu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Card, Empty, Flex, Select, Skeleton, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import type { ApiError } from '../../../lib/api-client';
import {
  createReport,
  reportsQueryKey,
  useReport,
  useReportStatus,
  useReports,
} from '../../reports/api/reports';
import { monthLabel, openReportMonth } from '../../reports/format';
import { ReportEditor } from './report-editor';

export interface ReportContext {
  ventureId?: string | undefined;
  month: string;
}

/** The months a clerk may pick: this month back two years (the open month is the usual one). */
function monthChoices(now = new Date()): Month[] {
  const latest = addMonths(openReportMonth(now), 1);
  return Array.from({ length: 24 }, (_, i) => addMonths(latest, -i));
}

/**
 * The monthly report form, DHIS2-style: the context (community, venture, month) in a bar on top and in the URL;
 * below it the report of that venture and month — started here if there is none yet.
 */
export function ReportFormPage({
  context,
  onContextChange,
}: {
  context: ReportContext;
  onContextChange: (next: ReportContext) => void;
}) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const status = useReportStatus({ month: context.month });
  const ventures = status.data?.items ?? [];
  const selected = ventures.find((v) => v.ventureId === context.ventureId);

  return (
    <PageContainer
      title={t('reporting.form.title')}
      documentTitle={selected ? `${selected.ventureName} · ${context.month}` : t('reporting.form.title')}
      extra={
        <Link to="/reporting">
          <Button>{t('reporting.form.backToTodo')}</Button>
        </Link>
      }
    >
      <Card size="small" style={{ marginBottom: token.margin }}>
        <Flex wrap gap={token.margin} align="end">
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0, flex: '1 1 220px' }}>
            <label htmlFor="context-venture">
              <Typography.Text type="secondary">{t('reporting.form.venture')}</Typography.Text>
            </label>
            <Select
              id="context-venture"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('reporting.form.pickVenture')}
              loading={status.isPending}
              value={context.ventureId}
              onChange={(ventureId: string) => onContextChange({ ...context, ventureId })}
              options={ventures.map((v: ReportStatusRow) => ({
                value: v.ventureId,
                label: `${v.ventureName} · ${v.communityName}`,
              }))}
              style={{ width: '100%' }}
            />
          </div>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4, flex: '0 1 160px' }}>
            <label htmlFor="context-month">
              <Typography.Text type="secondary">{t('reporting.form.month')}</Typography.Text>
            </label>
            <Select
              id="context-month"
              value={context.month}
              onChange={(month: string) => onContextChange({ ...context, month })}
              options={monthChoices().map((m) => ({ value: m, label: monthLabel(m, i18n.language) }))}
              style={{ width: '100%' }}
            />
          </div>
          {selected ? (
            <Flex vertical gap={4} style={{ flex: '1 1 160px' }}>
              <Typography.Text type="secondary">{t('reporting.form.community')}</Typography.Text>
              <Typography.Text strong>{selected.communityName}</Typography.Text>
            </Flex>
          ) : null}
        </Flex>
      </Card>
      {status.isError ? (
        <Alert
          type="error"
          showIcon
          title={status.error.message}
          action={<Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>}
        />
      ) : status.isPending ? (
        <Skeleton active />
      ) : ventures.length === 0 ? (
        <Empty description={t('reporting.form.noVentures')} />
      ) : context.ventureId && selected ? (
        <ReportOfMonth
          key={`${context.ventureId}:${context.month}`}
          venture={selected}
          month={context.month}
        />
      ) : (
        <Empty description={t('reporting.form.pickVenture')} />
      )}
    </PageContainer>
  );
}

/** The current revision of the venture's month, or a way to start it. */
function ReportOfMonth({ venture, month }: { venture: ReportStatusRow; month: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const found = useReports({ ventureId: venture.ventureId, month, current: true, pageSize: 5 });
  // the latest revision (an amendment's draft, once one is opened, rather than the approved revision it corrects)
  const reportId = found.data?.items.reduce<(typeof found.data.items)[number] | undefined>(
    (latest, r) => (latest && latest.revision >= r.revision ? latest : r),
    undefined,
  )?.id;
  const detail = useReport(reportId);
  const start = useMutation<unknown, ApiError>({
    mutationFn: () => createReport({ ventureId: venture.ventureId, month }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportsQueryKey }),
  });

  const failed = found.error ?? detail.error;
  if (failed) {
    return (
      <Alert
        type="error"
        showIcon
        title={failed.message}
        action={
          <Button onClick={() => void (found.isError ? found.refetch() : detail.refetch())}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (found.isPending || (reportId && detail.isPending)) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!reportId) {
    return (
      <Card>
        <Flex vertical align="center" gap={12} style={{ padding: 24, textAlign: 'center' }}>
          <Typography.Text>
            {t('reporting.form.startHint', {
              venture: venture.ventureName,
              month: monthLabel(month, i18n.language),
            })}
          </Typography.Text>
          {venture.locked ? (
            <Alert type="info" showIcon title={t('reporting.form.periodLocked', { month })} />
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={start.isPending}
              onClick={() => start.mutate()}
            >
              {t('reporting.form.start', { month: monthLabel(month, i18n.language) })}
            </Button>
          )}
          {start.error ? <Alert type="error" showIcon title={start.error.message} /> : null}
        </Flex>
      </Card>
    );
  }
  if (!detail.data) return <Skeleton active />;
  return (
    <ReportEditor
      key={`${detail.data.id}`}
      report={detail.data}
      periodLocked={venture.locked}
      dueDate={venture.dueDate}
      historyIcon={<HistoryOutlined />}
    />
  );
}
