import { PlusOutlined } from '@ant-design/icons';
import type { Asset } from '@gongfu/contract';
import { ASSET_KIND_LABELS, ASSET_KINDS, ASSET_STATUS_LABELS, ASSET_STATUSES } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Button, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/responsive-table';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useCommunityNames, useRegisterScope } from '../access';
import { useAssets } from '../api/register';
import { areaText } from '../format';
import type { AssetsSearch } from '../search';
import { AssetDrawer } from './asset-drawers';
import {
  CommunityFilter,
  FilterSelect,
  matches,
  pagination,
  RegisterFrame,
  SearchBox,
} from './register-frame';

export const ASSET_STATUS_COLOR: Record<Asset['status'], string> = {
  idle: 'orange',
  self_used: 'blue',
  leased: 'green',
  equity_contributed: 'purple',
};

/** 三资台账: resources and assets, premises with their area and latest appraisal; kind and status filter on the API. */
export function AssetsPage({
  search,
  onSearch,
}: {
  search: AssetsSearch;
  onSearch: (next: AssetsSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(search.communityId);
  const listParams = { communityId: scope.listCommunityId, kind: search.kind, status: search.status };
  const assets = useAssets(listParams);
  const names = useCommunityNames(scope.choosesCommunity);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const mayCreate = scope.may('asset:create');
  const mayEdit = scope.may('asset:update');
  const filtered = Boolean(search.q || search.kind || search.status);
  const change = (patch: Partial<AssetsSearch>) => onSearch({ ...search, page: undefined, ...patch });

  const rows = useMemo(
    () => (assets.data?.items ?? []).filter((a) => matches(search.q, a.name, a.location, a.title)),
    [assets.data, search.q],
  );
  const editingAsset = assets.data?.items.find((a) => a.id === editing);
  const idle = rows.filter((a) => a.status === 'idle').length;

  const columns: TableColumnsType<Asset> = [
    {
      title: t('register.asset.field.name'),
      dataIndex: 'name',
      render: (name: string, a) => (
        <Flex vertical gap={2}>
          <Link to="/register/assets/$assetId" params={{ assetId: a.id }}>
            {name}
          </Link>
          {a.location ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.location}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    ...(scope.choosesCommunity
      ? [
          {
            title: t('register.common.community'),
            key: 'community',
            render: (_: unknown, a: Asset) => names.get(a.communityId) ?? '—',
          },
        ]
      : []),
    {
      title: t('register.asset.field.kind'),
      dataIndex: 'kind',
      render: (kind: Asset['kind']) => label(ASSET_KIND_LABELS[kind], language),
    },
    {
      title: t('register.asset.field.area'),
      dataIndex: 'areaM2',
      align: 'right',
      render: (area: number | null) => (area === null ? '—' : areaText(area, language)),
    },
    {
      title: t('register.asset.field.status'),
      dataIndex: 'status',
      render: (status: Asset['status']) => (
        <Tag color={ASSET_STATUS_COLOR[status]}>{label(ASSET_STATUS_LABELS[status], language)}</Tag>
      ),
    },
    {
      title: t('register.asset.field.latestAppraisal'),
      key: 'appraisal',
      align: 'right',
      render: (_, a) =>
        a.latestAppraisal ? (
          <Flex vertical gap={2} align="flex-end">
            <span>{yuanText(a.latestAppraisal.valueFen, t)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.latestAppraisal.appraisedOn}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('register.asset.noAppraisal')}</Typography.Text>
        ),
    },
    { title: t('register.asset.field.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
    ...(mayEdit
      ? [
          {
            title: t('register.common.actions'),
            key: 'actions',
            render: (_: unknown, a: Asset) => (
              <Button
                type="link"
                size="small"
                aria-label={`${t('register.common.edit')} ${a.name}`}
                onClick={() => setEditing(a.id)}
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
      section="assets"
      title={t('register.asset.title')}
      readOnly={scope.choosesCommunity}
      exportParams={listParams}
      communityId={scope.communityId}
      create={
        mayCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('register.asset.create.open')}
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
            placeholder={t('register.asset.searchPlaceholder')}
            onSearch={(q) => change({ q })}
          />
          <FilterSelect
            label={t('register.asset.field.kind')}
            value={search.kind}
            allText={t('register.asset.allKinds')}
            options={ASSET_KINDS.map((k) => ({ value: k, label: label(ASSET_KIND_LABELS[k], language) }))}
            onChange={(kind) => change({ kind })}
          />
          <FilterSelect
            label={t('register.asset.field.status')}
            value={search.status}
            allText={t('register.asset.allStatuses')}
            options={ASSET_STATUSES.map((s) => ({
              value: s,
              label: label(ASSET_STATUS_LABELS[s], language),
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
      <QueryState query={assets} rows={6} emptyText="">
        {() => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('register.common.total', { count: rows.length })}
              {idle > 0 ? t('register.asset.idleCount', { count: idle }) : ''}
            </Typography.Paragraph>
            <ResponsiveTable<Asset>
              columns={columns}
              dataSource={rows}
              pagination={pagination(rows.length, search.page, (page) => onSearch({ ...search, page }))}
              emptyText={filtered ? t('register.common.emptyFiltered') : t('register.asset.empty')}
            />
          </>
        )}
      </QueryState>
      {mayCreate ? <AssetDrawer open={creating} onClose={() => setCreating(false)} /> : null}
      {mayEdit && editingAsset ? (
        <AssetDrawer
          open
          asset={editingAsset}
          onClose={() => setEditing(null)}
          onReload={() => void assets.refetch()}
        />
      ) : null}
    </RegisterFrame>
  );
}
