import { PlusOutlined } from '@ant-design/icons';
import type { Partner } from '@gongfu/contract';
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from '@gongfu/domain';
import { Alert, Button, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResponsiveTable } from '../../../components/responsive-table';
import { label } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useRegisterScope } from '../access';
import { usePartners } from '../api/register';
import type { PartnersSearch } from '../search';
import { PartnerDrawer } from './partner-drawer';
import { FilterSelect, matches, pagination, RegisterFrame, SearchBox } from './register-frame';

/** 合作方: the district's partners (the district admin registers them; communities read and pick them). */
export function PartnersPage({
  search,
  onSearch,
}: {
  search: PartnersSearch;
  onSearch: (next: PartnersSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(undefined);
  const listParams = { kind: search.kind };
  const partners = usePartners(listParams);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const mayCreate = scope.may('partner:create');
  const mayEdit = scope.may('partner:update');
  const filtered = Boolean(search.q || search.kind);
  const change = (patch: Partial<PartnersSearch>) => onSearch({ ...search, page: undefined, ...patch });

  const rows = useMemo(
    () => (partners.data?.items ?? []).filter((p) => matches(search.q, p.name, p.creditCode, p.contactName)),
    [partners.data, search.q],
  );
  const editingPartner = partners.data?.items.find((p) => p.id === editing);

  const columns: TableColumnsType<Partner> = [
    { title: t('register.partner.field.name'), dataIndex: 'name' },
    {
      title: t('register.partner.field.kind'),
      dataIndex: 'kind',
      render: (k: Partner['kind']) => label(PARTNER_KIND_LABELS[k], language),
    },
    {
      title: t('register.partner.field.creditCode'),
      dataIndex: 'creditCode',
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : '—'),
    },
    {
      title: t('register.partner.field.contactName'),
      dataIndex: 'contactName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('register.partner.field.contactPhone'),
      dataIndex: 'contactPhone',
      render: (v: string | null) => v ?? '—',
    },
    ...(mayEdit
      ? [
          {
            title: t('register.common.actions'),
            key: 'actions',
            render: (_: unknown, p: Partner) => (
              <Button
                type="link"
                size="small"
                aria-label={`${t('register.common.edit')} ${p.name}`}
                onClick={() => setEditing(p.id)}
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
      section="partners"
      title={t('register.partner.title')}
      readOnly={!mayCreate}
      exportParams={listParams}
      communityScoped={false}
      create={
        mayCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('register.partner.create.open')}
          </Button>
        ) : null
      }
      filters={
        <>
          <SearchBox
            value={search.q}
            placeholder={t('register.partner.searchPlaceholder')}
            onSearch={(q) => change({ q })}
          />
          <FilterSelect
            label={t('register.partner.field.kind')}
            value={search.kind}
            allText={t('register.partner.allKinds')}
            options={PARTNER_KINDS.map((k) => ({ value: k, label: label(PARTNER_KIND_LABELS[k], language) }))}
            onChange={(kind) => change({ kind })}
          />
          {filtered ? <Button onClick={() => onSearch({})}>{t('register.common.clear')}</Button> : null}
        </>
      }
    >
      {!mayCreate ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('register.partner.districtLevel')}
        />
      ) : null}
      <QueryState query={partners} rows={6} emptyText="">
        {() => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('register.common.total', { count: rows.length })}
            </Typography.Paragraph>
            <ResponsiveTable<Partner>
              columns={columns}
              dataSource={rows}
              pagination={pagination(rows.length, search.page, (page) => onSearch({ ...search, page }))}
              emptyText={filtered ? t('register.common.emptyFiltered') : t('register.partner.empty')}
            />
          </>
        )}
      </QueryState>
      {mayCreate ? <PartnerDrawer open={creating} onClose={() => setCreating(false)} /> : null}
      {mayEdit && editingPartner ? (
        <PartnerDrawer
          open
          partner={editingPartner}
          onClose={() => setEditing(null)}
          onReload={() => void partners.refetch()}
        />
      ) : null}
    </RegisterFrame>
  );
}
