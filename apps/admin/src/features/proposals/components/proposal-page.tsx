import { EyeOutlined, HistoryOutlined } from '@ant-design/icons';
import type { ProposalDetail } from '@gongfu/contract';
import {
  deliberationOutcome,
  formatYuan,
  type LocalDate,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_USE_CATEGORY_LABELS,
} from '@gongfu/domain';
import { Link } from '@tanstack/react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Modal,
  Skeleton,
  Steps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { shanghaiDayOfInstant } from '../../../lib/shanghai-time';
import { useBooksScope } from '../../funds/access';
import { useFund, useFunds } from '../../funds/api/funds';
import { capitalText, label, yuanText } from '../../funds/format';
import { QueryState } from '../../kpis/components/query-state';
import { useProposal, useProposalStep } from '../api/proposals';
import { buttonsFor, payableFen, STATUS_COLOR, stepOf } from '../status';
import { HistoryDrawer } from './history-drawer';
import { EditProposalDrawer } from './proposal-form-drawer';
import {
  CloseDrawer,
  DeliberationDrawer,
  DisclosureDrawer,
  ObjectionDrawer,
  PayoutDrawer,
  ResolveObjectionDrawer,
} from './step-drawers';

type Payout = ProposalDetail['payouts'][number] & { id: string };

type Open =
  | { kind: 'edit' | 'deliberate' | 'publish' | 'record_objection' | 'pay_out' | 'close' | 'withdraw' }
  | { kind: 'resolve'; objectionId: string }
  | null;

export function ProposalPage({
  proposalId,
  history,
  onHistory,
}: {
  proposalId: string;
  history: boolean;
  onHistory: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const proposal = useProposal(proposalId);
  if (proposal.isPending) {
    return (
      <PageContainer title={t('funds.proposal.list.title')}>
        <Card>
          <Skeleton active />
        </Card>
      </PageContainer>
    );
  }
  if (proposal.isError) {
    return (
      <PageContainer title={t('funds.proposal.list.title')}>
        <QueryState query={proposal} emptyText="">
          {() => null}
        </QueryState>
      </PageContainer>
    );
  }
  return (
    <ProposalView
      proposal={proposal.data}
      onReload={() => void proposal.refetch()}
      history={history}
      onHistory={onHistory}
    />
  );
}

function ProposalView({
  proposal,
  onReload,
  history,
  onHistory,
}: {
  proposal: ProposalDetail;
  onReload: () => void;
  history: boolean;
  onHistory: (open: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const scope = useBooksScope(undefined);
  const fund = useFund(proposal.fundId);
  const funds = useFunds(proposal.communityId);
  const [open, setOpen] = useState<Open>(null);
  const buttons = buttonsFor(proposal, scope.membership?.role);
  const readOnly = buttons.size === 0 && !scope.may('proposal:create');
  const close = () => setOpen(null);
  const { current, state } = stepOf(proposal.status, proposal.remainingFen);
  const capital = capitalText(proposal.amountFen, language);
  const pendingObjections = proposal.objections.filter((o) => o.status === 'pending');

  // during disclosure a payout is refused: the button says until when instead of opening a form the API refuses
  const disclosureRunning =
    proposal.status === 'disclosure' && proposal.disclosure !== null && !proposal.disclosure.over;
  const action = (
    kind: Exclude<NonNullable<Open>, { kind: 'resolve' }>['kind'],
    text: string,
    primary = false,
  ) => {
    if (!buttons.has(kind)) return null;
    if (kind === 'pay_out' && disclosureRunning) {
      return (
        <Tooltip
          key={kind}
          title={t('funds.proposal.action.payOutAfter', { endsOn: proposal.disclosure?.endsOn })}
        >
          {/* a disabled button gets no pointer events: the span is what the tooltip listens to */}
          <span style={{ display: 'inline-block' }}>
            <Button disabled>{text}</Button>
          </span>
        </Tooltip>
      );
    }
    return (
      <Button key={kind} type={primary ? 'primary' : 'default'} onClick={() => setOpen({ kind })}>
        {text}
      </Button>
    );
  };

  const primary = (() => {
    if (buttons.has('deliberate')) return 'deliberate';
    if (buttons.has('publish')) return 'publish';
    if (buttons.has('pay_out') && proposal.status !== 'disclosure') return 'pay_out';
    if (buttons.has('close') && payableFen(proposal) === 0) return 'close';
    return null;
  })();

  const d = proposal.deliberation;
  const outcome = d
    ? deliberationOutcome({
        meetingDate: d.meetingOn as LocalDate,
        eligibleVoters: d.eligibleVoters,
        attendance: d.attendance,
        quorum: d.quorum,
        votesFor: d.votesFor,
        votesAgainst: d.votesAgainst,
        votesAbstain: d.votesAbstain,
      })
    : null;

  return (
    <PageContainer
      title={proposal.title}
      subTitle={
        <Tag color={STATUS_COLOR[proposal.status]}>
          {label(PROPOSAL_STATUS_LABELS[proposal.status], language)}
        </Tag>
      }
      extra={
        <Flex gap={8} wrap>
          {readOnly ? <Tag icon={<EyeOutlined />}>{t('funds.common.readOnly')}</Tag> : null}
          <Button icon={<HistoryOutlined />} onClick={() => onHistory(true)}>
            {t('funds.proposal.history.open')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Card>
          <Steps
            current={current}
            status={state}
            responsive
            items={[
              { title: t('funds.proposal.steps.propose'), content: shanghaiDayOfInstant(proposal.createdAt) },
              {
                title: t('funds.proposal.steps.deliberate'),
                content: d
                  ? `${d.meetingOn} · ${t('funds.proposal.steps.votes', { for: d.votesFor, against: d.votesAgainst, abstain: d.votesAbstain })}`
                  : undefined,
              },
              {
                title: t('funds.proposal.steps.disclose'),
                content: proposal.disclosure
                  ? `${proposal.disclosure.startsOn} ~ ${proposal.disclosure.endsOn}`
                  : undefined,
              },
              {
                title: t('funds.proposal.steps.payout'),
                content:
                  proposal.paidFen > 0
                    ? t('funds.proposal.steps.paid', { paid: yuanText(proposal.paidFen, t) })
                    : undefined,
              },
              {
                title: t('funds.proposal.steps.close'),
                content: proposal.status === 'closed' ? shanghaiDayOfInstant(proposal.updatedAt) : undefined,
              },
            ]}
          />
          <NextStepNotice proposal={proposal} />
          {buttons.size > 0 ? (
            <Flex
              gap={8}
              wrap
              style={{ marginTop: 16 }}
              role="group"
              aria-label={t('funds.proposal.actions')}
            >
              {action('deliberate', t('funds.proposal.action.deliberate'), primary === 'deliberate')}
              {action('publish', t('funds.proposal.action.publish'), primary === 'publish')}
              {action('record_objection', t('funds.proposal.action.recordObjection'))}
              {action('pay_out', t('funds.proposal.action.payOut'), primary === 'pay_out')}
              {action('close', t('funds.proposal.action.close'), primary === 'close')}
              {action('edit', t('funds.proposal.action.edit'))}
              {action('withdraw', t('funds.proposal.action.withdraw'))}
            </Flex>
          ) : null}
        </Card>

        <Card title={t('funds.proposal.section.basics')}>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              {
                key: 'amount',
                label: t('funds.proposal.field.amount'),
                children: (
                  <Flex vertical>
                    <span>{yuanText(proposal.amountFen, t)}</span>
                    {capital ? <Typography.Text type="secondary">{capital}</Typography.Text> : null}
                  </Flex>
                ),
              },
              {
                key: 'fund',
                label: t('funds.proposal.field.fund'),
                children: fund.data ? (
                  <Link to="/funds/$fundId" params={{ fundId: fund.data.id }}>
                    {fund.data.name}
                  </Link>
                ) : (
                  '—'
                ),
              },
              {
                key: 'useCategory',
                label: t('funds.proposal.field.useCategory'),
                children: label(PROPOSAL_USE_CATEGORY_LABELS[proposal.useCategory], i18n.language),
              },
              { key: 'paid', label: t('funds.proposal.field.paid'), children: yuanText(proposal.paidFen, t) },
              ...(['disclosure', 'disclosed', 'paid_out'].includes(proposal.status)
                ? [
                    {
                      key: 'remaining',
                      label: t('funds.proposal.field.remaining'),
                      children: yuanText(payableFen(proposal), t),
                    },
                  ]
                : []),
              {
                key: 'purpose',
                label: t('funds.proposal.field.purpose'),
                span: 'filled',
                children: proposal.purpose,
              },
              ...(proposal.closeResult
                ? [
                    {
                      key: 'closeResult',
                      label: t('funds.proposal.field.closeResult'),
                      span: 'filled' as const,
                      children: <span style={{ whiteSpace: 'pre-wrap' }}>{proposal.closeResult}</span>,
                    },
                  ]
                : []),
            ]}
          />
        </Card>

        <Card title={t('funds.proposal.section.deliberation')}>
          {d ? (
            <Descriptions
              column={{ xs: 1, sm: 2, md: 3 }}
              items={[
                { key: 'date', label: t('funds.proposal.field.meetingOn'), children: d.meetingOn },
                {
                  key: 'eligible',
                  label: t('funds.proposal.field.eligibleVoters'),
                  children: d.eligibleVoters ?? '—',
                },
                { key: 'attendance', label: t('funds.proposal.field.attendance'), children: d.attendance },
                { key: 'quorum', label: t('funds.proposal.field.quorum'), children: d.quorum },
                { key: 'for', label: t('funds.proposal.field.votesFor'), children: d.votesFor },
                { key: 'against', label: t('funds.proposal.field.votesAgainst'), children: d.votesAgainst },
                { key: 'abstain', label: t('funds.proposal.field.votesAbstain'), children: d.votesAbstain },
                {
                  key: 'outcome',
                  label: t('funds.proposal.field.outcome'),
                  children: outcome ? t(`funds.proposal.deliberation.recorded.${outcome}`) : '—',
                },
                {
                  key: 'minutes',
                  label: t('funds.proposal.field.minutes'),
                  span: 'filled',
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{d.minutes ?? '—'}</span>,
                },
                ...(d.minutesFileName
                  ? [
                      {
                        key: 'minutesFile',
                        label: t('funds.proposal.deliberation.minutesFile'),
                        span: 'filled' as const,
                        children: <Typography.Text code>{d.minutesFileName}</Typography.Text>,
                      },
                    ]
                  : []),
              ]}
            />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('funds.proposal.section.noDeliberation')}
            />
          )}
        </Card>

        <Card title={t('funds.proposal.section.disclosure')}>
          {proposal.disclosure ? (
            <Flex vertical gap={12}>
              <Descriptions
                column={{ xs: 1, sm: 3 }}
                items={[
                  {
                    key: 'start',
                    label: t('funds.proposal.field.disclosureStart'),
                    children: proposal.disclosure.startsOn,
                  },
                  {
                    key: 'end',
                    label: t('funds.proposal.field.disclosureEnd'),
                    children: proposal.disclosure.endsOn,
                  },
                  {
                    key: 'days',
                    label: t('funds.proposal.field.disclosureDays'),
                    children: `${proposal.disclosure.days} ${t('funds.proposal.field.days')}`,
                  },
                ]}
              />
              {proposal.objections.length === 0 ? (
                <Typography.Text type="secondary">
                  {/* while the period runs, none received is so far only */}
                  {proposal.status === 'disclosure'
                    ? t('funds.proposal.objection.noneYet', { end: proposal.disclosure.endsOn })
                    : t('funds.proposal.objection.none')}
                </Typography.Text>
              ) : (
                <ResponsiveTable<ProposalDetail['objections'][number]>
                  size="small"
                  emptyText={t('funds.proposal.objection.none')}
                  dataSource={proposal.objections}
                  // on a phone: the day and its status head the card, 处理 stays in reach at its top right
                  cardTitle={['raisedOn', 'status']}
                  cardAction="resolve"
                  columns={[
                    { key: 'raisedOn', title: t('funds.proposal.objection.raisedOn'), dataIndex: 'raisedOn' },
                    { key: 'content', title: t('funds.proposal.objection.content'), dataIndex: 'content' },
                    {
                      key: 'status',
                      title: t('funds.proposal.field.status'),
                      dataIndex: 'status',
                      render: (s: ProposalDetail['objections'][number]['status']) => (
                        <Tag color={s === 'pending' ? 'gold' : s === 'upheld' ? 'red' : 'default'}>
                          {t(`funds.proposal.objection.status.${s}`)}
                        </Tag>
                      ),
                    },
                    {
                      key: 'resolution',
                      title: t('funds.proposal.resolve.resolution'),
                      dataIndex: 'resolution',
                      render: (r: string | null) => r ?? '—',
                    },
                    ...(buttons.has('resolve_objection')
                      ? [
                          {
                            title: t('funds.proposal.resolve.title'),
                            key: 'resolve',
                            render: (_: unknown, o: ProposalDetail['objections'][number]) =>
                              o.status === 'pending' ? (
                                <Button
                                  size="small"
                                  onClick={() => setOpen({ kind: 'resolve', objectionId: o.id })}
                                >
                                  {t('funds.proposal.resolve.open')}
                                </Button>
                              ) : null,
                          },
                        ]
                      : []),
                  ]}
                />
              )}
              {pendingObjections.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('funds.proposal.objection.pending', { count: pendingObjections.length })}
                />
              ) : null}
            </Flex>
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('funds.proposal.section.noDisclosure')}
            />
          )}
        </Card>

        <Card title={t('funds.proposal.section.payouts')}>
          {proposal.payouts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funds.proposal.section.noPayouts')} />
          ) : (
            <ResponsiveTable<Payout>
              size="small"
              emptyText={t('funds.proposal.section.noPayouts')}
              // ResponsiveTable keys rows by id: a payout's is its ledger entry's
              dataSource={proposal.payouts.map((p) => ({ ...p, id: p.entryId }))}
              cardTitle={['paidOn', 'reversed']}
              columns={[
                // the day the money left, apart from the day it was booked
                { key: 'paidOn', title: t('funds.proposal.field.paidOn'), dataIndex: 'paidOn' },
                {
                  key: 'bookedOn',
                  title: t('funds.proposal.field.bookedOn'),
                  dataIndex: 'createdAt',
                  render: (v: string) => shanghaiDayOfInstant(v),
                },
                { key: 'month', title: t('funds.ledger.month'), dataIndex: 'month' },
                {
                  key: 'amountFen',
                  title: t('funds.proposal.field.payoutYuan'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (fen: number) => formatYuan(fen, { grouping: true }),
                },
                {
                  key: 'memo',
                  title: t('funds.proposal.payout.memo'),
                  dataIndex: 'memo',
                  render: (m: string | null) => m ?? '',
                },
                ...(proposal.payouts.some((p) => p.reversed)
                  ? [
                      {
                        key: 'reversed',
                        title: t('funds.proposal.field.status'),
                        dataIndex: 'reversed',
                        render: (r: boolean) => (r ? <Tag>{t('funds.ledger.reversed')}</Tag> : null),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Card>
      </Flex>

      {open?.kind === 'edit' ? (
        <EditProposalDrawer
          proposal={proposal}
          funds={funds.data?.items ?? []}
          open
          onClose={close}
          onReload={onReload}
        />
      ) : null}
      {open?.kind === 'deliberate' ? (
        <DeliberationDrawer proposal={proposal} open onClose={close} onReload={onReload} />
      ) : null}
      {open?.kind === 'publish' ? (
        <DisclosureDrawer proposal={proposal} open onClose={close} onReload={onReload} />
      ) : null}
      {open?.kind === 'record_objection' ? (
        <ObjectionDrawer proposal={proposal} open onClose={close} onReload={onReload} />
      ) : null}
      {open?.kind === 'resolve' ? (
        <ResolveObjectionDrawer
          proposal={proposal}
          objectionId={open.objectionId}
          open
          onClose={close}
          onReload={onReload}
        />
      ) : null}
      {open?.kind === 'pay_out' ? (
        <PayoutDrawer proposal={proposal} fund={fund.data} open onClose={close} onReload={onReload} />
      ) : null}
      {open?.kind === 'close' ? (
        <CloseDrawer proposal={proposal} fund={fund.data} open onClose={close} onReload={onReload} />
      ) : null}
      {open?.kind === 'withdraw' ? (
        <ConfirmStep proposal={proposal} kind={open.kind} onClose={close} onReload={onReload} />
      ) : null}
      <HistoryDrawer
        proposal={proposal}
        open={history}
        onClose={() => onHistory(false)}
        readsAudit={scope.may('audit:read')}
      />
    </PageContainer>
  );
}

/** What happens next, in words: the step's rule, so a clerk knows why a button is (not) there. */
function NextStepNotice({ proposal }: { proposal: ProposalDetail }) {
  const { t } = useTranslation();
  const period = proposal.disclosure;
  const pending = proposal.objections.filter((o) => o.status === 'pending').length;
  let text: string | null = null;
  let type: 'info' | 'warning' | 'success' = 'info';
  switch (proposal.status) {
    case 'draft':
    case 'deliberation':
      text = t('funds.proposal.next.deliberate');
      break;
    case 'approved':
      text = t('funds.proposal.next.publish');
      break;
    case 'rejected':
      text = t('funds.proposal.next.rejected');
      type = 'warning';
      break;
    case 'disclosure':
      if (pending > 0) {
        text = t('funds.proposal.next.objectionsPending', { count: pending });
        type = 'warning';
      } else {
        text = t('funds.proposal.next.inDisclosure', { date: period?.endsOn ?? '' });
      }
      break;
    case 'disclosed':
      text = t('funds.proposal.next.payout');
      type = 'success';
      break;
    case 'paid_out':
      text = proposal.remainingFen > 0 ? t('funds.proposal.next.partlyPaid') : t('funds.proposal.next.close');
      break;
    case 'closed':
    case 'withdrawn':
      text = null;
  }
  return text ? <Alert role="status" style={{ marginTop: 16 }} type={type} showIcon title={text} /> : null;
}

/** 结项 / 撤回: a confirmation with what it means; the server's refusal is shown in the dialog. */
/** Withdrawing a draft or a proposal in deliberation: a confirmation, nothing to type. */
function ConfirmStep({
  proposal,
  kind,
  onClose,
  onReload,
}: {
  proposal: ProposalDetail;
  kind: 'withdraw';
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useProposalStep(proposal.id);
  return (
    <Modal
      open
      title={t('funds.proposal.withdraw.title')}
      okText={t('funds.proposal.withdraw.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: step.isPending, danger: true }}
      onCancel={onClose}
      onOk={() =>
        step.mutate(
          { step: kind, body: { version: proposal.version } },
          {
            onSuccess: () => {
              void message.success(t('funds.proposal.withdraw.done'));
              onClose();
            },
          },
        )
      }
    >
      <Typography.Paragraph>{t('funds.proposal.withdraw.body')}</Typography.Paragraph>
      {step.error ? (
        <Alert
          role="alert"
          type={step.error.code === 'stale_version' ? 'warning' : 'error'}
          showIcon
          title={
            step.error.code === 'stale_version' ? t('funds.form.staleTitle') : t('funds.form.refusedTitle')
          }
          description={step.error.code === 'stale_version' ? t('funds.form.staleBody') : step.error.message}
          action={
            step.error.code === 'stale_version' ? (
              <Button
                size="small"
                onClick={() => {
                  step.reset();
                  onReload();
                }}
              >
                {t('funds.form.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
    </Modal>
  );
}
