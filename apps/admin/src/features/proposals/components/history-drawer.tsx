import type { AuditEntry, ProposalDetail } from '@gongfu/contract';
import { Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { instantText } from '../../../lib/shanghai-time';
import { HistoryDrawer as AuditHistoryDrawer } from '../../audit/components/history-drawer';
import { yuanText } from '../../funds/format';

type Translate = TFunction;

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
  // by instant, not by text: the meeting and disclosure days are written at +08:00, the rest in UTC
  return events.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** A payout's entry says how much. */
function payoutAmount(entry: AuditEntry, t: Translate): string | undefined {
  const after = entry.after as { amountFen?: unknown } | null;
  return entry.action === 'proposal.pay_out' && typeof after?.amountFen === 'number'
    ? yuanText(after.amountFen, t)
    : undefined;
}

/** 操作记录: the audit trail of the proposal (who did what, when), with its milestones; other roles the milestones. */
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
  return (
    <AuditHistoryDrawer
      entityType="proposal"
      entityId={proposal.id}
      open={open}
      onClose={onClose}
      readsAudit={readsAudit}
      title={t('funds.proposal.history.title')}
      describe={(entry) => payoutAmount(entry, t)}
      fallback={
        <Typography.Paragraph type="secondary">{t('funds.proposal.history.ownEvents')}</Typography.Paragraph>
      }
    >
      <Typography.Title level={5}>{t('funds.proposal.history.milestones')}</Typography.Title>
      <Timeline
        items={eventsOf(proposal, t).map((e) => ({
          key: e.key,
          content: (
            <>
              <Typography.Text type="secondary">{instantText(e.at)}</Typography.Text>
              <div>{e.text}</div>
            </>
          ),
        }))}
      />
    </AuditHistoryDrawer>
  );
}
