import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import type { ApprovalPreview, Report } from '@gongfu/contract';
import { formatYuan } from '@gongfu/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, List, Modal, Progress, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FooterToolbar } from '../../../components/footer-toolbar';
import { approvalPreviewQueryOptions, reportsQueryKey, transitionReport } from '../../reports/api/reports';
import { PostingsList } from '../../reports/components/postings-list';
import { monthLabel } from '../../reports/format';

interface Outcome {
  report: Report;
  ok: boolean;
  reason?: string;
}

/** How many approvals run at once: enough to be quick, few enough not to crowd the API. */
const AT_ONCE = 3;

/**
 * Ant Design Pro's footer toolbar for the selected rows: approve them all. The confirm dialog lists each report and
 * what it will post; each approval is its own request (with its own Idempotency-Key), so one refusal leaves the
 * others approved — and the result says which.
 */
export function BulkApproveBar({ reports, onDone }: { reports: Report[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [previews, setPreviews] = useState<Map<string, ApprovalPreview | Error>>(new Map());
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  const open = async () => {
    setConfirming(true);
    const entries = await Promise.all(
      reports.map(async (r) => {
        try {
          return [
            r.id,
            await queryClient.fetchQuery({ ...approvalPreviewQueryOptions(r.id), staleTime: 0 }),
          ] as const;
        } catch (error) {
          const failed: ApprovalPreview | Error = error instanceof Error ? error : new Error(String(error));
          return [r.id, failed] as const;
        }
      }),
    );
    setPreviews(new Map<string, ApprovalPreview | Error>(entries));
  };

  const run = async () => {
    setRunning(true);
    setDone(0);
    const results: Outcome[] = [];
    const queue = [...reports];
    const worker = async () => {
      for (let report = queue.shift(); report; report = queue.shift()) {
        try {
          await transitionReport(report.id, 'approve', { version: report.version });
          results.push({ report, ok: true });
        } catch (error) {
          results.push({ report, ok: false, reason: error instanceof Error ? error.message : String(error) });
        }
        setDone((n) => n + 1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, reports.length) }, worker));
    setRunning(false);
    setConfirming(false);
    setOutcomes(reports.map((r) => results.find((o) => o.report.id === r.id) as Outcome));
    await queryClient.invalidateQueries({ queryKey: reportsQueryKey });
  };

  const okCount = outcomes?.filter((o) => o.ok).length ?? 0;

  return (
    <>
      <FooterToolbar label={t('review.bulk.approve')}>
        <Flex justify="flex-end" align="center" gap={token.marginSM} wrap>
          <Typography.Text>{t('review.bulk.selected', { count: reports.length })}</Typography.Text>
          <Button onClick={onDone}>{t('review.bulk.clear')}</Button>
          <Button type="primary" onClick={() => void open()}>
            {t('review.bulk.approve')}
          </Button>
        </Flex>
      </FooterToolbar>
      <Modal
        open={confirming}
        title={t('review.bulk.confirmTitle', { count: reports.length })}
        onCancel={() => !running && setConfirming(false)}
        onOk={() => void run()}
        okText={t('review.bulk.approve')}
        okButtonProps={{ loading: running, disabled: previews.size < reports.length }}
        cancelButtonProps={{ disabled: running }}
        width={640}
      >
        <Typography.Paragraph>{t('review.bulk.confirmBody')}</Typography.Paragraph>
        {running ? (
          <Progress
            percent={Math.round((done / reports.length) * 100)}
            format={() => t('review.bulk.running', { done, total: reports.length })}
          />
        ) : null}
        <List
          dataSource={reports}
          rowKey="id"
          renderItem={(report) => {
            const preview = previews.get(report.id);
            return (
              <List.Item style={{ display: 'block' }}>
                <Typography.Text strong>
                  {report.communityName} · {report.ventureName} · {monthLabel(report.month, i18n.language)}
                </Typography.Text>
                <span>
                  {' '}
                  — {formatYuan(report.revenueFen, { grouping: true })} {t('kpi.unit.fen')}
                </span>
                {preview instanceof Error ? (
                  <Alert type="error" showIcon title={preview.message} />
                ) : preview ? (
                  <PostingsList postings={preview.postings} emptyText={t('reporting.form.noPostings')} />
                ) : (
                  <Typography.Text type="secondary"> {t('review.drawer.loadingPreview')}</Typography.Text>
                )}
              </List.Item>
            );
          }}
        />
      </Modal>
      <Modal
        open={outcomes !== null}
        title={t('review.bulk.resultTitle')}
        onCancel={() => {
          setOutcomes(null);
          onDone();
        }}
        footer={
          <Button
            type="primary"
            onClick={() => {
              setOutcomes(null);
              onDone();
            }}
          >
            OK
          </Button>
        }
      >
        {outcomes ? (
          <>
            <Alert
              type={okCount === outcomes.length ? 'success' : 'warning'}
              showIcon
              title={t('review.bulk.summary', { ok: okCount, failed: outcomes.length - okCount })}
            />
            <List
              dataSource={outcomes}
              rowKey={(o) => o.report.id}
              renderItem={(o) => (
                <List.Item>
                  <span>
                    {o.report.communityName} · {o.report.ventureName} ·{' '}
                    {monthLabel(o.report.month, i18n.language)}
                  </span>
                  {o.ok ? (
                    <Typography.Text type="success">
                      <CheckCircleOutlined /> {t('review.bulk.ok')}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="danger">
                      <CloseCircleOutlined /> {t('review.bulk.failed', { reason: o.reason })}
                    </Typography.Text>
                  )}
                </List.Item>
              )}
            />
          </>
        ) : null}
      </Modal>
    </>
  );
}
