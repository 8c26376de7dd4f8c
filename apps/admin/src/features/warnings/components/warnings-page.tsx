import { EyeOutlined, SyncOutlined } from '@ant-design/icons';
import type { Warning } from '@gongfu/contract';
import {
  WARNING_KIND_LABELS,
  WARNING_SEVERITY_LABELS,
  WARNING_STATUS_LABELS,
  type WarningKind,
  type WarningSeverity,
} from '@gongfu/domain';
import { App, Button, Card, Flex, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { CommunityPicker } from '../../funds/components/community-picker';
import { label } from '../../funds/format';
import { isDistrictScoped } from '../../kpis/access';
import { QueryState } from '../../kpis/components/query-state';
import { refreshesWarnings, resolvesWarnings } from '../access';
import { useRefreshWarnings, useWarnings, WARNINGS_PAGE_SIZE } from '../api/warnings';
import { subjectName } from '../facts';
import { isFiltered, KINDS, SEVERITIES, type StatusFilter, statusOf, type WarningsSearch } from '../search';
import { ConditionAgeCell } from './condition-age';
import { SeverityTag } from './severity-tag';
import { WarningDrawer } from './warning-drawer';

export interface WarningsPageProps {
  search: WarningsSearch;
  onSearch: (next: WarningsSearch) => void;
}

function Labelled({ id, label: text, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <span
      style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap', maxWidth: '100%' }}
    >
      <label htmlFor={id}>{text}</label>
      {children}
    </span>
  );
}

/**
 * 预警: the warnings in the caller's scope, red first — severity, rule, the community and object they are about,
 * how long they have been open — filtered and paged in the URL; a row opens the warning, where the roles the domain
 * lets resolve write the note that closes it.
 */
export function WarningsPage({ search, onSearch }: WarningsPageProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const membership = useActiveMembership();
  const district = isDistrictScoped(membership);
  const mayResolve = resolvesWarnings(membership);
  const ids = { severity: useId(), kind: useId(), status: useId(), order: useId() };
  const [selected, setSelected] = useState<string | null>(null);
  const status = statusOf(search);
  const page = search.page ?? 1;

  const warnings = useWarnings({
    status: status === 'all' ? undefined : status,
    severity: search.severity,
    kind: search.kind,
    communityId: district ? search.communityId : undefined,
    streetOfficeId: search.streetOfficeId,
    subjectId: search.subjectId,
    order: search.order,
    limit: WARNINGS_PAGE_SIZE,
    offset: (page - 1) * WARNINGS_PAGE_SIZE,
  });
  const rows = warnings.data?.items ?? [];
  const chosen = useMemo(() => rows.find((w) => w.id === selected) ?? null, [rows, selected]);

  /** A filter changes: back to the first page. */
  const filter = (patch: Partial<WarningsSearch>) => {
    const next: WarningsSearch = { ...search, ...patch, page: undefined };
    onSearch(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as WarningsSearch);
  };

  const columns: TableColumnsType<Warning> = [
    {
      title: t('oversight.warnings.column.severity'),
      key: 'severity',
      dataIndex: 'severity',
      render: (severity: WarningSeverity) => <SeverityTag severity={severity} />,
    },
    {
      title: t('oversight.warnings.column.kind'),
      key: 'kind',
      dataIndex: 'kind',
      render: (kind: WarningKind) => label(WARNING_KIND_LABELS[kind], language),
    },
    {
      title: t('oversight.warnings.column.owner'),
      key: 'owner',
      render: (_, w) => {
        const subject = subjectName(w);
        return (
          // a long pledge wraps rather than pushing how long and the status off a desk's table
          <Flex vertical style={{ maxWidth: 300 }}>
            <span>{w.communityName ?? '—'}</span>
            {subject ? (
              <Typography.Text type="secondary">
                {t(`oversight.warnings.subject.${w.subjectType}`)}
                {t('common.colon')}
                {subject}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      },
    },
    {
      title: t('oversight.warnings.column.period'),
      dataIndex: 'period',
      responsive: ['md'],
    },
    {
      title: t('oversight.warnings.column.age'),
      key: 'age',
      // how long the condition has held, from the day it began, not from the check that found it (ADR 0040)
      render: (_, w) => <ConditionAgeCell warning={w} />,
    },
    {
      title: t('oversight.warnings.column.status'),
      dataIndex: 'status',
      render: (s: Warning['status']) => (
        <Tag color={s === 'open' ? 'processing' : 'success'}>{label(WARNING_STATUS_LABELS[s], language)}</Tag>
      ),
    },
    {
      title: t('oversight.warnings.column.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, w) =>
        w.status === 'open' && mayResolve ? (
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setSelected(w.id)}>
            {t('oversight.warnings.resolve')}
          </Button>
        ) : (
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setSelected(w.id)}>
            {t('oversight.warnings.open')}
          </Button>
        ),
    },
  ];

  const emptyText = isFiltered(search)
    ? t('oversight.warnings.emptyFiltered')
    : status === 'open'
      ? t('oversight.warnings.empty')
      : t('oversight.warnings.emptyAll');

  return (
    <PageContainer
      title={t('oversight.warnings.title')}
      subTitle={t('oversight.warnings.subtitle')}
      extra={
        <>
          {mayResolve ? null : <Tag icon={<EyeOutlined />}>{t('oversight.common.readOnly')}</Tag>}
          {refreshesWarnings(membership) ? <RefreshButton /> : null}
          <ExportButton
            view="warnings"
            params={{
              status: status === 'all' ? undefined : status,
              severity: search.severity,
              kind: search.kind,
              communityId: district ? search.communityId : undefined,
              streetOfficeId: search.streetOfficeId,
              subjectId: search.subjectId,
            }}
          />
        </>
      }
    >
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          {district ? (
            <CommunityPicker
              value={search.communityId}
              allowClear
              onChange={(communityId) => filter({ communityId })}
            />
          ) : null}
          <Labelled id={ids.severity} label={t('oversight.warnings.filter.severity')}>
            <Select<WarningSeverity | 'all'>
              id={ids.severity}
              style={{ width: 140 }}
              value={search.severity ?? 'all'}
              onChange={(v) => filter({ severity: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('oversight.warnings.filter.allSeverities') },
                ...SEVERITIES.map((s) => ({ value: s, label: label(WARNING_SEVERITY_LABELS[s], language) })),
              ]}
            />
          </Labelled>
          <Labelled id={ids.kind} label={t('oversight.warnings.filter.kind')}>
            <Select<WarningKind | 'all'>
              id={ids.kind}
              style={{ width: 240, maxWidth: '100%' }}
              value={search.kind ?? 'all'}
              onChange={(v) => filter({ kind: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('oversight.warnings.filter.allKinds') },
                ...KINDS.map((k) => ({ value: k, label: label(WARNING_KIND_LABELS[k], language) })),
              ]}
            />
          </Labelled>
          <Labelled id={ids.status} label={t('oversight.warnings.filter.status')}>
            <Select<StatusFilter>
              id={ids.status}
              style={{ width: 120 }}
              value={status}
              onChange={(v) => filter({ status: v === 'open' ? undefined : v })}
              options={(['open', 'resolved', 'all'] as const).map((s) => ({
                value: s,
                label: t(`oversight.warnings.filter.${s}`),
              }))}
            />
          </Labelled>
          <Labelled id={ids.order} label={t('oversight.warnings.order.label')}>
            <Select<'newest' | 'longest'>
              id={ids.order}
              style={{ width: 190, maxWidth: '100%' }}
              value={search.order ?? 'newest'}
              onChange={(v) => filter({ order: v === 'newest' ? undefined : v })}
              options={(['newest', 'longest'] as const).map((o) => ({
                value: o,
                label: t(`oversight.warnings.order.${o}`),
              }))}
            />
          </Labelled>
          {search.subjectId ? (
            <Tag closable onClose={() => filter({ subjectId: undefined })}>
              {t('oversight.warnings.filter.subject')}
            </Tag>
          ) : null}
          {search.streetOfficeId ? (
            <Tag closable onClose={() => filter({ streetOfficeId: undefined })}>
              {t('oversight.warnings.filter.streetOffice')}
            </Tag>
          ) : null}
          {isFiltered(search) || search.status || search.order ? (
            <Button onClick={() => onSearch({})}>{t('oversight.common.clear')}</Button>
          ) : null}
        </Flex>
        <QueryState query={warnings} rows={6} emptyText="">
          {(data) => (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('oversight.warnings.total', { count: data.total })}
              </Typography.Paragraph>
              <ResponsiveTable<Warning>
                columns={columns}
                dataSource={data.items}
                rowClassName={(w) => `warning-row warning-${w.severity}`}
                onRowClick={(w) => setSelected(w.id)}
                cardTitle={['severity', 'kind']}
                cardAction="actions"
                pagination={
                  data.total > WARNINGS_PAGE_SIZE
                    ? {
                        current: page,
                        pageSize: WARNINGS_PAGE_SIZE,
                        total: data.total,
                        showSizeChanger: false,
                        server: true,
                        onChange: (next) =>
                          onSearch(next > 1 ? { ...search, page: next } : { ...search, page: undefined }),
                      }
                    : false
                }
                emptyText={emptyText}
              />
            </>
          )}
        </QueryState>
      </Card>
      <WarningDrawer warning={chosen} mayResolve={mayResolve} onClose={() => setSelected(null)} />
    </PageContainer>
  );
}

/**
 * 重新检查预警: runs the rules now (the demo's were run at its start; a district's settings say a change of threshold
 * applies at the next check) and says what the run found.
 */
function RefreshButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshWarnings();
  return (
    <Button
      icon={<SyncOutlined />}
      loading={refresh.isPending}
      onClick={() =>
        refresh.mutate(undefined, {
          onSuccess: (result) =>
            void message.success(
              t('oversight.warnings.refreshed', {
                created: result.created,
                escalated: result.escalated,
                open: result.open,
              }),
            ),
          onError: (error) => void message.error(error.message),
        })
      }
    >
      {t('oversight.warnings.refresh')}
    </Button>
  );
}
