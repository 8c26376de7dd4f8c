import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { communitiesQueryOptions } from '../../communities/api/get-communities';

/** A district role picks the community whose books it reads; the choice lives in the URL. */
export function CommunityPicker({
  value,
  onChange,
  allowClear = false,
}: {
  value: string | undefined;
  onChange: (communityId: string | undefined) => void;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const communities = useQuery(communitiesQueryOptions());
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', maxWidth: '100%' }}
    >
      <label htmlFor={id}>{t('funds.common.community')}</label>
      <Select
        id={id}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear={allowClear}
        loading={communities.isPending}
        value={value}
        placeholder={t('funds.common.pickCommunity')}
        onChange={(next: string | undefined) => onChange(next ?? undefined)}
        options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        style={{ width: 240, maxWidth: '100%' }}
        status={communities.isError ? 'error' : undefined}
      />
    </span>
  );
}

/** The name of a community, for a district reader's subtitle. */
export function useCommunityName(communityId: string | undefined): string | undefined {
  const communities = useQuery({ ...communitiesQueryOptions(), enabled: communityId !== undefined });
  return communities.data?.items.find((c) => c.id === communityId)?.name;
}
