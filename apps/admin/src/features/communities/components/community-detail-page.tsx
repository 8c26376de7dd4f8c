import { Card, Descriptions, type DescriptionsProps, Grid, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { HistoryButton, HistoryDrawer } from '../../audit/components/history-drawer';
import { BoardSettingsCard } from '../../board/components/board-settings-card';
import { useCommunity } from '../api/get-community';
import { formatCount } from '../format';

export function CommunityDetailPage({ communityId }: { communityId: string }) {
  const { t, i18n } = useTranslation();
  const phone = Grid.useBreakpoint().sm === false;
  const community = useCommunity(communityId);
  const [history, setHistory] = useState(false);
  const unknown = t('common.unknown');
  const count = (value: number | null) => formatCount(value, i18n.language, unknown);

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('community.field.name'), children: community.name },
    {
      key: 'streetOffice',
      label: t('community.field.streetOffice'),
      children: community.streetOfficeName ?? unknown,
    },
    {
      key: 'kind',
      label: t('community.field.kind'),
      children: (
        <Tag color={community.kind === 'urban' ? 'blue' : 'gold'}>
          {t(`community.kind.${community.kind}`)}
        </Tag>
      ),
    },
    {
      key: 'convertedYear',
      label: t('community.field.convertedYear'),
      children: community.convertedYear ?? unknown,
    },
    { key: 'adminCode', label: t('community.field.adminCode'), children: community.adminCode ?? unknown },
    { key: 'foundedOn', label: t('community.field.foundedOn'), children: community.foundedOn ?? unknown },
    { key: 'population', label: t('community.field.population'), children: count(community.population) },
    { key: 'households', label: t('community.field.households'), children: count(community.households) },
    {
      key: 'householdsWithSeniors',
      label: t('community.field.householdsWithSeniors'),
      children: count(community.householdsWithSeniors),
    },
    // no "录入时间": the row's creation time is the seed's or the import's, not a fact about the community
  ];

  return (
    <PageContainer
      title={community.name}
      subTitle={t('community.detail.title')}
      extra={<HistoryButton onClick={() => setHistory(true)} />}
    >
      <Card>
        {/* on a phone, label above value: beside it, the label column squeezed to one character a line; without
            the table's borders, which gave every label and every value a row of its own */}
        <Descriptions
          bordered={!phone}
          size={phone ? 'small' : 'default'}
          layout={phone ? 'vertical' : 'horizontal'}
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          items={items}
        />
      </Card>
      <div style={{ marginTop: 16 }}>
        <BoardSettingsCard community={community} />
      </div>
      <HistoryDrawer
        entityType="community"
        entityId={community.id}
        open={history}
        onClose={() => setHistory(false)}
      />
    </PageContainer>
  );
}
