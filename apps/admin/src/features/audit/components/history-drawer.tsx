import { HistoryOutlined } from '@ant-design/icons';
import type { AuditEntry } from '@gongfu/contract';
import { Link } from '@tanstack/react-router';
import { Alert, Button, Drawer, Grid, Skeleton, Timeline, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { instantText } from '../../../lib/shanghai-time';
import { useActiveMembership } from '../../auth/api/get-me';
import { readsAudit } from '../access';
import { TRAIL_LIMIT, useAuditTrail } from '../api/audit';
import { actionLabel, actorLabel } from '../labels';
import { EntryChanges } from './entry-changes';

export interface HistoryDrawerProps {
  /** the audit log's object: its type ('fund', 'proposal', …) and id */
  entityType: string;
  entityId: string;
  open: boolean;
  onClose: () => void;
  title?: ReactNode;
  /** more words after an entry's action (a payout's amount) */
  describe?: (entry: AuditEntry) => string | undefined;
  /** shown instead of the log to a role that may not read it (or when the API refuses) */
  fallback?: ReactNode;
  /** a section below the log (a proposal's milestones) */
  children?: ReactNode;
  /** whether the role reads the audit log (default: the domain's table for the active membership) */
  readsAudit?: boolean;
}

/**
 * 操作记录: one object's audit trail — who did what, when, and which fields changed — newest first, one click away
 * from the object's page. Roles without the audit log see `fallback` (or a sentence saying so); the full log with
 * its filters is one more click.
 */
export function HistoryDrawer({
  entityType,
  entityId,
  open,
  onClose,
  title,
  describe,
  fallback,
  children,
  readsAudit: readsOverride,
}: HistoryDrawerProps) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const membership = useActiveMembership();
  const reads = readsOverride ?? readsAudit(membership);
  const audit = useAuditTrail(entityType, entityId, open && reads);
  const refused = !reads || (audit.isError && isApiError(audit.error, 403));

  let log: ReactNode;
  if (refused) {
    log = fallback ?? (
      <Typography.Paragraph type="secondary">{t('oversight.audit.history.forbidden')}</Typography.Paragraph>
    );
  } else if (audit.isPending) {
    log = (
      <div role="status" aria-label={t('kpi.state.loading')}>
        <Skeleton active />
      </div>
    );
  } else if (audit.isError) {
    log = (
      <Alert
        type="error"
        showIcon
        title={t('kpi.state.error')}
        description={audit.error.message}
        action={
          <Button size="small" onClick={() => void audit.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (audit.data.items.length === 0) {
    log = <Typography.Paragraph type="secondary">{t('oversight.audit.history.empty')}</Typography.Paragraph>;
  } else {
    log = (
      <>
        <Timeline
          items={audit.data.items.map((entry) => ({
            key: entry.id,
            content: <TrailEntry entry={entry} describe={describe} />,
          }))}
        />
        {audit.data.nextCursor ? (
          <Typography.Paragraph type="secondary">
            {t('oversight.audit.history.more', { count: TRAIL_LIMIT })}
          </Typography.Paragraph>
        ) : null}
      </>
    );
  }

  return (
    <Drawer
      title={title ?? t('oversight.audit.history.title')}
      open={open}
      onClose={onClose}
      size={screens.md ? 480 : '100%'}
      extra={
        reads ? (
          <Link to="/audit" search={{ entityType, entityId }}>
            {t('oversight.audit.history.all')}
          </Link>
        ) : null
      }
    >
      {refused && fallback ? null : (
        <Typography.Title level={5}>{t('oversight.audit.history.log')}</Typography.Title>
      )}
      {log}
      {children}
    </Drawer>
  );
}

function TrailEntry({
  entry,
  describe,
}: {
  entry: AuditEntry;
  describe: ((entry: AuditEntry) => string | undefined) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const [showChanges, setShowChanges] = useState(false);
  const more = describe?.(entry);
  return (
    <>
      <Typography.Text type="secondary">
        {instantText(entry.createdAt, { seconds: true })} ·{' '}
        {entry.actorName
          ? actorLabel(entry.action, entry.actorName, i18n.language)
          : t('oversight.audit.someone')}
        {entry.apiTokenName ? ` · ${t('apiTokens.via', { name: entry.apiTokenName })}` : ''}
      </Typography.Text>
      <div>
        {actionLabel(entry.action, i18n.language)}
        {more ? ` ${more}` : ''}
      </div>
      <Button
        type="link"
        size="small"
        style={{ paddingInline: 0 }}
        aria-expanded={showChanges}
        onClick={() => setShowChanges((v) => !v)}
      >
        {showChanges ? t('oversight.audit.changes.hide') : t('oversight.audit.changes.show')}
      </Button>
      {showChanges ? <EntryChanges entry={entry} /> : null}
    </>
  );
}

/** The button that opens an object's history (put it among the page's actions). */
export function HistoryButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button icon={<HistoryOutlined />} onClick={onClick}>
      {t('oversight.audit.history.open')}
    </Button>
  );
}
