import type { Appraisal } from '@gongfu/contract';
import { APPRAISAL_METHOD_LABELS } from '@gongfu/domain';
import { Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useAppraisals } from '../api/register';

/** An asset's appraisals, newest first; the one a shareholding was valued by is marked. */
export function AppraisalHistory({ assetId, usedId }: { assetId: string; usedId?: string | null }) {
  const { t, i18n } = useTranslation();
  const appraisals = useAppraisals(assetId);
  const columns: TableColumnsType<Appraisal> = [
    {
      title: t('register.asset.field.appraisedOn'),
      dataIndex: 'appraisedOn',
      render: (d: string, a) => (
        <>
          {d}
          {a.id === usedId ? (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              {t('register.shareholding.appraisalUsed')}
            </Tag>
          ) : null}
        </>
      ),
    },
    {
      title: t('register.asset.field.value'),
      dataIndex: 'valueFen',
      align: 'right',
      render: (fen: number) => yuanText(fen, t),
    },
    {
      title: t('register.asset.field.method'),
      dataIndex: 'method',
      render: (m: Appraisal['method']) => label(APPRAISAL_METHOD_LABELS[m], i18n.language),
    },
    { title: t('register.asset.field.appraiser'), dataIndex: 'appraiser' },
  ];
  return (
    <QueryState
      query={appraisals}
      rows={2}
      isEmpty={(data) => data.items.length === 0}
      emptyText={t('register.shareholding.noAppraisals')}
    >
      {(data) => (
        <Table<Appraisal>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </QueryState>
  );
}
