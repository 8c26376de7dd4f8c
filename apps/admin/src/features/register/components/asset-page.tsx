import { EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { ASSET_KIND_LABELS, ASSET_STATUS_LABELS } from '@gongfu/domain';
import { Button, Card, Descriptions, Flex, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { HistoryButton, HistoryDrawer } from '../../audit/components/history-drawer';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useCommunityNames, useRegisterScope } from '../access';
import { useAsset } from '../api/register';
import { areaText } from '../format';
import { AppraisalHistory } from './appraisal-history';
import { AppraisalDrawer, AssetDrawer } from './asset-drawers';
import { ASSET_STATUS_COLOR } from './assets-page';

/** One asset: what it is, where, its title, its status, and every appraisal of it. */
export function AssetPage({ assetId }: { assetId: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useRegisterScope(undefined);
  const asset = useAsset(assetId);
  const names = useCommunityNames(scope.choosesCommunity);
  const [open, setOpen] = useState<'edit' | 'appraise' | null>(null);
  const [history, setHistory] = useState(false);
  const mayEdit = scope.may('asset:update');
  const mayAppraise = scope.may('asset:appraise');

  return (
    <QueryState query={asset} rows={8} emptyText="">
      {(a) => (
        <PageContainer
          title={a.name}
          subTitle={scope.choosesCommunity ? names.get(a.communityId) : undefined}
          extra={
            <>
              {scope.choosesCommunity ? (
                <Tag icon={<EyeOutlined />}>{t('register.common.readOnly')}</Tag>
              ) : null}
              <HistoryButton onClick={() => setHistory(true)} />
              {mayEdit ? (
                <Button icon={<EditOutlined />} onClick={() => setOpen('edit')}>
                  {t('register.common.edit')}
                </Button>
              ) : null}
              {mayAppraise ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('appraise')}>
                  {t('register.asset.appraise.open')}
                </Button>
              ) : null}
            </>
          }
        >
          <Flex vertical gap={16}>
            <Card>
              <Descriptions
                column={{ xs: 1, sm: 1, md: 2 }}
                items={[
                  {
                    key: 'kind',
                    label: t('register.asset.field.kind'),
                    children: label(ASSET_KIND_LABELS[a.kind], language),
                  },
                  {
                    key: 'status',
                    label: t('register.asset.field.status'),
                    children: (
                      <Tag color={ASSET_STATUS_COLOR[a.status]}>
                        {label(ASSET_STATUS_LABELS[a.status], language)}
                      </Tag>
                    ),
                  },
                  {
                    key: 'area',
                    label: t('register.asset.field.area'),
                    children:
                      a.areaM2 === null
                        ? '—'
                        : t('register.asset.areaValue', { area: areaText(a.areaM2, language) }),
                  },
                  { key: 'location', label: t('register.asset.field.location'), children: a.location ?? '—' },
                  { key: 'title', label: t('register.asset.field.title'), children: a.title ?? '—' },
                  {
                    key: 'appraisal',
                    label: t('register.asset.field.latestAppraisal'),
                    children: a.latestAppraisal
                      ? `${yuanText(a.latestAppraisal.valueFen, t)}（${a.latestAppraisal.appraisedOn}）`
                      : t('register.asset.noAppraisal'),
                  },
                ]}
              />
            </Card>
            <Card title={t('register.asset.appraisals')}>
              <AppraisalHistory assetId={a.id} />
            </Card>
          </Flex>
          {mayEdit && open === 'edit' ? (
            <AssetDrawer open asset={a} onClose={() => setOpen(null)} onReload={() => void asset.refetch()} />
          ) : null}
          {mayAppraise && open === 'appraise' ? (
            <AppraisalDrawer open assetId={a.id} onClose={() => setOpen(null)} />
          ) : null}
          <HistoryDrawer
            entityType="asset"
            entityId={a.id}
            open={history}
            onClose={() => setHistory(false)}
          />
        </PageContainer>
      )}
    </QueryState>
  );
}
