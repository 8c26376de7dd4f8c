import type { AuditEntry, ProposalDetail } from '@gongfu/contract';
import { shanghaiDateOf } from '@gongfu/domain';
import { Alert, Button, Drawer, Grid, Skeleton, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { yuanText } from '../../funds/format';
import { useAuditTrail } from '../api/proposals';

type Translate = TFunction;

function when(iso: string): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return `${shanghaiDateOf(d)} ${time}`;
}

/** The proposal's own events, for a role that may not read the audit log (or when it cannot be read). */
export function eventsOf(p: ProposalDetail, t: Translate): { key: string; at: string; text: string }[] {
  const events: { key: string; at: string; text: string }[] = [
    {
      key: 'created',
      at: p.createdAt,
      text: t('funds.proposal.history.created', { amount: yuanText(p.amountFen, t) }),
    },
  ];
  if (p.deliberation) {
    events.push({
      key: 'meeting',
      at: `${p.deliberation.meetingOn}T00:00:00+08:00`,
      text: t('funds.proposal.history.meeting', {
        date: p.deliberation.meetingOn,
        for: p.deliberation.votesFor,
        against: p.deliberation.votesAgainst,
        abstain: p.deliberation.votesAbstain,
      }),
    });
  }
  if (p.disclosure) {
    events.push({
      key: 'disclosure',
      at: `${p.disclosure.startsOn}T00:00:00+08:00`,
      text: t('funds.proposal.history.disclosure', {
        start: p.disclosure.startsOn,
        end: p.disclosure.endsOn,
      }),
    });
  }
  for (const o of p.objections) {
    events.push({
      key: `objection-${o.id}`,
      at: o.createdAt,
      text: t('funds.proposal.history.objection', { date: o.raisedOn }),
    });
  }
  for (const payout of p.payouts) {
    events.push({
      key: `payout-${payout.entryId}`,
      at: payout.createdAt,
      text: t('funds.proposal.history.payout', { amount: yuanText(payout.amountFen, t) }),
    });
  }
  return events.sort((a, b) => b.at.localeCompare(a.at));
}

function auditText(entry: AuditEntry, t: Translate): string {
  const key = entry.action.replace(/^proposal\./, '');
  const known = [
    'create',
    'update',
    'record_deliberation',
    'publish',
    'record_objection',
    'resolve_objection',
    'pay_out',
    'close',
    'withdraw',
  ] as const;
  const action = (known as readonly string[]).includes(key)
    ? t(`funds.proposal.history.action.${key as (typeof known)[number]}`)
    : entry.action;
  const after = entry.after as { amountFen?: number; status?: string } | null;
  if (key === 'pay_out' && typeof after?.amountFen === 'number')
    return `${action} ${yuanText(after.amountFen, t)}`;
  return action;
}

/** 操作记录: the audit trail of the proposal (who did what, when), or its own events for other roles. */
export function HistoryDrawer({
  proposal,
  open,
  onClose,
  readsAudit,
}: {
  proposal: ProposalDetail;
  open: boolean;
  onClose: () => void;
  readsAudit: boolean;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const audit = useAuditTrail('proposal', proposal.id, open && readsAudit);
  const fallback = !readsAudit || (audit.isError && isApiError(audit.error, 403));

  const milestones = (
    <Timeline
      items={eventsOf(proposal, t).map((e) => ({
        key: e.key,
        content: (
          <>
            <Typography.Text type="secondary">{when(e.at)}</Typography.Text>
            <div>{e.text}</div>
          </>
        ),
      }))}
    />
  );
  let log: React.ReactNode = null;
  if (fallback) {
    log = null;
  } else if (audit.isPending) {
    log = <Skeleton active />;
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
    log = <Typography.Text type="secondary">{t('funds.proposal.history.noLog')}</Typography.Text>;
  } else {
    log = (
      <Timeline
        items={audit.data.items.map((entry) => ({
          key: entry.id,
          content: (
            <>
              <Typography.Text type="secondary">
                {when(entry.createdAt)} · {entry.actorName ?? t('funds.proposal.history.someone')}
              </Typography.Text>
              <div>{auditText(entry, t)}</div>
            </>
          ),
        }))}
      />
    );
  }
  return (
    <Drawer
      title={t('funds.proposal.history.title')}
      open={open}
      onClose={onClose}
      size={screens.md ? 420 : '100%'}
    >
      {fallback ? null : (
        <>
          <Typography.Title level={5}>{t('funds.proposal.history.log')}</Typography.Title>
          {log}
        </>
      )}
      <Typography.Title level={5}>{t('funds.proposal.history.milestones')}</Typography.Title>
      {fallback ? (
        <Typography.Paragraph type="secondary">{t('funds.proposal.history.ownEvents')}</Typography.Paragraph>
      ) : null}
      {milestones}
    </Drawer>
  );
}
