import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import type { Appraisal, Asset, Shareholding, ShareholdingVersion } from '@gongfu/contract';
import {
  APPRAISAL_METHOD_LABELS,
  CONTRIBUTION_KIND_LABELS,
  contributionNeedsAsset,
  HOLDER_KIND_LABELS,
  OPERATING_MODEL_LABELS,
} from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Card, Descriptions, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { HistoryButton, HistoryDrawer } from '../../audit/components/history-drawer';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useCommunityNames, useRegisterScope } from '../access';
import { useAppraisals, useAssets, useCompany, useShareholdings } from '../api/register';
import { areaText, shareText } from '../format';
import { AppraisalHistory } from './appraisal-history';
import { CompanyDrawer } from './company-drawer';
import { ShareholdingsDrawer } from './shareholdings-drawer';

/** One company: its details and its shareholdings (a site contribution with the premises and its appraisals). */
export function CompanyPage({ companyId }: { companyId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(undefined);
  const company = useCompany(companyId);
  const shareholdings = useShareholdings(companyId);
  const communityId = company.data?.communityId;
  const assets = useAssets({ communityId }, communityId !== undefined);
  const names = useCommunityNames(scope.choosesCommunity);
  const [editing, setEditing] = useState<'company' | 'shares' | null>(null);
  const [history, setHistory] = useState(false);
  const mayEdit = scope.may('company:update');
  const mayEditShares = scope.may('shareholding:update');
  const assetsById = useMemo(() => new Map((assets.data?.items ?? []).map((a) => [a.id, a])), [assets.data]);

  const columns: TableColumnsType<Shareholding> = [
    {
      title: t('register.shareholding.field.holder'),
      key: 'holder',
      render: (_, h) => (
        <Flex vertical gap={2}>
          <span>{h.holderName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(HOLDER_KIND_LABELS[h.holderKind], language)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('register.shareholding.field.contribution'),
      dataIndex: 'contributionKind',
      render: (kind: Shareholding['contributionKind']) => label(CONTRIBUTION_KIND_LABELS[kind], language),
    },
    {
      title: t('register.shareholding.premises'),
      key: 'premises',
      render: (_, h) => <PremisesCell asset={h.assetId ? assetsById.get(h.assetId) : undefined} />,
    },
    {
      title: t('register.shareholding.appraisalUsed'),
      key: 'appraisal',
      render: (_, h) =>
        h.assetId && h.appraisalId ? <UsedAppraisal assetId={h.assetId} appraisalId={h.appraisalId} /> : '—',
    },
    {
      title: t('register.shareholding.field.subscribed'),
      dataIndex: 'subscribedFen',
      align: 'right',
      render: (fen: number) => yuanText(fen, t),
    },
    {
      title: t('register.shareholding.field.paidIn'),
      dataIndex: 'paidInFen',
      align: 'right',
      render: (fen: number) => yuanText(fen, t),
    },
    {
      title: t('register.shareholding.field.share'),
      dataIndex: 'shareBp',
      align: 'right',
      render: (bp: number) => <strong>{shareText(bp)}</strong>,
    },
  ];

  return (
    <QueryState query={company} rows={8} emptyText="">
      {(c) => (
        <PageContainer
          title={c.legalName}
          subTitle={scope.choosesCommunity ? names.get(c.communityId) : undefined}
          extra={
            <>
              {scope.choosesCommunity ? (
                <Tag icon={<EyeOutlined />}>{t('register.common.readOnly')}</Tag>
              ) : null}
              <HistoryButton onClick={() => setHistory(true)} />
              {mayEdit ? (
                <Button icon={<EditOutlined />} onClick={() => setEditing('company')}>
                  {t('register.common.edit')}
                </Button>
              ) : null}
            </>
          }
        >
          <Flex vertical gap={16}>
            <Card title={t('register.company.detail.info')}>
              <Descriptions
                column={{ xs: 1, sm: 1, md: 2 }}
                items={[
                  {
                    key: 'creditCode',
                    label: t('register.company.field.creditCode'),
                    children: <Typography.Text code>{c.creditCode}</Typography.Text>,
                  },
                  {
                    key: 'model',
                    label: t('register.company.field.operatingModel'),
                    children: label(OPERATING_MODEL_LABELS[c.operatingModel], language),
                  },
                  {
                    key: 'capital',
                    label: t('register.company.field.registeredCapital'),
                    children: yuanText(c.registeredCapitalFen, t),
                  },
                  {
                    key: 'founded',
                    label: t('register.company.field.foundedOn'),
                    children: c.foundedOn ?? '—',
                  },
                ]}
              />
            </Card>
            <Card
              title={
                <Flex gap={8} align="baseline" wrap>
                  <span>{t('register.company.detail.shareholdings')}</span>
                  {shareholdings.data && shareholdings.data.items.length > 0 ? (
                    <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                      {shareholdings.data.effectiveFrom
                        ? t('register.shareholding.since', { month: shareholdings.data.effectiveFrom })
                        : t('register.shareholding.sinceStart')}
                    </Typography.Text>
                  ) : null}
                </Flex>
              }
              extra={
                mayEditShares ? (
                  <Button type="primary" onClick={() => setEditing('shares')} disabled={!shareholdings.data}>
                    {t('register.company.detail.editShares')}
                  </Button>
                ) : null
              }
            >
              <QueryState
                query={shareholdings}
                rows={4}
                isEmpty={(data) => data.items.length === 0}
                emptyText={t('register.company.detail.noShares')}
              >
                {(data) => (
                  <>
                    {data.totalBp !== 10_000 ? (
                      <Alert
                        type="warning"
                        showIcon
                        style={{ marginBottom: 12 }}
                        title={t('register.company.detail.sharesMismatch', { sum: shareText(data.totalBp) })}
                      />
                    ) : null}
                    <ResponsiveTable<Shareholding>
                      columns={columns}
                      dataSource={data.items}
                      emptyText={t('register.company.detail.noShares')}
                      expandedRow={{
                        rowExpandable: (h) =>
                          contributionNeedsAsset(h.contributionKind) && h.assetId !== null,
                        render: (h) =>
                          h.assetId ? (
                            <div>
                              <Typography.Text strong>
                                {t('register.shareholding.appraisalHistory')}
                              </Typography.Text>
                              <AppraisalHistory assetId={h.assetId} usedId={h.appraisalId} />
                            </div>
                          ) : null,
                      }}
                      footer={{
                        label: t('register.shareholding.sum'),
                        value: <strong>{shareText(data.totalBp)}</strong>,
                      }}
                    />
                    {data.history.length > 1 ? <VersionHistory versions={data.history.slice(0, -1)} /> : null}
                  </>
                )}
              </QueryState>
            </Card>
          </Flex>
          {mayEdit && editing === 'company' ? (
            <CompanyDrawer
              open
              company={c}
              onClose={() => setEditing(null)}
              onReload={() => void company.refetch()}
            />
          ) : null}
          {mayEditShares && editing === 'shares' && shareholdings.data ? (
            <ShareholdingsDrawer
              open
              companyId={c.id}
              communityId={c.communityId}
              shareholdings={shareholdings.data}
              onClose={() => setEditing(null)}
              onReload={() => {
                void company.refetch();
                void shareholdings.refetch();
              }}
            />
          ) : null}
          <HistoryDrawer
            entityType="company"
            entityId={c.id}
            open={history}
            onClose={() => setHistory(false)}
          />
        </PageContainer>
      )}
    </QueryState>
  );
}

function PremisesCell({ asset }: { asset: Asset | undefined }) {
  const { t, i18n } = useTranslation();
  if (!asset) return <>—</>;
  return (
    <Flex vertical gap={2}>
      <Link to="/register/assets/$assetId" params={{ assetId: asset.id }}>
        {asset.name}
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {asset.areaM2 !== null
          ? t('register.asset.areaValue', { area: areaText(asset.areaM2, i18n.language) })
          : null}
        {asset.location ? ` · ${asset.location}` : null}
      </Typography.Text>
    </Flex>
  );
}

/** The appraisal a site contribution was valued by: value, date and method. */
function UsedAppraisal({ assetId, appraisalId }: { assetId: string; appraisalId: string }) {
  const { t, i18n } = useTranslation();
  const appraisals = useAppraisals(assetId);
  const used: Appraisal | undefined = appraisals.data?.items.find((a) => a.id === appraisalId);
  if (!used) return <>{appraisals.isPending ? '…' : '—'}</>;
  return (
    <Flex vertical gap={2}>
      <span>{yuanText(used.valueFen, t)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {used.appraisedOn} · {label(APPRAISAL_METHOD_LABELS[used.method], i18n.language)} · {used.appraiser}
      </Typography.Text>
    </Flex>
  );
}

/** The versions before the current one, newest first: who held what, over which months. */
function VersionHistory({ versions }: { versions: readonly ShareholdingVersion[] }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong>{t('register.shareholding.history')}</Typography.Text>
      <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
        {[...versions].reverse().map((v) => (
          <li key={v.effectiveFrom ?? 'start'}>
            <Typography.Text type="secondary">
              {v.effectiveFrom
                ? t('register.shareholding.until', { from: v.effectiveFrom, to: v.effectiveTo ?? '…' })
                : t('register.shareholding.untilFromStart', { to: v.effectiveTo ?? '…' })}
            </Typography.Text>
            {' · '}
            {v.items.map((h) => `${h.holderName} ${shareText(h.shareBp)}`).join(' · ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
