import {
  CloseInput,
  DeliberationInput,
  DisclosureInput,
  type Fund,
  MIN_DISCLOSURE_DAYS,
  ObjectionCreate,
  ObjectionResolve,
  PayoutCreate,
  type ProposalDetail,
} from '@gongfu/contract';
import {
  addDays,
  defaultQuorum,
  deliberationOutcome,
  type LocalDate,
  MAX_DISCLOSURE_DAYS,
} from '@gongfu/domain';
import { Alert, App, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api-client';
import { pickerToday } from '../../../lib/shanghai-time';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanToFen } from '../../funds/form';
import { yuanText } from '../../funds/format';
import { useIdempotencyKey } from '../../funds/idempotency';
import { useProposalStep } from '../api/proposals';
import { payableFen } from '../status';

type Unplaced = { path: string; text: string }[];

interface StepDrawerProps {
  proposal: ProposalDetail;
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}

// today as the server counts it — the calendar day in Asia/Shanghai, whatever the browser's own time zone (between
// 00:00 and 08:00 in China a UTC browser would still be on yesterday and refuse today's date)
const today = () => pickerToday();
const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

// ── 议事: the residents' meeting, often typed in from the paper record

interface DeliberationValues {
  meetingOn: Dayjs;
  eligibleVoters?: number | null;
  attendance: number;
  quorum?: number | null;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  minutes?: string;
  minutesFileName?: string;
}

const DELIBERATION_FIELDS = [
  'meetingOn',
  'eligibleVoters',
  'attendance',
  'quorum',
  'votesFor',
  'votesAgainst',
  'votesAbstain',
  'minutes',
  'minutesFileName',
] as const;

export function DeliberationDrawer({ proposal, open, onClose, onReload }: StepDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeliberationValues>();
  const step = useProposalStep(proposal.id);
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const values = Form.useWatch([], form) as Partial<DeliberationValues> | undefined;

  const close = () => {
    step.reset();
    onClose();
  };

  const eligible = values?.eligibleVoters ?? null;
  const quorum = values?.quorum ?? (eligible ? defaultQuorum(eligible) : null);
  const outcome =
    quorum !== null && values?.attendance !== undefined && values.attendance !== null
      ? deliberationOutcome({
          meetingDate: '2000-01-01' as LocalDate,
          eligibleVoters: eligible,
          attendance: values.attendance,
          quorum,
          votesFor: values.votesFor ?? 0,
          votesAgainst: values.votesAgainst ?? 0,
          votesAbstain: values.votesAbstain ?? 0,
        })
      : null;

  const submit = (v: DeliberationValues) => {
    const body = {
      version: proposal.version,
      meetingOn: v.meetingOn ? ymd(v.meetingOn) : undefined,
      eligibleVoters: v.eligibleVoters ?? null,
      attendance: v.attendance,
      ...(v.quorum ? { quorum: v.quorum } : {}),
      votesFor: v.votesFor,
      votesAgainst: v.votesAgainst,
      votesAbstain: v.votesAbstain,
      minutes: v.minutes?.trim() || null,
      // a meeting typed in from its paper record: the scan's file name is noted, the file stays in the archive
      minutesFileName: v.minutesFileName?.trim() || null,
    };
    if (!checkWithSchema(DeliberationInput, body, form, DELIBERATION_FIELDS, t)) return;
    step.mutate(
      { step: 'deliberate', body: body as DeliberationInput },
      {
        onSuccess: (next) => {
          void message.success(
            next.status === 'approved'
              ? t('funds.proposal.deliberation.approved')
              : t('funds.proposal.deliberation.rejected'),
          );
          close();
        },
        onError: (error) => setUnplaced(applyServerErrors(error, form, DELIBERATION_FIELDS)),
      },
    );
  };

  const count = (name: keyof DeliberationValues, labelText: string, required = true, extra?: string) => (
    <Form.Item
      name={name}
      label={labelText}
      extra={extra}
      rules={required ? [{ required: true, message: t('funds.form.required') }] : []}
    >
      <InputNumber min={0} precision={0} inputMode="numeric" style={{ width: '100%' }} />
    </Form.Item>
  );

  return (
    <FormDrawer
      title={t('funds.proposal.deliberation.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.deliberation.submit')}
      pending={step.isPending}
      error={step.error}
      unplaced={unplaced}
      onReload={() => {
        step.reset();
        onReload();
      }}
    >
      <Typography.Paragraph type="secondary">{t('funds.proposal.deliberation.hint')}</Typography.Paragraph>
      <Form<DeliberationValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={step.isPending}
        initialValues={{ votesFor: 0, votesAgainst: 0, votesAbstain: 0 }}
      >
        <Form.Item
          name="meetingOn"
          label={t('funds.proposal.field.meetingOn')}
          rules={[{ required: true, message: t('funds.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
        {count(
          'eligibleVoters',
          t('funds.proposal.field.eligibleVoters'),
          false,
          t('funds.proposal.deliberation.eligibleHint'),
        )}
        {count('attendance', t('funds.proposal.field.attendance'))}
        {count(
          'quorum',
          t('funds.proposal.field.quorum'),
          false,
          eligible
            ? t('funds.proposal.deliberation.quorumDefault', { quorum: defaultQuorum(eligible) })
            : t('funds.proposal.deliberation.quorumRequired'),
        )}
        {count('votesFor', t('funds.proposal.field.votesFor'))}
        {count('votesAgainst', t('funds.proposal.field.votesAgainst'))}
        {count('votesAbstain', t('funds.proposal.field.votesAbstain'))}
        {outcome ? (
          <Alert
            role="status"
            style={{ marginBottom: 16 }}
            type={outcome === 'approved' ? 'success' : 'warning'}
            showIcon
            title={t(`funds.proposal.deliberation.outcome.${outcome}`)}
          />
        ) : null}
        <Form.Item name="minutes" label={t('funds.proposal.field.minutes')}>
          <Input.TextArea maxLength={19_000} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item
          name="minutesFileName"
          label={t('funds.proposal.deliberation.minutesFile')}
          extra={t('funds.proposal.deliberation.minutesFileHint')}
        >
          <Input maxLength={255} placeholder="2026-11-20 居民议事会记录.pdf" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

// ── 公示: its start (today or later) and length

interface DisclosureValues {
  startsOn: Dayjs;
  days: number;
}

export function DisclosureDrawer({ proposal, open, onClose, onReload }: StepDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DisclosureValues>();
  const step = useProposalStep(proposal.id);
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const startsOn = Form.useWatch('startsOn', form);
  const days = Form.useWatch('days', form);
  const endsOn =
    startsOn && typeof days === 'number' && days >= 1 ? addDays(ymd(startsOn) as LocalDate, days - 1) : null;

  const close = () => {
    step.reset();
    onClose();
  };

  const submit = (v: DisclosureValues) => {
    const body = { version: proposal.version, startsOn: ymd(v.startsOn), days: v.days };
    if (!checkWithSchema(DisclosureInput, body, form, ['startsOn', 'days'], t)) return;
    step.mutate(
      { step: 'disclose', body },
      {
        onSuccess: () => {
          void message.success(t('funds.proposal.disclosure.done'));
          close();
        },
        onError: (error) => setUnplaced(applyServerErrors(error, form, ['startsOn', 'days'])),
      },
    );
  };

  return (
    <FormDrawer
      title={t('funds.proposal.disclosure.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.disclosure.submit')}
      pending={step.isPending}
      error={step.error}
      unplaced={unplaced}
      onReload={() => {
        step.reset();
        onReload();
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('funds.proposal.disclosure.hint', { min: MIN_DISCLOSURE_DAYS, count: MAX_DISCLOSURE_DAYS })}
      </Typography.Paragraph>
      <Form<DisclosureValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={step.isPending}
        initialValues={{ startsOn: today(), days: MIN_DISCLOSURE_DAYS }}
      >
        <Form.Item
          name="startsOn"
          label={t('funds.proposal.field.disclosureStart')}
          rules={[{ required: true, message: t('funds.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today(), 'day')} />
        </Form.Item>
        <Form.Item
          name="days"
          label={t('funds.proposal.field.disclosureDays')}
          rules={[{ required: true, message: t('funds.form.required') }]}
        >
          <InputNumber
            min={MIN_DISCLOSURE_DAYS}
            max={MAX_DISCLOSURE_DAYS}
            precision={0}
            inputMode="numeric"
            style={{ width: '100%' }}
          />
        </Form.Item>
        {endsOn ? (
          <Alert
            role="status"
            type="info"
            showIcon
            title={t('funds.proposal.disclosure.endsOn', { date: endsOn })}
          />
        ) : null}
      </Form>
    </FormDrawer>
  );
}

// ── 异议: recorded during 公示, then resolved

interface ObjectionValues {
  content: string;
  raisedOn: Dayjs;
}

export function ObjectionDrawer({ proposal, open, onClose, onReload }: StepDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ObjectionValues>();
  const step = useProposalStep(proposal.id);
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const close = () => {
    step.reset();
    onClose();
  };
  const submit = (v: ObjectionValues) => {
    const body = { content: v.content?.trim(), raisedOn: v.raisedOn ? ymd(v.raisedOn) : undefined };
    if (!checkWithSchema(ObjectionCreate, body, form, ['content', 'raisedOn'], t)) return;
    step.mutate(
      { step: 'objections', body: body as ObjectionCreate },
      {
        onSuccess: () => {
          void message.success(t('funds.proposal.objection.done'));
          close();
        },
        onError: (error) => setUnplaced(applyServerErrors(error, form, ['content', 'raisedOn'])),
      },
    );
  };
  const period = proposal.disclosure;
  return (
    <FormDrawer
      title={t('funds.proposal.objection.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.objection.submit')}
      pending={step.isPending}
      error={step.error}
      unplaced={unplaced}
      onReload={onReload}
    >
      {period ? (
        <Typography.Paragraph type="secondary">
          {t('funds.proposal.objection.hint', { start: period.startsOn, end: period.endsOn })}
        </Typography.Paragraph>
      ) : null}
      <Form<ObjectionValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ raisedOn: today() }}
      >
        <Form.Item
          name="content"
          label={t('funds.proposal.objection.content')}
          rules={[{ required: true, whitespace: true, message: t('funds.form.required') }]}
        >
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item
          name="raisedOn"
          label={t('funds.proposal.objection.raisedOn')}
          rules={[{ required: true }]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today(), 'day')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface ResolveValues {
  upheld: boolean;
  resolution: string;
}

export function ResolveObjectionDrawer({
  proposal,
  objectionId,
  open,
  onClose,
  onReload,
}: StepDrawerProps & { objectionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResolveValues>();
  const step = useProposalStep(proposal.id);
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const upheld = Form.useWatch('upheld', form);
  const objection = proposal.objections.find((o) => o.id === objectionId);
  const close = () => {
    step.reset();
    onClose();
  };
  const submit = (v: ResolveValues) => {
    const body = { upheld: v.upheld, resolution: v.resolution?.trim() };
    if (!checkWithSchema(ObjectionResolve, body, form, ['upheld', 'resolution'], t)) return;
    step.mutate(
      { step: 'resolve', objectionId, body: body as ObjectionResolve },
      {
        onSuccess: () => {
          void message.success(t('funds.proposal.resolve.done'));
          close();
        },
        onError: (error) => setUnplaced(applyServerErrors(error, form, ['upheld', 'resolution'])),
      },
    );
  };
  return (
    <FormDrawer
      title={t('funds.proposal.resolve.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.resolve.submit')}
      pending={step.isPending}
      error={step.error}
      unplaced={unplaced}
      onReload={onReload}
    >
      {objection ? (
        <Typography.Paragraph>
          <Typography.Text type="secondary">
            {objection.raisedOn}
            {t('common.colon')}
          </Typography.Text>
          {objection.content}
        </Typography.Paragraph>
      ) : null}
      <Form<ResolveValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="upheld"
          label={t('funds.proposal.resolve.decision')}
          rules={[{ required: true, message: t('funds.form.required') }]}
        >
          <Radio.Group
            options={[
              { value: false, label: t('funds.proposal.resolve.dismiss') },
              { value: true, label: t('funds.proposal.resolve.uphold') },
            ]}
          />
        </Form.Item>
        {upheld === true ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('funds.proposal.resolve.upholdWarning')}
          />
        ) : null}
        <Form.Item
          name="resolution"
          label={t('funds.proposal.resolve.resolution')}
          rules={[{ required: true, whitespace: true, message: t('funds.form.required') }]}
        >
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

// ── 拨付: never more than what is still approved, never more than the fund holds

interface PayoutValues {
  amount: string;
  month: Dayjs;
  /** empty: today, by the server's clock (the API's default) */
  paidOn?: Dayjs | null;
  memo?: string;
}

const PAYOUT_FIELDS = ['amount', 'month', 'paidOn', 'memo'] as const;

/** Refusals about the amount: shown on the amount field (the API's words). */
const AMOUNT_REFUSALS = ['proposal.payout_exceeds_approved', 'fund.insufficient_balance'] as const;

export function PayoutDrawer({
  proposal,
  fund,
  open,
  onClose,
  onReload,
}: StepDrawerProps & { fund: Fund | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PayoutValues>();
  const step = useProposalStep(proposal.id);
  const idempotency = useIdempotencyKey();
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const remaining = payableFen(proposal);
  const balance = fund?.balanceFen;
  const amountRefused =
    isApiError(step.error) && (AMOUNT_REFUSALS as readonly string[]).includes(step.error.code);

  const close = () => {
    step.reset();
    onClose();
  };

  const amountRule = {
    validator: (_: unknown, value: string | undefined) => {
      if (value === undefined || value.trim() === '')
        return Promise.reject(new Error(t('funds.form.required')));
      const fen = yuanToFen(value);
      if (fen === undefined) return Promise.reject(new Error(t('funds.form.amountInvalid')));
      if (fen <= 0) return Promise.reject(new Error(t('funds.form.amountPositive')));
      if (fen > remaining) {
        return Promise.reject(
          new Error(t('funds.proposal.payout.aboveApproved', { amount: yuanText(remaining, t) })),
        );
      }
      if (balance !== undefined && fen > balance) {
        return Promise.reject(
          new Error(t('funds.proposal.payout.aboveBalance', { amount: yuanText(balance, t) })),
        );
      }
      return Promise.resolve();
    },
  };

  const submit = (v: PayoutValues) => {
    const body = {
      version: proposal.version,
      amountFen: yuanToFen(v.amount),
      month: v.month.format('YYYY-MM'),
      ...(v.paidOn ? { paidOn: ymd(v.paidOn) } : {}),
      memo: v.memo?.trim() || null,
    };
    if (!checkWithSchema(PayoutCreate, body, form, PAYOUT_FIELDS, t, { amountFen: 'amount' })) return;
    step.mutate(
      { step: 'payouts', body: body as PayoutCreate, idempotencyKey: idempotency.next() },
      {
        onSuccess: () => {
          idempotency.settle();
          void message.success(t('funds.proposal.payout.done', { amount: yuanText(body.amountFen ?? 0, t) }));
          close();
        },
        onError: (error) => {
          idempotency.settle(error);
          setUnplaced(
            applyServerErrors(
              error,
              form,
              PAYOUT_FIELDS,
              { amountFen: 'amount' },
              {
                code: AMOUNT_REFUSALS,
                field: 'amount',
              },
            ),
          );
        },
      },
    );
  };

  return (
    <FormDrawer
      title={t('funds.proposal.payout.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.payout.submit')}
      pending={step.isPending}
      error={step.error}
      errorOnField={amountRefused}
      refusedTitle={t('funds.proposal.payout.refused')}
      unplaced={unplaced}
      onReload={() => {
        step.reset();
        onReload();
      }}
    >
      {proposal.status === 'disclosure' && proposal.disclosure ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('funds.proposal.payout.inDisclosure', { date: proposal.disclosure.endsOn })}
        />
      ) : null}
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'approved',
            label: t('funds.proposal.payout.approved'),
            children: yuanText(proposal.amountFen, t),
          },
          { key: 'paid', label: t('funds.proposal.payout.paid'), children: yuanText(proposal.paidFen, t) },
          {
            key: 'remaining',
            label: t('funds.proposal.payout.remaining'),
            children: <strong>{yuanText(remaining, t)}</strong>,
          },
          {
            key: 'balance',
            label: t('funds.proposal.payout.balance', { fund: fund?.name ?? '' }),
            children: balance === undefined ? '—' : <strong>{yuanText(balance, t)}</strong>,
          },
        ]}
      />
      <Form<PayoutValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={step.isPending}
        initialValues={{ month: today() }}
      >
        <Form.Item
          name="amount"
          label={t('funds.proposal.payout.amount')}
          required
          rules={[amountRule]}
          extra={t('funds.proposal.payout.limit', {
            amount: yuanText(balance === undefined ? remaining : Math.min(remaining, balance), t),
          })}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="paidOn"
          label={t('funds.proposal.payout.paidOn')}
          extra={t('funds.proposal.payout.paidOnHint')}
        >
          <DatePicker
            style={{ width: '100%' }}
            placeholder={t('funds.proposal.payout.paidOnToday')}
            disabledDate={(d) => d.isAfter(today(), 'day')}
          />
        </Form.Item>
        <Form.Item name="month" label={t('funds.proposal.payout.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="memo" label={t('funds.proposal.payout.memo')}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2 }}
            placeholder={t('funds.proposal.payout.memoHint')}
          />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('funds.proposal.payout.ledgerNote')}</Typography.Text>
    </FormDrawer>
  );
}

// ── 结项: the result, in words, of a rejected, disclosed or paid-out proposal

interface CloseValues {
  result: string;
}

export function CloseDrawer({
  proposal,
  fund,
  open,
  onClose,
  onReload,
}: StepDrawerProps & { fund: Fund | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CloseValues>();
  const step = useProposalStep(proposal.id);
  const [unplaced, setUnplaced] = useState<Unplaced>([]);
  const remaining = payableFen(proposal);

  const close = () => {
    step.reset();
    onClose();
  };

  const submit = (v: CloseValues) => {
    const body = { version: proposal.version, result: v.result?.trim() };
    if (!checkWithSchema(CloseInput, body, form, ['result'], t)) return;
    step.mutate(
      { step: 'close', body: body as CloseInput },
      {
        onSuccess: () => {
          void message.success(t('funds.proposal.close.done'));
          close();
        },
        onError: (error) => setUnplaced(applyServerErrors(error, form, ['result'])),
      },
    );
  };

  return (
    <FormDrawer
      title={t('funds.proposal.close.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.close.submit')}
      pending={step.isPending}
      error={step.error}
      unplaced={unplaced}
      onReload={() => {
        step.reset();
        onReload();
      }}
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'approved',
            label: t('funds.proposal.payout.approved'),
            children: yuanText(proposal.amountFen, t),
          },
          { key: 'paid', label: t('funds.proposal.payout.paid'), children: yuanText(proposal.paidFen, t) },
          { key: 'fund', label: t('funds.proposal.field.fund'), children: fund?.name ?? '—' },
        ]}
      />
      <Typography.Paragraph>
        {remaining > 0
          ? t('funds.proposal.close.unpaid', { amount: yuanText(remaining, t) })
          : t('funds.proposal.close.body')}
      </Typography.Paragraph>
      <Form<CloseValues> form={form} layout="vertical" onFinish={submit} disabled={step.isPending}>
        <Form.Item
          name="result"
          label={t('funds.proposal.close.result')}
          extra={t('funds.proposal.close.resultHint')}
          rules={[{ required: true, whitespace: true, message: t('funds.form.required') }]}
        >
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
