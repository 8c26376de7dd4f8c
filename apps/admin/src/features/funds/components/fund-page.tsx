import { EyeOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import type { Fund, LedgerEntry } from '@gongfu/contract';
import { FUND_KIND_LABELS, type ProposalUseCategory } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { HistoryButton, HistoryDrawer } from '../../audit/components/history-drawer';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { FundFlowChart } from '../../kpis/charts/fund-flow-chart';
import { QueryState } from '../../kpis/components/query-state';
import { useProposals } from '../../proposals/api/proposals';
import { mayDo } from '../access';
import { useEntries, useFund } from '../api/funds';
import { amountText, capitalText, label, yuanText } from '../format';
import { fundFlowOf, type LedgerFilter, matchesFilter } from '../ledger';
import type { LedgerSearch } from '../search';
import { BalanceChart } from './balance-chart';
import { useCommunityName } from './community-picker';
import { LedgerTable } from './ledger-table';
import { RecordInflowDrawer } from './record-inflow-drawer';

export interface FundPageProps {
  fundId: string;
  search: LedgerSearch;
  onSearch: (next: LedgerSearch) => void;
}

/** One fund: its balance, its journal with totals and filters, the balance over time and where the money went. */
export function FundPage({ fundId, search, onSearch }: FundPageProps) {
  const { t } = useTranslation();
  const fund = useFund(fundId);
  if (fund.isPending) {
    return (
      <PageContainer title={t('funds.fund.loading')}>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  }
  if (fund.isError) {
    return (
      <PageContainer title={t('funds.list.title')}>
        <QueryState query={fund} emptyText="">
          {() => null}
        </QueryState>
      </PageContainer>
    );
  }
  return <FundView fund={fund.data} search={search} onSearch={onSearch} />;
}

function FundView({
  fund,
  search,
  onSearch,
}: {
  fund: Fund;
  search: LedgerSearch;
  onSearch: FundPageProps['onSearch'];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const membership = useActiveMembership();
  const entries = useEntries(fund.id);
  const proposals = useProposals({ fundId: fund.id });
  const [recording, setRecording] = useState(false);
  const [history, setHistory] = useState(false);
  const mayRecord = mayDo(membership, 'ledger:record_inflow');
  const readOnly = !mayRecord;
  const communityName = useCommunityName(membership?.communityId ? undefined : fund.communityId);
  const capital = capitalText(fund.balanceFen, language);
  const filter: LedgerFilter = { kind: search.kind, from: search.from, to: search.to };

  const byId = useMemo(() => new Map((entries.data?.items ?? []).map((e) => [e.id, e])), [entries.data]);
  const titles = useMemo(
    () => new Map((proposals.data?.items ?? []).map((p) => [p.id, p.title])),
    [proposals.data],
  );
  const categories = useMemo(
    () => new Map((proposals.data?.items ?? []).map((p) => [p.id, p.useCategory])),
    [proposals.data],
  );

  const kindText = label(FUND_KIND_LABELS[fund.kind], language);
  return (
    <PageContainer
      title={fund.name}
      // the kind under the name, unless the fund is named by its kind (社区治理专项资金 twice read as a slip)
      subTitle={communityName ?? (kindText === fund.name ? undefined : kindText)}
      extra={
        <>
          {readOnly ? <Tag icon={<EyeOutlined />}>{t('funds.common.readOnly')}</Tag> : null}
          <HistoryButton onClick={() => setHistory(true)} />
          <ExportButton view="ledger" params={{ fundId: fund.id, ...filter }} />
          {fund.isPublic ? (
            // the residents' page, as they open it (no login): a new tab to print or share
            <Button
              icon={<NotificationOutlined />}
              href={`/board/${fund.districtId}/${fund.communityId}`}
              target="_blank"
              rel="noopener"
            >
              {t('board.open')}
            </Button>
          ) : null}
          {mayRecord ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t('funds.inflow.open')}
            </Button>
          ) : null}
        </>
      }
    >
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'balance',
                label: t('funds.fund.balance'),
                children: (
                  <Flex vertical>
                    <Typography.Text strong style={{ fontSize: 20 }}>
                      {amountText(fund.balanceFen, language, t)}
                    </Typography.Text>
                    <Typography.Text type="secondary">{yuanText(fund.balanceFen, t)}</Typography.Text>
                    {capital ? <Typography.Text type="secondary">{capital}</Typography.Text> : null}
                  </Flex>
                ),
              },
              {
                key: 'kind',
                label: t('funds.fund.kind'),
                children: label(FUND_KIND_LABELS[fund.kind], language),
              },
              {
                key: 'public',
                label: t('funds.fund.disclosure'),
                children: fund.isPublic ? t('funds.fund.public') : t('funds.fund.notPublic'),
              },
              ...(fund.purpose
                ? [{ key: 'purpose', label: t('funds.fund.purpose'), children: fund.purpose }]
                : []),
            ]}
          />
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('funds.fund.outflowRule')}
            action={
              <Link to="/proposals" search={{ fundId: fund.id }}>
                {t('funds.list.openProposals')}
              </Link>
            }
          />
        </Card>
        <LedgerTable
          fundId={fund.id}
          filter={filter}
          page={search.page ?? 1}
          proposalTitles={titles}
          entriesById={byId}
          onFilter={(next) => {
            const clean: LedgerSearch = {};
            if (next.kind) clean.kind = next.kind;
            if (next.from) clean.from = next.from;
            if (next.to) clean.to = next.to;
            if (next.page) clean.page = next.page;
            onSearch(clean);
          }}
        />
        <QueryState
          query={entries}
          rows={6}
          emptyText={t('funds.ledger.empty')}
          isEmpty={(data) => data.items.length === 0}
        >
          {(data) => (
            <Row gutter={[16, 16]}>
              <Col xs={24}>
                <Card title={t('funds.fund.balanceChart')}>
                  <BalanceChart entries={data.items} label={t('funds.fund.balanceChart')} />
                </Card>
              </Col>
              <Col xs={24}>
                <FlowCard
                  fund={fund}
                  entries={data.items}
                  filter={filter}
                  titles={titles}
                  categories={categories}
                />
              </Col>
            </Row>
          )}
        </QueryState>
      </Flex>
      {mayRecord ? (
        <RecordInflowDrawer fund={fund} open={recording} onClose={() => setRecording(false)} />
      ) : null}
      <HistoryDrawer entityType="fund" entityId={fund.id} open={history} onClose={() => setHistory(false)} />
    </PageContainer>
  );
}

function FlowCard({
  fund,
  entries,
  filter,
  titles,
  categories,
}: {
  fund: Fund;
  entries: readonly LedgerEntry[];
  filter: LedgerFilter;
  titles: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, ProposalUseCategory>;
}) {
  const { t } = useTranslation();
  const flow = useMemo(
    () =>
      fundFlowOf(
        fund,
        entries.filter((e) => matchesFilter(e, { from: filter.from, to: filter.to })),
        entries,
        titles,
        { 'zh-CN': t('funds.flow.otherUse'), en: t('funds.flow.otherUse') },
        categories,
      ),
    [fund, entries, filter.from, filter.to, titles, categories, t],
  );
  return (
    <Card title={t('funds.flow.title')}>
      <Typography.Paragraph type="secondary">{t('funds.flow.hint')}</Typography.Paragraph>
      {flow.links.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funds.flow.empty')} />
      ) : (
        <FundFlowChart flow={flow} label={t('funds.flow.title')} />
      )}
    </Card>
  );
}
