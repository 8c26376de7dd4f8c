import { CheckCircleOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Report } from '@gongfu/contract';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Card, Empty, Flex, List, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { QueryState } from '../../kpis/components/query-state';
import { useReportStatus, useReports } from '../../reports/api/reports';
import { DeadlineTag } from '../../reports/components/deadline-tag';
import { monthLabel, OWED_REPORT_STATUSES } from '../../reports/format';
import { WorkbookCard } from './workbook-card';

/**
 * The clerk's "to do": the ventures that owe the open month's report with the deadline, drafts in progress and
 * reports returned with the reviewer's comment — each one click from its form.
 */
export function TodoPage({ month }: { month: string }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const status = useReportStatus({ month });
  const drafts = useReports({ status: 'draft', current: true, pageSize: 50, sort: '-month' });
  const returned = useReports({ status: 'returned', current: true, pageSize: 50, sort: '-month' });
  const language = i18n.language;

  const formLink = (ventureId: string, reportMonth: string) => ({
    to: '/reporting/form' as const,
    search: { ventureId, month: reportMonth },
  });

  return (
    <PageContainer
      title={t('reporting.todo.title')}
      subTitle={
        status.data
          ? t('reporting.todo.subtitle', { month: monthLabel(month, language), due: status.data.dueDate })
          : undefined
      }
    >
      <Flex vertical gap={token.marginLG}>
        <Card title={t('reporting.todo.owed')} size="small">
          <QueryState
            query={status}
            emptyText={t('reporting.todo.none')}
            isEmpty={(data) => data.items.filter((row) => row.expected).length === 0}
          >
            {(data) => {
              const owed = data.items.filter((row) => row.expected && OWED_REPORT_STATUSES.has(row.status));
              if (owed.length === 0) {
                return (
                  <Alert
                    type="success"
                    showIcon
                    icon={<CheckCircleOutlined />}
                    title={t('reporting.todo.allDone')}
                  />
                );
              }
              return (
                <List
                  dataSource={owed}
                  rowKey="ventureId"
                  renderItem={(row) => (
                    <List.Item
                      actions={[
                        <Link key="open" {...formLink(row.ventureId, month)}>
                          <Button
                            type={row.status === 'returned' ? 'primary' : 'default'}
                            icon={<EditOutlined />}
                          >
                            {row.reportId ? t('reporting.todo.continue') : t('reporting.todo.fill')}
                          </Button>
                        </Link>,
                      ]}
                    >
                      <List.Item.Meta
                        title={row.ventureName}
                        description={
                          <Flex wrap gap={token.marginXS} align="center">
                            <span>{row.communityName}</span>
                            <Tag>{t(`reports.overview.${row.status}`)}</Tag>
                            {row.locked ? (
                              <Tag>
                                {t('reporting.form.periodLocked', { month: monthLabel(month, language) })}
                              </Tag>
                            ) : (
                              <DeadlineTag dueDate={row.dueDate} />
                            )}
                          </Flex>
                        }
                      />
                    </List.Item>
                  )}
                />
              );
            }}
          </QueryState>
        </Card>

        <Card
          title={
            <Flex gap={token.marginXS} align="center">
              <RollbackOutlined aria-hidden /> {t('reporting.todo.returned')}
            </Flex>
          }
          size="small"
        >
          <QueryState
            query={returned}
            emptyText={t('reporting.todo.noReturned')}
            isEmpty={(d) => d.items.length === 0}
          >
            {(data) => (
              <ReportList
                items={data.items}
                action={t('reporting.todo.fix')}
                showComment
                link={(r) => formLink(r.ventureId, r.month)}
              />
            )}
          </QueryState>
        </Card>

        <Card title={t('reporting.todo.inProgress')} size="small">
          <QueryState
            query={drafts}
            emptyText={t('reporting.todo.noDrafts')}
            isEmpty={(d) => d.items.length === 0}
          >
            {(data) => (
              <ReportList
                items={data.items}
                action={t('reporting.todo.continue')}
                link={(r) => formLink(r.ventureId, r.month)}
              />
            )}
          </QueryState>
        </Card>
        <WorkbookCard month={month} />
      </Flex>
    </PageContainer>
  );
}

function ReportList({
  items,
  action,
  showComment = false,
  link,
}: {
  items: Report[];
  action: string;
  showComment?: boolean;
  link: (report: Report) => { to: '/reporting/form'; search: { ventureId: string; month: string } };
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      dataSource={items}
      rowKey="id"
      renderItem={(report) => (
        <List.Item
          actions={[
            <Link key="open" {...link(report)}>
              <Button>{action}</Button>
            </Link>,
          ]}
        >
          <List.Item.Meta
            title={`${report.ventureName} · ${monthLabel(report.month, i18n.language)}`}
            description={
              <Flex vertical gap={2}>
                <span>{report.communityName}</span>
                {showComment && report.reviewComment ? (
                  <Typography.Text>
                    <Typography.Text strong>{t('reporting.todo.reviewerSaid')}</Typography.Text>
                    {report.reviewComment}
                  </Typography.Text>
                ) : null}
              </Flex>
            }
          />
        </List.Item>
      )}
    />
  );
}
