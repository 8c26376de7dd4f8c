import { FundOutlined } from '@ant-design/icons';
import { can } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Card, Col, Descriptions, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { activeMembership, useMe } from '../../auth/api/get-me';
import { useCommunities } from '../../communities/api/get-communities';
import { CommunitiesByKindChart } from '../../communities/charts/communities-by-kind-chart';
import { readsKpis } from '../../kpis/access';

export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = activeMembership(me);
  const unknown = t('common.unknown');
  const readsCommunities = membership ? can(membership.role, 'community:read') : false;

  return (
    <PageContainer title={t('overview.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={readsCommunities ? 12 : 24}>
          <Card title={t('overview.welcome', { name: me.user.displayName })} style={{ height: '100%' }}>
            {membership ? (
              <Descriptions column={1} size="small" title={t('overview.membership')}>
                <Descriptions.Item label={t('overview.role')}>
                  {t(`role.${membership.role}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('overview.district')}>
                  {membership.districtName ?? unknown}
                </Descriptions.Item>
                {membership.communityName ? (
                  <Descriptions.Item label={t('overview.community')}>
                    {membership.communityName}
                  </Descriptions.Item>
                ) : null}
                {membership.partnerName ? (
                  <Descriptions.Item label={t('overview.partner')}>
                    {membership.partnerName}
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            ) : (
              <Alert type="warning" showIcon title={t('shell.noMembership')} />
            )}
            {readsKpis(membership) ? (
              <Link to="/kpis">
                <Button type="primary" icon={<FundOutlined />} style={{ marginTop: 16, marginInlineEnd: 8 }}>
                  {t('kpi.goToCockpit')}
                </Button>
              </Link>
            ) : null}
            {membership?.communityId && membership.communityName ? (
              <Link to="/communities/$communityId" params={{ communityId: membership.communityId }}>
                <Button type="primary" style={{ marginTop: 16 }}>
                  {t('overview.goToCommunity', { name: membership.communityName })}
                </Button>
              </Link>
            ) : null}
            {membership?.role === 'platform_admin' ? (
              <Alert type="info" showIcon title={t('overview.noCommunityAccess')} style={{ marginTop: 16 }} />
            ) : null}
          </Card>
        </Col>
        {readsCommunities ? (
          <Col xs={24} lg={12}>
            <CommunitiesCard />
          </Col>
        ) : null}
      </Row>
    </PageContainer>
  );
}

function CommunitiesCard() {
  const { t } = useTranslation();
  const { items, total } = useCommunities();
  return (
    <Card
      title={t('overview.chartTitle')}
      extra={<Link to="/communities">{t('overview.goToCommunities')}</Link>}
      style={{ height: '100%' }}
    >
      <Statistic title={t('overview.communitiesTotal')} value={total} />
      {/* one community (a community's own roles) has nothing to compare: no chart of a single bar */}
      {new Set(items.map((c) => c.kind)).size > 1 ? <CommunitiesByKindChart communities={items} /> : null}
    </Card>
  );
}
