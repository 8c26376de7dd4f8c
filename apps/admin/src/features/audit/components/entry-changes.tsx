import type { AuditEntry } from '@gongfu/contract';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { changesOf, type FieldChange } from '../changes';

/** The fields an entry changed, before → after (a creation has no before, a deletion no after). */
export function EntryChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = changesOf(entry.before, entry.after);
  if (rows.length === 0) {
    return <Typography.Text type="secondary">{t('oversight.audit.changes.none')}</Typography.Text>;
  }
  const empty = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        { title: t('oversight.audit.changes.field'), dataIndex: 'field' },
        {
          title: t('oversight.audit.changes.before'),
          dataIndex: 'before',
          render: (v: string | null) => v ?? empty,
        },
        {
          title: t('oversight.audit.changes.after'),
          dataIndex: 'after',
          render: (v: string | null) => v ?? empty,
        },
      ]}
    />
  );
}
