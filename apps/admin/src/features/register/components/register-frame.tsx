import { EyeOutlined } from '@ant-design/icons';
import { useNavigate } from '@tanstack/react-router';
import { Card, Flex, Input, Select, Tabs, Tag, Tooltip } from 'antd';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { CommunityPicker, useCommunityName } from '../../funds/components/community-picker';
import { REGISTER_SECTIONS, type RegisterSection, readableSections } from '../sections';

/**
 * The frame of every register list: the page title, the sections as tabs (the chosen community travels with
 * the reader between them), a read-only tag for district roles, the section's create button, and its filters.
 */
export function RegisterFrame({
  section,
  title,
  readOnly,
  communityId,
  communityScoped = true,
  create,
  exportParams,
  filters,
  children,
}: {
  section: RegisterSection;
  title: string;
  /** district roles read the communities' register */
  readOnly: boolean;
  /** the community a district reader chose (kept when switching sections) */
  communityId?: string | undefined;
  /** false for the district's own lists (partners): no community in the subtitle */
  communityScoped?: boolean;
  create?: ReactNode;
  /** the list's API filters, for 导出 (the same query the table reads; ADR 0018) */
  exportParams?: Readonly<Record<string, string | number | boolean | undefined>>;
  filters: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const membership = useActiveMembership();
  const acrossCommunities = readOnly && communityScoped;
  const communityName = useCommunityName(acrossCommunities ? communityId : undefined);
  return (
    <PageContainer
      title={title}
      subTitle={
        acrossCommunities
          ? (communityName ?? (communityId ? undefined : t('register.common.allCommunities')))
          : undefined
      }
      extra={
        <>
          {readOnly ? (
            <Tooltip title={t('register.common.readOnlyHint')}>
              <Tag icon={<EyeOutlined />}>{t('register.common.readOnly')}</Tag>
            </Tooltip>
          ) : null}
          <ExportButton view={section} params={exportParams} />
          {create}
        </>
      }
    >
      <Tabs
        aria-label={t('register.nav.sections')}
        activeKey={section}
        onChange={(key) => {
          const target = REGISTER_SECTIONS.find((s) => s.key === key);
          if (!target) return;
          const search = communityId && key !== 'partners' ? { communityId } : {};
          void navigate({ to: target.to, search });
        }}
        // the sections the role reads (an operator partner reads its ventures, agreements and partner, not the
        // communities' companies and assets: a tab there would open on a refusal)
        items={readableSections(membership?.role).map((s) => ({
          key: s.key,
          label: t(s.label),
        }))}
        style={{ marginBottom: 8 }}
      />
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          {filters}
        </Flex>
        {children}
      </Card>
    </PageContainer>
  );
}

/** A district reader's community filter (all communities when cleared). */
export function CommunityFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (communityId: string | undefined) => void;
}) {
  return <CommunityPicker value={value} onChange={onChange} allowClear />;
}

/** The search box: the text is in the URL; it matches on the page (the API has no text search). */
export function SearchBox({
  value,
  placeholder,
  onSearch,
}: {
  value: string | undefined;
  placeholder: string;
  onSearch: (q: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value ?? '');
  // the URL is the truth: back, forward and "clear filters" change what the box shows
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', maxWidth: '100%' }}>
      <label htmlFor={id}>{t('register.common.search')}</label>
      <Input.Search
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={placeholder}
        allowClear
        onSearch={(q) => onSearch(q.trim() === '' ? undefined : q.trim())}
        style={{ width: 260, maxWidth: '100%' }}
      />
    </span>
  );
}

/** A labelled filter; `all` clears it. */
export function FilterSelect<T extends string>({
  label,
  value,
  allText,
  options,
  onChange,
  width = 180,
}: {
  label: string;
  value: T | undefined;
  allText: string;
  options: readonly { value: T; label: string }[];
  onChange: (value: T | undefined) => void;
  width?: number;
}) {
  const id = useId();
  return (
    <span style={{ display: 'inline-flex', gap: 8, alignItems: 'center', maxWidth: '100%' }}>
      <label htmlFor={id}>{label}</label>
      <Select<T | '__all'>
        id={id}
        value={value ?? '__all'}
        onChange={(next) => onChange(next === '__all' ? undefined : (next as T))}
        options={[{ value: '__all' as const, label: allText }, ...options]}
        style={{ width, maxWidth: '100%' }}
      />
    </span>
  );
}

/** Case-insensitive match of the search text against any of the texts. */
export function matches(q: string | undefined, ...texts: (string | null | undefined)[]): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return texts.some((text) => text?.toLowerCase().includes(needle));
}

export const PAGE_SIZE = 20;

/** The table's pagination, driven by the page in the URL. */
export function pagination(
  total: number,
  page: number | undefined,
  onPage: (page: number | undefined) => void,
) {
  if (total <= PAGE_SIZE) return false as const;
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return {
    current: Math.min(page ?? 1, last),
    pageSize: PAGE_SIZE,
    total,
    showSizeChanger: false,
    onChange: (next: number) => onPage(next > 1 ? next : undefined),
  };
}
