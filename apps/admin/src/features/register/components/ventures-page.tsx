import { PlusOutlined } from '@ant-design/icons';
import type { Venture } from '@gongfu/contract';
import {
  OPERATING_MODEL_LABELS,
  PRICE_TIER_LABELS,
  PRICE_TIERS,
  VENTURE_CATEGORIES,
  VENTURE_CATEGORY_LABELS,
  VENTURE_STATUS_LABELS,
  VENTURE_STATUSES,
} from '@gongfu/domain';
import { Button, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/responsive-table';
import { label } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useRegisterScope } from '../access';
import { useCompanies, useVentures } from '../api/register';
import type { VenturesSearch } from '../search';
import {
  CommunityFilter,
  FilterSelect,
  matches,
  pagination,
  RegisterFrame,
  SearchBox,
} from './register-frame';
import { VentureDrawer } from './venture-drawer';

export const PRICE_TIER_COLOR: Record<Venture['priceTier'], string> = {
  public_welfare: 'green',
  low_price: 'cyan',
  market: 'default',
};

const STATUS_COLOR: Record<Venture['status'], string> = {
  planned: 'blue',
  operating: 'green',
  suspended: 'orange',
  closed: 'default',
};

/** 经营项目: ventures with their operating model (their company's), operator, price tier and service promise. */
export function VenturesPage({
  search,
  onSearch,
}: {
  search: VenturesSearch;
  onSearch: (next: VenturesSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(search.communityId);
  const listParams = { communityId: scope.listCommunityId, category: search.category, status: search.status };
  const ventures = useVentures(listParams);
  // the operating model is the company's: a role that cannot read companies (an operator partner) is not asked
  // for them, and sees no column that would only say —
  const readsCompanies = scope.may('company:read');
  // an operator partner runs ventures in several communities: each row says which (its operator column is itself),
  // as its agreements do
  const partner = Boolean(scope.membership?.partnerId);
  const showsCommunity = scope.choosesCommunity || partner;
  const companies = useCompanies({ communityId: scope.listCommunityId }, readsCompanies);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const mayCreate = scope.may('venture:create');
  const mayEdit = scope.may('venture:update');
  const filtered = Boolean(search.q || search.category || search.status || search.tier);
  const change = (patch: Partial<VenturesSearch>) => onSearch({ ...search, page: undefined, ...patch });
  const modelOf = useMemo(
    () => new Map((companies.data?.items ?? []).map((c) => [c.id, c.operatingModel])),
    [companies.data],
  );

  const rows = useMemo(
    () =>
      (ventures.data?.items ?? []).filter(
        (v) =>
          (!search.tier || v.priceTier === search.tier) &&
          // a partner is every row's operator: it finds a venture by its community instead
          matches(search.q, v.name, partner ? v.communityName : v.operatorPartnerName),
      ),
    [ventures.data, search.q, search.tier, partner],
  );
  const editingVenture = ventures.data?.items.find((v) => v.id === editing);

  const columns: TableColumnsType<Venture> = [
    { title: t('register.venture.field.name'), dataIndex: 'name' },
    ...(showsCommunity
      ? [{ title: t('register.common.community'), dataIndex: 'communityName' as const }]
      : []),
    {
      title: t('register.venture.field.category'),
      dataIndex: 'category',
      render: (c: Venture['category']) => label(VENTURE_CATEGORY_LABELS[c], language),
    },
    ...(readsCompanies
      ? [
          {
            title: t('register.venture.field.operatingModel'),
            key: 'model',
            render: (_: unknown, v: Venture) => {
              const model = v.companyId ? modelOf.get(v.companyId) : undefined;
              return model ? label(OPERATING_MODEL_LABELS[model], language) : '—';
            },
          },
        ]
      : []),
    ...(partner
      ? []
      : [
          {
            title: t('register.venture.field.operator'),
            dataIndex: 'operatorPartnerName' as const,
            render: (name: string | null) => name ?? t('register.venture.selfOperated'),
          },
        ]),
    {
      title: t('register.venture.field.priceTier'),
      dataIndex: 'priceTier',
      render: (p: Venture['priceTier']) => (
        <Tag color={PRICE_TIER_COLOR[p]}>{label(PRICE_TIER_LABELS[p], language)}</Tag>
      ),
    },
    {
      title: t('register.venture.field.promise'),
      dataIndex: 'promisedResponseMinutes',
      render: (m: number | null) => (m === null ? '—' : t('register.venture.promise', { minutes: m })),
    },
    {
      title: t('register.venture.field.status'),
      dataIndex: 'status',
      render: (s: Venture['status']) => (
        <Tag color={STATUS_COLOR[s]}>{label(VENTURE_STATUS_LABELS[s], language)}</Tag>
      ),
    },
    {
      title: t('register.venture.field.startedOn'),
      dataIndex: 'startedOn',
      render: (d: string | null) => d ?? '—',
    },
    ...(mayEdit
      ? [
          {
            title: t('register.common.actions'),
            key: 'actions',
            render: (_: unknown, v: Venture) => (
              <Button
                type="link"
                size="small"
                aria-label={`${t('register.common.edit')} ${v.name}`}
                onClick={() => setEditing(v.id)}
              >
                {t('register.common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <RegisterFrame
      section="ventures"
      title={t('register.venture.title')}
      readOnly={scope.choosesCommunity}
      exportParams={listParams}
      communityId={scope.communityId}
      create={
        mayCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('register.venture.create.open')}
          </Button>
        ) : null
      }
      filters={
        <>
          {scope.choosesCommunity ? (
            <CommunityFilter
              value={scope.communityId}
              onChange={(communityId) => onSearch({ ...search, communityId, page: undefined })}
            />
          ) : null}
          <SearchBox
            value={search.q}
            placeholder={t(
              partner ? 'register.venture.searchPlaceholderPartner' : 'register.venture.searchPlaceholder',
            )}
            onSearch={(q) => change({ q })}
          />
          <FilterSelect
            label={t('register.venture.field.category')}
            value={search.category}
            allText={t('register.venture.allCategories')}
            options={VENTURE_CATEGORIES.map((c) => ({
              value: c,
              label: label(VENTURE_CATEGORY_LABELS[c], language),
            }))}
            onChange={(category) => change({ category })}
          />
          <FilterSelect
            label={t('register.venture.field.priceTier')}
            value={search.tier}
            allText={t('register.venture.allTiers')}
            options={PRICE_TIERS.map((p) => ({ value: p, label: label(PRICE_TIER_LABELS[p], language) }))}
            onChange={(tier) => change({ tier })}
          />
          <FilterSelect
            label={t('register.venture.field.status')}
            value={search.status}
            allText={t('register.venture.allStatuses')}
            width={140}
            options={VENTURE_STATUSES.map((s) => ({
              value: s,
              label: label(VENTURE_STATUS_LABELS[s], language),
            }))}
            onChange={(status) => change({ status })}
          />
          {filtered ? (
            <Button onClick={() => onSearch(search.communityId ? { communityId: search.communityId } : {})}>
              {t('register.common.clear')}
            </Button>
          ) : null}
        </>
      }
    >
      <QueryState query={ventures} rows={6} emptyText="">
        {() => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('register.common.total', { count: rows.length })}
            </Typography.Paragraph>
            <ResponsiveTable<Venture>
              columns={columns}
              dataSource={rows}
              pagination={pagination(rows.length, search.page, (page) => onSearch({ ...search, page }))}
              emptyText={filtered ? t('register.common.emptyFiltered') : t('register.venture.empty')}
            />
          </>
        )}
      </QueryState>
      {mayCreate ? (
        <VentureDrawer open={creating} communityId={undefined} onClose={() => setCreating(false)} />
      ) : null}
      {mayEdit && editingVenture ? (
        <VentureDrawer
          open
          venture={editingVenture}
          communityId={scope.choosesCommunity ? editingVenture.communityId : undefined}
          onClose={() => setEditing(null)}
          onReload={() => void ventures.refetch()}
        />
      ) : null}
    </RegisterFrame>
  );
}
