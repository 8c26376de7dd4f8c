import { PlusOutlined } from '@ant-design/icons';
import type { Company } from '@gongfu/contract';
import { OPERATING_MODEL_LABELS, OPERATING_MODELS } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Button, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/responsive-table';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useCommunityNames, useRegisterScope } from '../access';
import { useCompanies } from '../api/register';
import type { CompaniesSearch } from '../search';
import { CompanyDrawer } from './company-drawer';
import {
  CommunityFilter,
  FilterSelect,
  matches,
  pagination,
  RegisterFrame,
  SearchBox,
} from './register-frame';

/** 社区公司: the companies of a community (or, for a district reader, of every community or the one chosen). */
export function CompaniesPage({
  search,
  onSearch,
}: {
  search: CompaniesSearch;
  onSearch: (next: CompaniesSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(search.communityId);
  const listParams = { communityId: scope.listCommunityId };
  const companies = useCompanies(listParams);
  const names = useCommunityNames(scope.choosesCommunity);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const mayCreate = scope.may('company:create');
  const mayEdit = scope.may('company:update');
  const filtered = Boolean(search.q || search.model);
  const change = (patch: Partial<CompaniesSearch>) => onSearch({ ...search, page: undefined, ...patch });

  const rows = useMemo(
    () =>
      (companies.data?.items ?? []).filter(
        (c) =>
          (!search.model || c.operatingModel === search.model) &&
          matches(search.q, c.legalName, c.creditCode),
      ),
    [companies.data, search.model, search.q],
  );
  const editingCompany =
    rows.find((c) => c.id === editing) ?? companies.data?.items.find((c) => c.id === editing);

  const columns: TableColumnsType<Company> = [
    {
      title: t('register.company.field.legalName'),
      dataIndex: 'legalName',
      render: (name: string, c) => (
        <Link to="/register/companies/$companyId" params={{ companyId: c.id }}>
          {name}
        </Link>
      ),
    },
    ...(scope.choosesCommunity
      ? [
          {
            title: t('register.common.community'),
            key: 'community',
            render: (_: unknown, c: Company) => names.get(c.communityId) ?? '—',
          },
        ]
      : []),
    {
      title: t('register.company.field.creditCode'),
      dataIndex: 'creditCode',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    {
      title: t('register.company.field.operatingModel'),
      dataIndex: 'operatingModel',
      render: (model: Company['operatingModel']) => label(OPERATING_MODEL_LABELS[model], language),
    },
    {
      title: t('register.company.field.registeredCapital'),
      dataIndex: 'registeredCapitalFen',
      align: 'right',
      render: (fen: number) => yuanText(fen, t),
    },
    {
      title: t('register.company.field.foundedOn'),
      dataIndex: 'foundedOn',
      render: (d: string | null) => d ?? '—',
    },
    ...(mayEdit
      ? [
          {
            title: t('register.common.actions'),
            key: 'actions',
            render: (_: unknown, c: Company) => (
              <Button
                type="link"
                size="small"
                aria-label={`${t('register.common.edit')} ${c.legalName}`}
                onClick={() => setEditing(c.id)}
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
      section="companies"
      title={t('register.company.title')}
      readOnly={scope.choosesCommunity}
      exportParams={listParams}
      communityId={scope.communityId}
      create={
        mayCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('register.company.create.open')}
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
            placeholder={t('register.company.searchPlaceholder')}
            onSearch={(q) => change({ q })}
          />
          <FilterSelect
            label={t('register.company.field.operatingModel')}
            value={search.model}
            allText={t('register.company.allModels')}
            width={220}
            options={OPERATING_MODELS.map((m) => ({
              value: m,
              label: label(OPERATING_MODEL_LABELS[m], language),
            }))}
            onChange={(model) => change({ model })}
          />
          {filtered ? (
            <Button onClick={() => onSearch(search.communityId ? { communityId: search.communityId } : {})}>
              {t('register.common.clear')}
            </Button>
          ) : null}
        </>
      }
    >
      <QueryState query={companies} rows={6} emptyText="">
        {() => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('register.common.total', { count: rows.length })}
            </Typography.Paragraph>
            <ResponsiveTable<Company>
              columns={columns}
              dataSource={rows}
              pagination={pagination(rows.length, search.page, (page) => onSearch({ ...search, page }))}
              emptyText={filtered ? t('register.common.emptyFiltered') : t('register.company.empty')}
            />
          </>
        )}
      </QueryState>
      {mayCreate ? <CompanyDrawer open={creating} onClose={() => setCreating(false)} /> : null}
      {mayEdit && editingCompany ? (
        <CompanyDrawer
          open
          company={editingCompany}
          onClose={() => setEditing(null)}
          onReload={() => void companies.refetch()}
        />
      ) : null}
    </RegisterFrame>
  );
}
