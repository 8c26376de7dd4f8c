import type { AuditEntry } from '@gongfu/contract';
import { Button, Grid, Table, Typography } from 'antd';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changesOf, type FieldChange } from '../changes';
import { auditText } from '../labels';

/** On a phone, a creation lists every field: the first few, the rest a tap away, so the log stays scannable. */
const FIRST_FEW = 3;

/** The fields an entry changed, before → after (a creation has no before, a deletion no after). */
export function EntryChanges({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const rows = changesOf(entry.entityType, entry.before, entry.after, auditText(i18n));
  if (rows.length === 0) {
    return <Typography.Text type="secondary">{t('oversight.audit.changes.none')}</Typography.Text>;
  }
  if (phone) return <ChangeLines rows={rows} />;
  const empty = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        {
          title: t('oversight.audit.changes.field'),
          dataIndex: 'label',
          // the field's code stays a hover away, for whoever reads the API's own JSON
          render: (label: string, row) => <span title={row.field}>{label}</span>,
        },
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

/**
 * A phone's narrow column: one line a field — its name, then the value (before → after when both are there) —
 * wrapping long values instead of scrolling a three-column table sideways.
 */
function ChangeLines({ rows }: { rows: FieldChange[] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all || rows.length <= FIRST_FEW + 1 ? rows : rows.slice(0, FIRST_FEW);
  return (
    <div>
      <dl
        className="entry-changes"
        style={{
          display: 'grid',
          gridTemplateColumns: 'fit-content(40%) minmax(0, 1fr)',
          gap: '4px 12px',
          margin: 0,
          padding: '8px 12px',
          borderRadius: 6,
          background: 'rgba(0, 0, 0, 0.02)',
          overflowWrap: 'anywhere',
        }}
      >
        {shown.map((row) => (
          <Fragment key={row.field}>
            <dt style={{ margin: 0 }}>
              <Typography.Text type="secondary" title={row.field}>
                {row.label}
              </Typography.Text>
            </dt>
            <dd style={{ margin: 0 }}>
              {row.before !== null && row.after !== null ? (
                <>
                  <Typography.Text type="secondary">{row.before}</Typography.Text> → <span>{row.after}</span>
                </>
              ) : row.after !== null ? (
                row.after
              ) : (
                <Typography.Text delete type="secondary">
                  {row.before}
                </Typography.Text>
              )}
            </dd>
          </Fragment>
        ))}
      </dl>
      {shown.length < rows.length ? (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setAll(true)}>
          {t('oversight.audit.changes.showAll', { count: rows.length })}
        </Button>
      ) : null}
    </div>
  );
}
