import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Proposal } from '@gongfu/contract';
import { formatYuan, PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES, type ProposalStatus } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Button, Card, Empty, Flex, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ExportButton } from '../../exports/components/export-button';
import { useBooksScope } from '../../funds/access';
import { useFunds } from '../../funds/api/funds';
import { CommunityPicker, useCommunityName } from '../../funds/components/community-picker';
import { label } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useProposals } from '../api/proposals';
import type { ProposalsSearch } from '../search';
import { STATUS_COLOR } from '../status';
import { CreateProposalDrawer } from './proposal-form-drawer';

/** 居民议事: the proposals of a community, filtered by status and fund (in the URL), newest first. */
export function ProposalsPage({
  search,
  onSearch,
  onOpen,
}: {
  search: ProposalsSearch;
  onSearch: (next: ProposalsSearch) => void;
  onOpen: (proposalId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useBooksScope(search.communityId);
  const statusId = useId();
  const fundId = useId();
  const [creating, setCreating] = useState(false);
  const waitingForCommunity = scope.choosesCommunity && !scope.communityId;
  const funds = useFunds(scope.communityId, !waitingForCommunity);
  const proposals = useProposals(
    {
      communityId: scope.choosesCommunity ? scope.communityId : undefined,
      fundId: search.fundId,
      status: search.status,
    },
    !waitingForCommunity,
  );
  const communityName = useCommunityName(scope.choosesCommunity ? scope.communityId : undefined);
  const fundNames = useMemo(
    () => new Map((funds.data?.items ?? []).map((f) => [f.id, f.name])),
    [funds.data],
  );
  const mayCreate = scope.may('proposal:create');
  const filtered = Boolean(search.status || search.fundId);

  const rows = useMemo(
    () => [...(proposals.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    [proposals.data],
  );

  const columns: TableColumnsType<Proposal> = [
    {
      title: t('funds.proposal.field.title'),
      dataIndex: 'title',
      render: (title: string, p) => (
        <Link to="/proposals/$proposalId" params={{ proposalId: p.id }} onClick={(e) => e.stopPropagation()}>
          {title}
        </Link>
      ),
    },
    {
      title: t('funds.proposal.field.status'),
      dataIndex: 'status',
      render: (status: ProposalStatus) => (
        <Tag color={STATUS_COLOR[status]}>{label(PROPOSAL_STATUS_LABELS[status], language)}</Tag>
      ),
    },
    {
      title: t('funds.proposal.field.fund'),
      dataIndex: 'fundId',
      render: (id: string) => fundNames.get(id) ?? '—',
    },
    {
      title: t('funds.proposal.field.amountYuan'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (fen: number) => formatYuan(fen, { grouping: true }),
    },
    {
      title: t('funds.proposal.field.paidYuan'),
      dataIndex: 'paidFen',
      align: 'right',
      render: (fen: number) => formatYuan(fen, { grouping: true }),
    },
    {
      title: t('funds.proposal.field.disclosure'),
      key: 'disclosure',
      render: (_, p) => (p.disclosure ? `${p.disclosure.startsOn} ~ ${p.disclosure.endsOn}` : '—'),
    },
    {
      title: t('funds.proposal.field.meetingOn'),
      key: 'meeting',
      render: (_, p) => p.deliberation?.meetingOn ?? '—',
    },
  ];

  return (
    <PageContainer
      title={t('funds.proposal.list.title')}
      subTitle={scope.choosesCommunity ? communityName : scope.membership?.communityName}
      extra={
        <>
          {scope.choosesCommunity ? <Tag icon={<EyeOutlined />}>{t('funds.common.readOnly')}</Tag> : null}
          <ExportButton
            view="proposals"
            params={{
              communityId: scope.choosesCommunity ? scope.communityId : undefined,
              fundId: search.fundId,
              status: search.status,
            }}
          />
          {mayCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('funds.proposal.create.open')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          {scope.choosesCommunity ? (
            <CommunityPicker
              value={scope.communityId}
              onChange={(communityId) => onSearch(communityId ? { communityId } : {})}
            />
          ) : null}
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
            <label htmlFor={statusId}>{t('funds.proposal.field.status')}</label>
            <Select<ProposalStatus | 'all'>
              id={statusId}
              style={{ width: 150 }}
              value={search.status ?? 'all'}
              onChange={(status) => onSearch({ ...search, status: status === 'all' ? undefined : status })}
              options={[
                { value: 'all', label: t('funds.proposal.list.allStatuses') },
                ...PROPOSAL_STATUSES.map((s) => ({
                  value: s,
                  label: label(PROPOSAL_STATUS_LABELS[s], language),
                })),
              ]}
            />
          </span>
          <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', maxWidth: '100%' }}>
            <label htmlFor={fundId}>{t('funds.proposal.field.fund')}</label>
            <Select<string>
              id={fundId}
              style={{ width: 220, maxWidth: '100%' }}
              value={search.fundId ?? 'all'}
              disabled={waitingForCommunity}
              onChange={(id) => onSearch({ ...search, fundId: id === 'all' ? undefined : id })}
              options={[
                { value: 'all', label: t('funds.proposal.list.allFunds') },
                ...(funds.data?.items ?? []).map((f) => ({ value: f.id, label: f.name })),
              ]}
            />
          </span>
          {filtered ? (
            <Button onClick={() => onSearch(search.communityId ? { communityId: search.communityId } : {})}>
              {t('funds.ledger.clear')}
            </Button>
          ) : null}
        </Flex>
        {waitingForCommunity ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funds.list.pickCommunity')} />
        ) : (
          <QueryState query={proposals} rows={6} emptyText="">
            {() => (
              <>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('funds.proposal.list.total', { count: rows.length })}
                </Typography.Paragraph>
                <Table<Proposal>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={rows}
                  scroll={{ x: 'max-content' }}
                  pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' } })}
                  locale={{
                    emptyText: (
                      <Empty
                        image={Empty.PRESENTED_IMAGE_SIMPLE}
                        description={
                          filtered ? t('funds.proposal.list.emptyFiltered') : t('funds.proposal.list.empty')
                        }
                      />
                    ),
                  }}
                />
              </>
            )}
          </QueryState>
        )}
      </Card>
      {mayCreate ? (
        <CreateProposalDrawer
          open={creating}
          funds={funds.data?.items ?? []}
          defaultFundId={search.fundId}
          onClose={() => setCreating(false)}
          onCreated={(proposal) => {
            setCreating(false);
            onOpen(proposal.id);
          }}
        />
      ) : null}
    </PageContainer>
  );
}
