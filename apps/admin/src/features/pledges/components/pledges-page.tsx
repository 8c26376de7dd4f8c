import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Pledge } from '@gongfu/contract';
import { formatYuan, PLEDGE_KIND_LABELS, type PledgeKind } from '@gongfu/domain';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Grid,
  List,
  Progress,
  Row,
  Segmented,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { communitiesQueryOptions } from '../../communities/api/get-communities';
import { ExportButton } from '../../exports/components/export-button';
import { useBooksScope } from '../../funds/access';
import { useFunds } from '../../funds/api/funds';
import { CommunityPicker } from '../../funds/components/community-picker';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { usePledges } from '../api/pledges';
import type { PledgeFilter, PledgesSearch } from '../search';
import { CreatePledgeDrawer, FulfilmentDrawer, PledgeDetailDrawer } from './pledge-drawers';

/**
 * 承诺捐赠: partners' give-back pledged to a community, what has been given and what is outstanding. The
 * community records and confirms fulfilments (a cash one is a donation into the pledge's fund); a partner
 * operator sees and declares its own; district roles read.
 */
export function PledgesPage({
  search,
  onSearch,
}: {
  search: PledgesSearch;
  onSearch: (next: PledgesSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useBooksScope(search.communityId);
  const isPartner = Boolean(scope.membership?.partnerId);
  const pledges = usePledges({
    communityId: scope.communityId,
    status: search.status === 'overdue' ? undefined : search.status,
    overdue: search.status === 'overdue' ? true : undefined,
  });
  const funds = useFunds(scope.communityId, scope.may('fund:read') && scope.communityId !== undefined);
  const communities = useQuery({ ...communitiesQueryOptions(), enabled: !scope.membership?.communityId });
  const communityNames = useMemo(
    () => new Map((communities.data?.items ?? []).map((c) => [c.id, c.name])),
    [communities.data],
  );
  const [fulfilling, setFulfilling] = useState<Pledge | null>(null);
  const [creating, setCreating] = useState(false);
  const mayCreate = scope.may('pledge:create') && (isPartner || scope.membership?.communityId !== undefined);
  const mayFulfil = scope.may('pledge:record_fulfilment');
  const mayConfirm = mayFulfil && !isPartner;
  const screens = Grid.useBreakpoint();
  const rows = useMemo(
    () => [...(pledges.data?.items ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn)),
    [pledges.data],
  );

  const actions = (p: Pledge) => (
    <Flex gap={8} wrap>
      <Button size="small" onClick={() => onSearch({ ...search, pledge: p.id })}>
        {t('funds.pledge.detail.open')}
      </Button>
      {mayFulfil && p.status === 'open' ? (
        <Button size="small" type="primary" onClick={() => setFulfilling(p)}>
          {isPartner ? t('funds.pledge.fulfil.declare') : t('funds.pledge.fulfil.open')}
        </Button>
      ) : null}
    </Flex>
  );

  const columns: TableColumnsType<Pledge> = [
    ...(scope.membership?.communityId
      ? []
      : [
          {
            title: t('funds.common.community'),
            dataIndex: 'communityId',
            render: (id: string) => communityNames.get(id) ?? '—',
          },
        ]),
    {
      title: t('funds.pledge.field.partner'),
      dataIndex: 'partnerName',
      render: (n: string | null) => n ?? '—',
    },
    {
      title: t('funds.pledge.field.kind'),
      dataIndex: 'kind',
      render: (kind: PledgeKind) => <Tag>{label(PLEDGE_KIND_LABELS[kind], language)}</Tag>,
    },
    {
      title: t('funds.pledge.field.description'),
      dataIndex: 'description',
      width: 240,
      render: (d: string) => <div style={{ minWidth: 160, whiteSpace: 'normal' }}>{d}</div>,
    },
    {
      title: t('funds.pledge.field.pledgedYuan'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (fen: number) => formatYuan(fen, { grouping: true }),
    },
    {
      title: t('funds.pledge.field.fulfilledYuan'),
      key: 'fulfilled',
      render: (_, p) => {
        const percent =
          p.amountFen > 0 ? Math.min(100, Math.floor((p.fulfilledFen * 100) / p.amountFen)) : 100;
        return (
          <Flex vertical style={{ minWidth: 140 }}>
            <span>{formatYuan(p.fulfilledFen, { grouping: true })}</span>
            <Progress
              percent={percent}
              size="small"
              aria-label={t('funds.pledge.field.progress', { percent })}
            />
          </Flex>
        );
      },
    },
    {
      title: t('funds.pledge.field.outstandingYuan'),
      key: 'outstanding',
      align: 'right',
      render: (_, p) => (
        <Flex vertical align="flex-end">
          <span>{formatYuan(p.outstandingFen, { grouping: true })}</span>
          {p.awaitingConfirmationFen > 0 ? (
            <Typography.Text type="warning" style={{ whiteSpace: 'nowrap' }}>
              {t('funds.pledge.field.awaiting', {
                amount: formatYuan(p.awaitingConfirmationFen, { grouping: true }),
              })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('funds.pledge.field.dueOn'),
      dataIndex: 'dueOn',
      render: (due: string, p) => (
        <Flex gap={4} wrap>
          <span>{due}</span>
          {p.overdue ? <Tag color="red">{t('funds.pledge.status.overdue')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('funds.pledge.field.status'),
      dataIndex: 'status',
      render: (s: Pledge['status']) => (
        <Tag color={s === 'fulfilled' ? 'green' : 'gold'}>{t(`funds.pledge.status.${s}`)}</Tag>
      ),
    },
    {
      title: t('funds.pledge.field.actions'),
      key: 'actions',
      render: (_, p) => actions(p),
    },
  ];

  return (
    <PageContainer
      title={t('funds.pledge.list.title')}
      subTitle={scope.membership?.communityName ?? scope.membership?.partnerName ?? undefined}
      extra={
        <>
          {!mayFulfil ? <Tag icon={<EyeOutlined />}>{t('funds.common.readOnly')}</Tag> : null}
          <ExportButton
            view="pledges"
            params={{
              communityId: scope.communityId,
              status: search.status === 'overdue' ? undefined : search.status,
              overdue: search.status === 'overdue' ? true : undefined,
            }}
          />
          {mayCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('funds.pledge.create.open')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          {scope.choosesCommunity ? (
            <CommunityPicker
              allowClear
              value={search.communityId}
              onChange={(communityId) =>
                onSearch({ ...search, communityId: communityId ?? undefined, pledge: undefined })
              }
            />
          ) : null}
          <Segmented<PledgeFilter | 'all'>
            aria-label={t('funds.pledge.field.status')}
            value={search.status ?? 'all'}
            onChange={(value) => onSearch({ ...search, status: value === 'all' ? undefined : value })}
            options={[
              { value: 'all', label: t('funds.pledge.status.all') },
              { value: 'open', label: t('funds.pledge.status.open') },
              { value: 'overdue', label: t('funds.pledge.status.overdue') },
              { value: 'fulfilled', label: t('funds.pledge.status.fulfilled') },
            ]}
          />
        </Flex>
        <QueryState query={pledges} rows={6} emptyText="">
          {(data) => (
            <>
              <Row
                gutter={[16, 8]}
                style={{ marginBottom: 16 }}
                role="group"
                aria-label={t('funds.pledge.list.totals')}
              >
                {[
                  { key: 'pledged', title: t('funds.pledge.field.pledged'), fen: data.totals.amountFen },
                  {
                    key: 'fulfilled',
                    title: t('funds.pledge.field.fulfilled'),
                    fen: data.totals.fulfilledFen,
                  },
                  {
                    key: 'outstanding',
                    title: t('funds.pledge.field.outstanding'),
                    fen: data.totals.outstandingFen,
                  },
                  ...(data.totals.awaitingConfirmationFen > 0
                    ? [
                        {
                          key: 'awaiting',
                          title: t('funds.pledge.field.awaitingTotal'),
                          fen: data.totals.awaitingConfirmationFen,
                        },
                      ]
                    : []),
                ].map((item) => (
                  <Col key={item.key} xs={12} md={6}>
                    <Typography.Text type="secondary" style={{ display: 'block' }}>
                      {item.title}
                    </Typography.Text>
                    <Typography.Text strong style={{ fontSize: screens.md ? 20 : 16 }}>
                      {yuanText(item.fen, t)}
                    </Typography.Text>
                  </Col>
                ))}
              </Row>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('funds.pledge.list.note')}
              </Typography.Paragraph>
              {screens.md === false ? (
                <List<Pledge>
                  dataSource={rows}
                  rowKey="id"
                  locale={{ emptyText: t('funds.pledge.list.empty') }}
                  renderItem={(p) => (
                    <List.Item>
                      <Flex vertical gap={4} style={{ width: '100%' }}>
                        <Flex justify="space-between" gap={8} align="baseline">
                          <Typography.Text strong>
                            {p.partnerName ?? '—'}
                            {scope.membership?.communityId ? null : (
                              <Typography.Text type="secondary">
                                {' '}
                                · {communityNames.get(p.communityId) ?? '—'}
                              </Typography.Text>
                            )}
                          </Typography.Text>
                          <Tag color={p.status === 'fulfilled' ? 'green' : 'gold'}>
                            {t(`funds.pledge.status.${p.status}`)}
                          </Tag>
                        </Flex>
                        <Typography.Text>
                          <Tag>{label(PLEDGE_KIND_LABELS[p.kind], language)}</Tag>
                          {p.description}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {t('funds.pledge.list.amounts', {
                            pledged: formatYuan(p.amountFen, { grouping: true }),
                            fulfilled: formatYuan(p.fulfilledFen, { grouping: true }),
                            outstanding: formatYuan(p.outstandingFen, { grouping: true }),
                          })}
                        </Typography.Text>
                        <Flex gap={8} align="center" wrap>
                          <Typography.Text type="secondary">
                            {t('funds.pledge.field.dueOn')} {p.dueOn}
                          </Typography.Text>
                          {p.overdue ? <Tag color="red">{t('funds.pledge.status.overdue')}</Tag> : null}
                        </Flex>
                        {actions(p)}
                      </Flex>
                    </List.Item>
                  )}
                />
              ) : (
                <Table<Pledge>
                  rowKey="id"
                  size="middle"
                  columns={columns}
                  dataSource={rows}
                  scroll={{ x: 'max-content' }}
                  pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  locale={{
                    emptyText: (
                      <Empty
                        image={Empty.PRESENTED_IMAGE_SIMPLE}
                        description={t('funds.pledge.list.empty')}
                      />
                    ),
                  }}
                />
              )}
            </>
          )}
        </QueryState>
      </Card>
      {fulfilling ? (
        <FulfilmentDrawer pledge={fulfilling} declares={isPartner} onClose={() => setFulfilling(null)} />
      ) : null}
      {search.pledge ? (
        <PledgeDetailDrawer
          pledgeId={search.pledge}
          mayConfirm={mayConfirm}
          onClose={() => onSearch({ ...search, pledge: undefined })}
        />
      ) : null}
      {creating ? (
        <CreatePledgeDrawer
          funds={funds.data?.items ?? []}
          ownPartnerId={scope.membership?.partnerId ?? undefined}
          communities={communities.data?.items}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </PageContainer>
  );
}
