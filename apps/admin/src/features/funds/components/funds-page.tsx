import { BankOutlined, EyeOutlined } from '@ant-design/icons';
import type { Fund } from '@gongfu/contract';
import { FUND_KIND_LABELS } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Alert, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { QueryState } from '../../kpis/components/query-state';
import { useBooksScope } from '../access';
import { useFunds } from '../api/funds';
import { amountText, capitalText, label, yuanText } from '../format';
import { CommunityPicker, useCommunityName } from './community-picker';

/**
 * 资金台账: the community's funds with their balances. A community role sees its own; a district role picks
 * the community (kept in the URL) and reads only. Money leaves a fund only through a proposal's payout, so
 * there is no "spend" here: each fund opens its ledger.
 */
export function FundsPage({
  communityId: chosen,
  onCommunity,
}: {
  communityId: string | undefined;
  onCommunity: (communityId: string | undefined) => void;
}) {
  const { t, i18n } = useTranslation();
  const scope = useBooksScope(chosen);
  const funds = useFunds(scope.communityId, scope.communityId !== undefined || !scope.choosesCommunity);
  const communityName = useCommunityName(scope.choosesCommunity ? scope.communityId : undefined);
  const language = i18n.language;

  return (
    <PageContainer
      title={t('funds.list.title')}
      subTitle={scope.choosesCommunity ? (communityName ?? undefined) : scope.membership?.communityName}
      extra={scope.choosesCommunity ? <Tag icon={<EyeOutlined />}>{t('funds.common.readOnly')}</Tag> : null}
    >
      <Flex vertical gap={16}>
        {scope.choosesCommunity ? (
          <Card size="small">
            <CommunityPicker value={scope.communityId} onChange={onCommunity} />
          </Card>
        ) : null}
        {scope.choosesCommunity && !scope.communityId ? (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funds.list.pickCommunity')} />
          </Card>
        ) : (
          <QueryState
            query={funds}
            rows={6}
            isEmpty={(data) => data.items.length === 0}
            emptyText={t('funds.list.empty')}
          >
            {(data) => (
              <Flex vertical gap={16}>
                <Alert type="info" showIcon title={t('funds.list.rule')} />
                <Row gutter={[16, 16]}>
                  {data.items.map((fund) => (
                    <Col key={fund.id} xs={24} md={12} xl={8}>
                      <FundCard fund={fund} language={language} />
                    </Col>
                  ))}
                </Row>
                <Typography.Text type="secondary">
                  {t('funds.list.total', {
                    count: data.items.length,
                    amount: amountText(
                      data.items.reduce((sum, f) => sum + f.balanceFen, 0),
                      language,
                      t,
                    ),
                  })}
                </Typography.Text>
              </Flex>
            )}
          </QueryState>
        )}
      </Flex>
    </PageContainer>
  );
}

function FundCard({ fund, language }: { fund: Fund; language: string }) {
  const { t } = useTranslation();
  const capital = capitalText(fund.balanceFen, language);
  return (
    <Card
      title={
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          <BankOutlined aria-hidden />
          <Link to="/funds/$fundId" params={{ fundId: fund.id }} style={{ whiteSpace: 'normal' }}>
            {fund.name}
          </Link>
        </Flex>
      }
      extra={<Tag>{label(FUND_KIND_LABELS[fund.kind], language)}</Tag>}
    >
      <Statistic
        title={t('funds.fund.balance')}
        value={amountText(fund.balanceFen, language, t)}
        styles={{ content: { fontSize: 24 } }}
      />
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {yuanText(fund.balanceFen, t)}
        {capital ? ` · ${capital}` : ''}
      </Typography.Text>
      {fund.purpose ? (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2 }}
          style={{ marginTop: 8, marginBottom: 0 }}
        >
          {fund.purpose}
        </Typography.Paragraph>
      ) : null}
      <Flex gap={12} wrap style={{ marginTop: 12 }}>
        <Link to="/funds/$fundId" params={{ fundId: fund.id }}>
          {t('funds.list.openLedger')}
        </Link>
        <Link to="/proposals" search={{ fundId: fund.id }}>
          {t('funds.list.openProposals')}
        </Link>
        {fund.isPublic ? <Tag color="green">{t('funds.fund.public')}</Tag> : null}
      </Flex>
    </Card>
  );
}
