import type { Agreement, KpiStanding, Membership, Proposal } from '@gongfu/contract';
import { can, type Role } from '@gongfu/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Badge, Card, Col, Flex, Grid, List, Row, Statistic, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { activeMembership, useMe } from '../../auth/api/get-me';
import { kpiLatestMonthQueryOptions } from '../../kpis/api/get-kpi-latest-month';
import { QueryState } from '../../kpis/components/query-state';
import { formatKpiText, localized } from '../../kpis/format';
import { useProposals } from '../../proposals/api/proposals';
import { useAgreements } from '../../register/api/register';
import { expiryOf } from '../../register/format';
import { EXPIRING_WITHIN_DAYS } from '../../register/search';
import { useReportStatus } from '../../reports/api/reports';
import { monthLabel, OWED_REPORT_STATUSES, openReportMonth } from '../../reports/format';
import { MENU_BY_ROLE, MENU_ENTRIES } from '../../shell/menu-config';
import { useWarnings } from '../../warnings/api/warnings';
import { useStanding } from '../api/home';

/**
 * A community's workplace (工作台): what needs doing this month, the community's headline figures with its place in
 * the district, and the way into each area of its books.
 */
export function CommunityHomePage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const me = useMe();
  const wide = Grid.useBreakpoint().xl === true;
  const membership = activeMembership(me);
  if (!membership?.communityId) return null;
  const role = membership.role;
  const todo = <TodoCard membership={membership} />;
  const standing = can(role, 'kpi:read') ? <StandingCard /> : null;
  const shortcuts = <ShortcutsCard role={role} />;
  return (
    <PageContainer
      title={t('home.title', { name: membership.communityName ?? '' })}
      documentTitle={t('nav.overview')}
      subTitle={t('home.subtitle', { name: me.user.displayName, role: t(`role.${role}`) })}
    >
      {wide ? (
        <Row gutter={[token.marginLG, token.marginLG]}>
          <Col xl={15}>
            <Flex vertical gap={token.marginLG}>
              {todo}
              {shortcuts}
            </Flex>
          </Col>
          <Col xl={9}>{standing}</Col>
        </Row>
      ) : (
        // narrower: what to do, where the community stands, then the way in
        <Flex vertical gap={token.margin}>
          {todo}
          {standing}
          {shortcuts}
        </Flex>
      )}
    </PageContainer>
  );
}

interface TodoItem {
  key: string;
  tone: 'error' | 'warning' | 'processing' | 'default';
  text: string;
  link: ReactNode;
}

/**
 * What needs doing this month, for the role's reach: a community's roles and a partner operator. A page that has
 * read the role's agreements already (the partner's workplace lists them all) hands them over in `agreements`:
 * the card picks the ones ending within 90 days from them instead of asking the API again.
 */
export function TodoCard({
  membership,
  agreements,
}: {
  membership: Membership;
  agreements?: { data?: { items: readonly Agreement[] } | undefined };
}) {
  const { t, i18n } = useTranslation();
  const role = membership.role;
  const month = openReportMonth();
  const status = useReportStatus({ month }, can(role, 'report:read'));
  const readsProposals = can(role, 'proposal:read');
  const voting = useProposals({ status: 'deliberation' }, readsProposals);
  const disclosing = useProposals({ status: 'disclosure' }, readsProposals);
  const disclosed = useProposals({ status: 'disclosed' }, readsProposals);
  // the register's and the warnings' own queries: their writes refresh the to-dos too
  const expiringRead = useAgreements(
    { expiringWithinDays: EXPIRING_WITHIN_DAYS },
    can(role, 'agreement:read') && !agreements,
  );
  // the API's window: still running today and ending within 90 days
  const expiring = agreements
    ? agreements.data?.items.filter((a) => expiryOf(a, EXPIRING_WITHIN_DAYS).kind === 'expiring')
    : expiringRead.data?.items;
  const warnings = useWarnings({ status: 'open', limit: 5 }, can(role, 'warning:read'));

  const items: TodoItem[] = [];
  if (status.data) {
    const owed = status.data.items.filter((row) => row.expected && OWED_REPORT_STATUSES.has(row.status));
    const returned = owed.filter((row) => row.status === 'returned').length;
    items.push({
      key: 'reports',
      tone: owed.some((row) => row.status === 'missing') ? 'error' : owed.length ? 'warning' : 'default',
      text: owed.length
        ? t('home.todo.reports', {
            count: owed.length,
            month: monthLabel(month, i18n.language),
            due: status.data.dueDate,
          })
        : t('home.todo.reportsDone', { month: monthLabel(month, i18n.language) }),
      link: <Link to="/reporting">{t('home.todo.openReporting')}</Link>,
    });
    if (returned) {
      items.push({
        key: 'returned',
        tone: 'error',
        text: t('home.todo.returned', { count: returned }),
        link: <Link to="/reporting">{t('home.todo.fix')}</Link>,
      });
    }
  }
  const proposalItem = (key: string, list: Proposal[] | undefined, text: (count: number) => string) => {
    if (!list?.length) return;
    const first = list[0];
    items.push({
      key,
      tone: 'processing',
      text: text(list.length),
      link:
        list.length === 1 && first ? (
          <Link to="/proposals/$proposalId" params={{ proposalId: first.id }}>
            {first.title}
          </Link>
        ) : (
          <Link to="/proposals">{t('home.todo.openProposals')}</Link>
        ),
    });
  };
  proposalItem('voting', voting.data?.items, (count) => t('home.todo.voting', { count }));
  proposalItem(
    'disclosed',
    [...(disclosing.data?.items.filter((p) => p.disclosure?.over) ?? []), ...(disclosed.data?.items ?? [])],
    (count) => t('home.todo.payable', { count }),
  );
  if (expiring?.length) {
    const soonest = [...expiring].sort((a, b) => a.endsOn.localeCompare(b.endsOn))[0];
    items.push({
      key: 'agreements',
      tone: 'warning',
      text: t('home.todo.agreements', {
        count: expiring.length,
        name: soonest?.ventureName ?? '',
        date: soonest?.endsOn ?? '',
      }),
      link: (
        <Link to="/register/agreements" search={{ expiring: true }}>
          {t('home.todo.openAgreements')}
        </Link>
      ),
    });
  }
  if (warnings.data?.total) {
    const red = warnings.data.items.filter((w) => w.severity === 'red').length;
    items.push({
      key: 'warnings',
      tone: red ? 'error' : 'warning',
      text: t('home.todo.warnings', { count: warnings.data.total }),
      link: (
        <Link to="/warnings" search={red ? { severity: 'red' } : {}}>
          {t('home.todo.openWarnings')}
        </Link>
      ),
    });
  }
  const loading = status.isPending && can(role, 'report:read');

  return (
    <Card title={t('home.todo.title')} loading={loading}>
      <List
        dataSource={items}
        locale={{ emptyText: t('home.todo.none') }}
        renderItem={(item) => (
          // the link whole on its line (查看协议 broke after 协 in the partner's narrower column)
          <List.Item key={item.key} extra={<span style={{ whiteSpace: 'nowrap' }}>{item.link}</span>}>
            <Badge status={item.tone} text={<Typography.Text>{item.text}</Typography.Text>} />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The community's headline figures, year to date at the data date, each with its rank in the district. */
function StandingCard() {
  const { t, i18n } = useTranslation();
  const latest = useQuery(kpiLatestMonthQueryOptions());
  const month = latest.data?.dataDate;
  const standing = useStanding(month);
  return (
    <Card
      title={t('home.standing.title')}
      extra={
        month ? (
          <Typography.Text type="secondary">{t('home.standing.dataDate', { month })}</Typography.Text>
        ) : null
      }
    >
      <QueryState
        query={standing}
        emptyText={t('home.standing.none')}
        isEmpty={(data) => data.items.length === 0}
      >
        {(data) => <StandingFigures standing={data} language={i18n.language} />}
      </QueryState>
    </Card>
  );
}

function StandingFigures({ standing, language }: { standing: KpiStanding; language: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex vertical gap={token.marginSM}>
      <Typography.Text type="secondary">
        {t('home.standing.period', { period: localized(standing.period.label, language) })}
      </Typography.Text>
      <Row gutter={[token.margin, token.margin]}>
        {standing.items.map((item) => (
          <Col xs={12} key={item.key}>
            <Statistic
              title={localized(item.definition.name, language)}
              value={formatKpiText(item.definition.unit, item.value, language, t)}
            />
            <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
              {item.rank === null ? (
                t('home.standing.unranked')
              ) : (
                <>
                  {t('home.standing.rank')}{' '}
                  <Tag
                    color={item.rank <= Math.ceil(item.of / 3) ? 'green' : undefined}
                    style={{ marginInlineEnd: 0 }}
                  >
                    {item.rank}/{item.of}
                  </Tag>
                </>
              )}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

/** The way into each area of the community's books: the role's menu, as a workplace's shortcuts. */
export function ShortcutsCard({ role }: { role: Role }) {
  const { t } = useTranslation();
  const entries = MENU_BY_ROLE[role]
    .filter((id) => id !== 'overview')
    .map((id) => [id, MENU_ENTRIES[id]] as const);
  return (
    <Card title={t('home.shortcuts')}>
      <Row gutter={[16, 16]}>
        {entries.map(([id, entry]) => (
          <Col xs={12} sm={8} key={id}>
            <Link to={entry.to}>
              <Flex gap={8} align="center">
                {entry.icon}
                {t(entry.label)}
              </Flex>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
