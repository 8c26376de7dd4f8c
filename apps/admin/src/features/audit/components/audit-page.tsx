import type { AuditEntry } from '@gongfu/contract';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Result,
  Select,
  Skeleton,
  type TableColumnsType,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { instantText } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { communitiesQueryOptions } from '../../communities/api/get-communities';
import { ExportButton } from '../../exports/components/export-button';
import { CommunityPicker } from '../../funds/components/community-picker';
import { isDistrictScoped } from '../../kpis/access';
import { readsAudit } from '../access';
import { useAuditActors, useAuditPage } from '../api/audit';
import {
  AUDIT_ENTITY_ACTIONS,
  AUDIT_ENTITY_TYPES,
  actionLabel,
  actorLabel,
  auditText,
  entityLabel,
} from '../labels';
import { objectName } from '../object-name';
import { type AuditSearch, isFiltered } from '../search';
import { EntryChanges } from './entry-changes';
import { Labelled } from './labelled';
import { readsSecurityEvents } from './security-events-page';

export interface AuditLogPageProps {
  search: AuditSearch;
  /** a new filter (replaces the URL) or another page (`page: true`, a step back in the browser's history) */
  onSearch: (next: AuditSearch, options?: { page?: boolean }) => void;
}

/** 审计日志: who did what to which object and when, filtered and paged in the URL (roles that may read it). */
export function AuditLogPage(props: AuditLogPageProps) {
  const membership = useActiveMembership();
  if (!readsAudit(membership)) return <AuditNoAccess />;
  return <AuditLog {...props} />;
}

function AuditNoAccess() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('oversight.audit.noAccess')}
      subTitle={t('oversight.audit.noAccessSub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

function AuditLog({ search, onSearch }: AuditLogPageProps) {
  const { t, i18n } = useTranslation();
  const membership = useActiveMembership();
  const district = isDistrictScoped(membership);
  const ids = { actor: useId(), type: useId(), action: useId(), when: useId(), object: useId() };
  // the cursors of the pages before this one, to step back (a fresh link starts from here)
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const [objectText, setObjectText] = useState(search.entityId ?? '');
  const communityId = district ? search.communityId : undefined;
  const entries = useAuditPage({ ...search, communityId });
  const actors = useAuditActors(communityId);
  const communities = useQuery({ ...communitiesQueryOptions(), enabled: district });
  const communityNames = useMemo(
    () => new Map((communities.data?.items ?? []).map((c) => [c.id, c.name])),
    [communities.data],
  );

  /** A filter changes: back to the newest entries. */
  const filter = (patch: Partial<AuditSearch>) => {
    setPrevious([]);
    if ('entityId' in patch) setObjectText(patch.entityId ?? '');
    const next: AuditSearch = { ...search, ...patch, cursor: undefined };
    onSearch(
      Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== '')) as AuditSearch,
    );
  };
  const goTo = (cursor: string | undefined, stack: (string | undefined)[]) => {
    setPrevious(stack);
    const { cursor: _current, ...rest } = search;
    onSearch(cursor ? { ...rest, cursor } : rest, { page: true });
  };

  const actions = search.entityType
    ? (AUDIT_ENTITY_ACTIONS[search.entityType] ?? [])
    : Object.values(AUDIT_ENTITY_ACTIONS).flat();
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    search.from || search.to
      ? [search.from ? dayjs(search.from) : null, search.to ? dayjs(search.to) : null]
      : null;

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: t('oversight.audit.column.time'),
      key: 'time',
      dataIndex: 'createdAt',
      render: (iso: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{instantText(iso, { seconds: true })}</span>
      ),
    },
    {
      title: t('oversight.audit.column.actor'),
      key: 'actor',
      // bounded as the object is: the table is as wide as its content, and the card is not
      render: (_, e) => (
        <div style={{ maxWidth: 200 }}>
          {e.actorUserId === null
            ? t('oversight.audit.someone')
            : `${actorLabel(e.action, e.actorName ?? t('oversight.audit.unknownActor'), i18n.language)}${
                e.apiTokenName ? ` · ${t('apiTokens.via', { name: e.apiTokenName })}` : ''
              }`}
        </div>
      ),
    },
    ...(district
      ? [
          {
            title: t('oversight.audit.column.community'),
            key: 'community',
            render: (_: unknown, e: AuditEntry) =>
              e.communityId ? (communityNames.get(e.communityId) ?? '—') : '—',
          },
        ]
      : []),
    {
      title: t('oversight.audit.column.action'),
      key: 'action',
      dataIndex: 'action',
      render: (action: string) => actionLabel(action, i18n.language),
    },
    {
      title: t('oversight.audit.column.object'),
      key: 'object',
      // bounded: the table is as wide as its content, and a long object (a venture · its partner) ran off the card
      render: (_, e) => (
        <ObjectCell
          entry={e}
          onFilter={() => filter({ entityType: e.entityType, entityId: e.entityId ?? undefined })}
        />
      ),
    },
  ];

  const pager =
    entries.data && (entries.data.nextCursor || search.cursor) ? (
      <Flex gap={8} wrap align="center" justify="flex-end" style={{ marginTop: 12 }}>
        {search.cursor ? (
          <Button onClick={() => goTo(undefined, [])}>{t('oversight.audit.page.first')}</Button>
        ) : null}
        {search.cursor && previous.length > 0 ? (
          <Button onClick={() => goTo(previous.at(-1), previous.slice(0, -1))}>
            {t('oversight.audit.page.previous')}
          </Button>
        ) : null}
        <Button
          type="primary"
          disabled={!entries.data.nextCursor}
          onClick={() => goTo(entries.data.nextCursor ?? undefined, [...previous, search.cursor])}
        >
          {t('oversight.audit.page.next')}
        </Button>
      </Flex>
    ) : null;

  return (
    <PageContainer
      title={t('oversight.audit.title')}
      subTitle={t('oversight.audit.subtitle')}
      // the filters, not the page's cursor: the export walks every page (ADR 0018)
      extra={
        <Flex gap={8} wrap>
          {readsSecurityEvents(membership?.role) ? (
            <Link to="/audit/security">
              <Button>{t('auth.security.open')}</Button>
            </Link>
          ) : null}
          <ExportButton
            view="audit"
            params={{ ...search, communityId, cursor: undefined }}
            label={t('oversight.audit.export.button')}
            hint={t('oversight.audit.export.hint')}
          />
        </Flex>
      }
    >
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          {district ? (
            <CommunityPicker
              value={search.communityId}
              allowClear
              onChange={(id) => filter({ communityId: id, actorUserId: undefined })}
            />
          ) : null}
          <Labelled id={ids.actor} label={t('oversight.audit.filter.actor')}>
            <Select<string>
              id={ids.actor}
              style={{ width: 180, maxWidth: '100%' }}
              showSearch={{ optionFilterProp: 'label' }}
              loading={actors.isPending}
              value={search.actorUserId ?? 'all'}
              onChange={(v) => filter({ actorUserId: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('oversight.audit.filter.allActors') },
                ...(actors.data?.items ?? []).map((a) => ({
                  value: a.userId,
                  label: a.name ?? t('oversight.audit.unknownActor'),
                })),
              ]}
            />
          </Labelled>
          <Labelled id={ids.type} label={t('oversight.audit.filter.entityType')}>
            <Select<string>
              id={ids.type}
              style={{ width: 160, maxWidth: '100%' }}
              showSearch={{ optionFilterProp: 'label' }}
              value={search.entityType ?? 'all'}
              onChange={(v) => {
                const entityType = v === 'all' ? undefined : v;
                // an action of another type would match nothing
                const keepAction =
                  search.action && entityType && AUDIT_ENTITY_ACTIONS[entityType]?.includes(search.action);
                filter({ entityType, action: keepAction ? search.action : undefined });
              }}
              options={[
                { value: 'all', label: t('oversight.audit.filter.allEntityTypes') },
                ...AUDIT_ENTITY_TYPES.map((type) => ({
                  value: type,
                  label: entityLabel(type, i18n.language),
                })),
              ]}
            />
          </Labelled>
          <Labelled id={ids.action} label={t('oversight.audit.filter.action')}>
            <Select<string>
              id={ids.action}
              style={{ width: 180, maxWidth: '100%' }}
              showSearch={{ optionFilterProp: 'label' }}
              value={search.action ?? 'all'}
              onChange={(v) => filter({ action: v === 'all' ? undefined : v })}
              options={[
                { value: 'all', label: t('oversight.audit.filter.allActions') },
                ...actions.map((a) => ({ value: a, label: actionLabel(a, i18n.language) })),
              ]}
            />
          </Labelled>
          <Labelled id={ids.when} label={t('oversight.audit.filter.when')}>
            <DatePicker.RangePicker
              id={{ start: ids.when }}
              value={range}
              allowEmpty={[true, true]}
              style={{ maxWidth: '100%' }}
              placeholder={[t('oversight.audit.filter.from'), t('oversight.audit.filter.to')]}
              onChange={(value) =>
                filter({
                  from: value?.[0]?.format('YYYY-MM-DD') ?? undefined,
                  to: value?.[1]?.format('YYYY-MM-DD') ?? undefined,
                })
              }
            />
          </Labelled>
          <Labelled id={ids.object} label={t('oversight.audit.filter.entityId')}>
            <Input.Search
              id={ids.object}
              style={{ width: 300, maxWidth: '100%' }}
              allowClear
              value={objectText}
              maxLength={100}
              placeholder={t('oversight.audit.filter.entityIdPlaceholder')}
              enterButton={t('oversight.audit.filter.search')}
              onChange={(e) => setObjectText(e.target.value)}
              onSearch={(value) => filter({ entityId: value.trim() || undefined })}
            />
          </Labelled>
          {isFiltered(search) ? (
            <Button
              onClick={() =>
                filter({
                  actorUserId: undefined,
                  entityType: undefined,
                  action: undefined,
                  entityId: undefined,
                  communityId: undefined,
                  from: undefined,
                  to: undefined,
                })
              }
            >
              {t('oversight.common.clear')}
            </Button>
          ) : null}
        </Flex>
        {entries.isPending ? (
          <div role="status" aria-label={t('kpi.state.loading')}>
            <Skeleton active paragraph={{ rows: 8 }} title={false} />
          </div>
        ) : entries.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('kpi.state.error')}
            description={entries.error.message}
            action={
              <Button size="small" onClick={() => void entries.refetch()}>
                {t('common.retry')}
              </Button>
            }
          />
        ) : (
          <div
            aria-busy={entries.isPlaceholderData || undefined}
            style={{ opacity: entries.isPlaceholderData ? 0.55 : 1 }}
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('oversight.audit.page.count', { count: entries.data.items.length })}
              {' · '}
              {entries.data.nextCursor ? t('oversight.audit.page.more') : t('oversight.audit.page.end')}
            </Typography.Paragraph>
            {/* the API pages by cursor: its own buttons below, no page numbers */}
            <ResponsiveTable<AuditEntry>
              columns={columns}
              dataSource={entries.data.items}
              pagination={false}
              cardTitle={['time', 'action']}
              expandedRow={{ render: (entry) => <EntryChanges entry={entry} /> }}
              emptyText={isFiltered(search) ? t('oversight.audit.empty') : t('oversight.audit.emptyAll')}
            />
            {pager}
          </div>
        )}
      </Card>
    </PageContainer>
  );
}

/**
 * The object an entry is about: its type and its name as the entry logged it (the id a hover away), or its id
 * (shortened) when it logged none; a link to its page when it has one.
 */
function ObjectCell({ entry, onFilter }: { entry: AuditEntry; onFilter: () => void }) {
  const { t, i18n } = useTranslation();
  const id = entry.entityId;
  const type = entityLabel(entry.entityType, i18n.language);
  const name = objectName(entry.entityType, entry.before, entry.after, auditText(i18n));
  if (!id) return name ? `${type} ${name}` : type;
  const short = id.length > 8 ? `${id.slice(0, 8)}…` : id;
  let link: ReactNode = null;
  if (entry.entityType === 'fund') {
    link = (
      <Link to="/funds/$fundId" params={{ fundId: id }}>
        {t('oversight.audit.openObject')}
      </Link>
    );
  } else if (entry.entityType === 'proposal') {
    link = (
      <Link to="/proposals/$proposalId" params={{ proposalId: id }}>
        {t('oversight.audit.openObject')}
      </Link>
    );
  } else if (entry.entityType === 'community') {
    link = (
      <Link to="/communities/$communityId" params={{ communityId: id }}>
        {t('oversight.audit.openObject')}
      </Link>
    );
  }
  return (
    <Flex gap={8} wrap align="center" style={{ maxWidth: 400 }}>
      <span>
        {type}{' '}
        {name ? (
          <Typography.Text title={id}>{name}</Typography.Text>
        ) : (
          <Typography.Text code title={id}>
            {short}
          </Typography.Text>
        )}
      </span>
      {link}
      <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={onFilter}>
        {t('oversight.audit.filterObject')}
      </Button>
    </Flex>
  );
}
