import { PlusOutlined } from '@ant-design/icons';
import type { Community } from '@gongfu/contract';
import { can } from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import { Button, Card, Grid, Input, type TableColumnsType, Tag } from 'antd';
import { Fragment, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { useCommunities } from '../api/get-communities';
import { formatCount } from '../format';
import { filterByName } from '../search';
import { CreateCommunityDrawer } from './create-community-drawer';

const PAGE_SIZE = 20;

export interface CommunitiesPageProps {
  q: string | undefined;
  onSearch: (q: string) => void;
  onOpen: (communityId: string) => void;
}

export function CommunitiesPage({ q, onSearch, onOpen }: CommunitiesPageProps) {
  const { t, i18n } = useTranslation();
  const membership = useActiveMembership();
  const { items, total } = useCommunities();
  const [creating, setCreating] = useState(false);
  const [text, setText] = useState(q ?? '');
  const canCreate = membership ? can(membership.role, 'community:create') : false;
  const unknown = t('common.unknown');

  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  // The URL is the truth: back/forward or a pasted link resets the box (unless it already says the same).
  useEffect(() => {
    setText((current) => (current.trim() === (q ?? '') ? current : (q ?? '')));
  }, [q]);

  // The table follows the box at once; the URL catches up when typing pauses (one history entry, not one per key).
  const filter = useDeferredValue(text.trim());
  useEffect(() => {
    if (filter === (q ?? '')) return;
    const timer = setTimeout(() => onSearchRef.current(filter), 300);
    return () => clearTimeout(timer);
  }, [filter, q]);

  const search = (value: string) => {
    setText(value);
    onSearchRef.current(value.trim());
  };

  const rows = useMemo(() => filterByName(items, filter), [items, filter]);
  // the page shown, for the search it was chosen in: a new search starts at its first page
  const [paged, setPaged] = useState({ filter, page: 1 });
  const page = paged.filter === filter ? paged.page : 1;
  // on a phone the cards stand on the page itself: inside the card's padding they were squeezed
  const phone = Grid.useBreakpoint().md === false;
  const Frame = phone ? Fragment : Card;

  const columns: TableColumnsType<Community> = [
    {
      title: t('community.field.name'),
      key: 'name',
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link
          to="/communities/$communityId"
          params={{ communityId: row.id }}
          onClick={(event) => event.stopPropagation()}
        >
          {name}
        </Link>
      ),
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    },
    {
      title: t('community.field.streetOffice'),
      dataIndex: 'streetOfficeName',
      render: (v: string | null) => v ?? unknown,
    },
    {
      title: t('community.field.kind'),
      key: 'kind',
      dataIndex: 'kind',
      render: (kind: Community['kind'], row) => (
        <Tag color={kind === 'urban' ? 'blue' : 'gold'}>
          {t(`community.kind.${kind}`)}
          {kind === 'converted_from_rural' && row.convertedYear ? ` · ${row.convertedYear}` : ''}
        </Tag>
      ),
    },
    {
      title: t('community.field.adminCode'),
      dataIndex: 'adminCode',
      render: (v: string | null) => v ?? unknown,
    },
    {
      title: t('community.list.col.population'),
      dataIndex: 'population',
      align: 'right',
      render: (v: number | null) => formatCount(v, i18n.language, unknown),
      sorter: (a, b) => (a.population ?? -1) - (b.population ?? -1),
    },
    {
      title: t('community.list.col.households'),
      dataIndex: 'households',
      align: 'right',
      render: (v: number | null) => formatCount(v, i18n.language, unknown),
      sorter: (a, b) => (a.households ?? -1) - (b.households ?? -1),
    },
    {
      title: t('community.field.foundedOn'),
      dataIndex: 'foundedOn',
      render: (v: string | null) => v ?? unknown,
    },
  ];

  return (
    <PageContainer
      title={t('community.list.title')}
      subTitle={t('community.list.total', { count: total })}
      extra={
        <>
          <ExportButton view="communities" />
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('community.list.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Frame>
        <Input.Search
          allowClear
          role="searchbox"
          aria-label={t('community.list.searchPlaceholder')}
          placeholder={t('community.list.searchPlaceholder')}
          value={text}
          maxLength={100}
          onChange={(event) => setText(event.target.value)}
          onSearch={search}
          style={{ maxWidth: 320, marginBottom: 16 }}
        />
        <ResponsiveTable<Community>
          columns={columns}
          dataSource={rows}
          // on a phone each community is a card: its name and kind on top, the other columns its lines
          cardTitle={['name', 'kind']}
          pagination={
            rows.length > PAGE_SIZE && {
              current: page,
              pageSize: PAGE_SIZE,
              total: rows.length,
              showSizeChanger: false,
              onChange: (next: number) => setPaged({ filter, page: next }),
            }
          }
          onRowClick={(row) => onOpen(row.id)}
          emptyText={
            filter ? (
              <>
                {t('community.list.emptySearch', { q: filter })}
                <div style={{ marginTop: 12 }}>
                  <Button onClick={() => search('')}>{t('community.list.clearSearch')}</Button>
                </div>
              </>
            ) : (
              t('community.list.empty')
            )
          }
        />
      </Frame>
      {canCreate ? (
        <CreateCommunityDrawer
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={() => setCreating(false)}
          communities={items}
        />
      ) : null}
    </PageContainer>
  );
}
