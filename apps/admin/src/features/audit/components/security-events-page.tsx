import type { SecurityEvent } from '@gongfu/contract';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Skeleton,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { instantText } from '../../../lib/shanghai-time';
import { userAgentSummary } from '../../../lib/user-agent';
import { useActiveMembership } from '../../auth/api/get-me';
import { type SecurityEventKind, useSecurityEvents } from '../api/security-events';
import { Labelled } from './labelled';

const KINDS: SecurityEventKind[] = ['login', 'logout', 'password_change'];
/** A failed attempt is any outcome but success: a wrong password, an unknown account, a throttle, a disabled one. */
type OutcomeFilter = 'success' | 'failed';
const PAGE_SIZE = 20;

/** Who reads security events: the district's admin and the platform admin (the API refuses everyone else). */
export function readsSecurityEvents(role: string | undefined): boolean {
  return role === 'district_admin' || role === 'platform_admin';
}

/** 安全事件: logins (and why one failed), logouts and password changes of the district's accounts. */
export function SecurityEventsPage() {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const [kind, setKind] = useState<SecurityEventKind | undefined>(undefined);
  const events = useSecurityEvents(readsSecurityEvents(membership?.role) ? kind : undefined);
  const kindId = useId();
  const outcomeId = useId();
  const [page, setPage] = useState(1);
  // the result and the account narrow the page the API gave (the newest events, up to its limit)
  const [outcome, setOutcome] = useState<OutcomeFilter | undefined>(undefined);
  const [account, setAccount] = useState('');
  const rows = useMemo(() => {
    const needle = account.trim().toLowerCase();
    return (events.data?.items ?? []).filter(
      (e) =>
        (!outcome || (outcome === 'success') === (e.outcome === 'success')) &&
        (!needle || e.email.toLowerCase().includes(needle)),
    );
  }, [events.data, outcome, account]);

  if (!readsSecurityEvents(membership?.role)) {
    return (
      <PageContainer title={t('auth.security.title')}>
        <Alert type="warning" showIcon message={t('auth.security.noAccess')} />
      </PageContainer>
    );
  }

  const columns: TableColumnsType<SecurityEvent> = [
    {
      key: 'time',
      title: t('auth.security.time'),
      dataIndex: 'occurredAt',
      width: 170,
      render: (iso: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{instantText(iso, { seconds: true })}</span>
      ),
    },
    {
      key: 'event',
      title: t('auth.security.event'),
      render: (_, e) => (
        <Flex gap={4} wrap>
          <span>{t(`auth.security.kind.${e.kind}`)}</span>
          <Tag color={e.outcome === 'success' ? 'green' : e.outcome === 'throttled' ? 'orange' : 'red'}>
            {t(`auth.security.outcome.${e.outcome}`)}
          </Tag>
        </Flex>
      ),
    },
    { key: 'email', title: t('auth.security.email'), dataIndex: 'email' },
    { key: 'address', title: t('auth.security.address'), dataIndex: 'address', width: 150 },
    {
      key: 'agent',
      title: t('auth.security.userAgent'),
      dataIndex: 'userAgent',
      // the browser and system in words; the header as sent is a hover away
      render: (ua: string) => (
        <Typography.Text type="secondary" ellipsis={{ tooltip: ua || undefined }} style={{ maxWidth: 280 }}>
          {userAgentSummary(ua) || '—'}
        </Typography.Text>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('auth.security.title')}
      subTitle={t('auth.security.subtitle')}
      extra={
        <Link to="/audit">
          <Button>{t('auth.security.backToAudit')}</Button>
        </Link>
      }
    >
      <Card>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
          <Labelled id={kindId} label={t('auth.security.event')}>
            <Select<SecurityEventKind | 'all'>
              id={kindId}
              style={{ minWidth: 160 }}
              value={kind ?? 'all'}
              onChange={(v) => {
                setKind(v === 'all' ? undefined : v);
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('auth.security.all') },
                ...KINDS.map((k) => ({ value: k, label: t(`auth.security.kind.${k}`) })),
              ]}
            />
          </Labelled>
          <Labelled id={outcomeId} label={t('auth.security.result')}>
            <Select<OutcomeFilter | 'all'>
              id={outcomeId}
              style={{ minWidth: 120 }}
              value={outcome ?? 'all'}
              onChange={(v) => {
                setOutcome(v === 'all' ? undefined : v);
                setPage(1);
              }}
              options={[
                { value: 'all', label: t('auth.security.all') },
                { value: 'success', label: t('auth.security.outcome.success') },
                { value: 'failed', label: t('auth.security.failed') },
              ]}
            />
          </Labelled>
          <Input.Search
            allowClear
            aria-label={t('auth.security.email')}
            placeholder={t('auth.security.accountPlaceholder')}
            style={{ width: 240, maxWidth: '100%' }}
            onSearch={(value) => {
              setAccount(value);
              setPage(1);
            }}
          />
        </Flex>
        {events.isError ? (
          <Alert type="error" showIcon message={events.error.message} />
        ) : events.data ? (
          <ResponsiveTable<SecurityEvent>
            columns={columns}
            dataSource={rows}
            // a page at a time: on a phone the cards ran to ~6,000 px
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: rows.length,
              onChange: setPage,
            }}
            cardTitle={['time', 'event']}
            emptyText={t('auth.security.empty')}
          />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </PageContainer>
  );
}
