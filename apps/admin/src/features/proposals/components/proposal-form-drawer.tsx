import { type Fund, ProposalCreate, type ProposalDetail, ProposalUpdate } from '@gongfu/contract';
import { formatYuan } from '@gongfu/domain';
import { App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanRule, yuanToFen } from '../../funds/form';
import { useCreateProposal, useProposalStep } from '../api/proposals';

interface Values {
  title: string;
  purpose: string;
  amount: string;
  fundId: string;
}

const FIELDS = ['title', 'purpose', 'amount', 'fundId'] as const;
const FIELD_MAP = { amountFen: 'amount' };

function ProposalFields({ funds }: { funds: readonly Fund[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="title"
        label={t('funds.proposal.field.title')}
        rules={[{ required: true, whitespace: true, message: t('funds.form.required') }]}
      >
        <Input maxLength={200} placeholder={t('funds.proposal.create.titleHint')} />
      </Form.Item>
      <Form.Item
        name="purpose"
        label={t('funds.proposal.field.purpose')}
        rules={[{ required: true, whitespace: true, message: t('funds.form.required') }]}
      >
        <Input.TextArea
          maxLength={5000}
          autoSize={{ minRows: 3 }}
          placeholder={t('funds.proposal.create.purposeHint')}
        />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('funds.proposal.field.amount')}
        required
        rules={[yuanRule(t)]}
        extra={t('funds.form.amountHint')}
      >
        <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="fundId"
        label={t('funds.proposal.field.fund')}
        rules={[{ required: true, message: t('funds.form.required') }]}
      >
        <Select
          options={funds.map((f) => ({
            value: f.id,
            label: `${f.name}（${t('funds.fund.balance')} ${formatYuan(f.balanceFen, { grouping: true })} ${t('kpi.unit.fen')}）`,
          }))}
        />
      </Form.Item>
    </>
  );
}

/** Drafts a proposal against one of the community's funds. */
export function CreateProposalDrawer({
  open,
  funds,
  defaultFundId,
  onClose,
  onCreated,
}: {
  open: boolean;
  funds: readonly Fund[];
  defaultFundId: string | undefined;
  onClose: () => void;
  onCreated: (proposal: ProposalDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateProposal();
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const body = {
      fundId: values.fundId,
      title: values.title?.trim(),
      purpose: values.purpose?.trim(),
      amountFen: yuanToFen(values.amount),
    };
    if (!checkWithSchema(ProposalCreate, body, form, FIELDS, t, FIELD_MAP)) return;
    create.mutate(body as ProposalCreate, {
      onSuccess: (proposal) => {
        void message.success(t('funds.proposal.create.done'));
        create.reset();
        onCreated(proposal);
      },
      onError: (error) => setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP)),
    });
  };

  return (
    <FormDrawer
      title={t('funds.proposal.create.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.create.submit')}
      pending={create.isPending}
      error={create.error}
      unplaced={unplaced}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ fundId: defaultFundId ?? (funds.length === 1 ? funds[0]?.id : undefined) }}
      >
        <ProposalFields funds={funds} />
      </Form>
    </FormDrawer>
  );
}

/**
 * Edits a draft; it carries the version read. If someone changed the proposal meanwhile the API answers 409:
 * the drawer says so plainly and keeps what was typed; "reload" reads the proposal again (new version).
 */
export function EditProposalDrawer({
  proposal,
  funds,
  open,
  onClose,
  onReload,
}: {
  proposal: ProposalDetail;
  funds: readonly Fund[];
  open: boolean;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const step = useProposalStep(proposal.id);
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    step.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const body = {
      version: proposal.version,
      fundId: values.fundId,
      title: values.title?.trim(),
      purpose: values.purpose?.trim(),
      amountFen: yuanToFen(values.amount),
    };
    if (!checkWithSchema(ProposalUpdate, body, form, FIELDS, t, FIELD_MAP)) return;
    step.mutate(
      { step: 'update', body: body as ProposalUpdate },
      {
        onSuccess: () => {
          void message.success(t('funds.proposal.edit.done'));
          close();
        },
        onError: (error) => setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP)),
      },
    );
  };

  return (
    <FormDrawer
      title={t('funds.proposal.edit.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.proposal.edit.submit')}
      pending={step.isPending}
      error={step.error}
      unplaced={unplaced}
      onReload={() => {
        step.reset();
        onReload();
      }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={step.isPending}
        initialValues={{
          title: proposal.title,
          purpose: proposal.purpose,
          amount: formatYuan(proposal.amountFen),
          fundId: proposal.fundId,
        }}
      >
        <ProposalFields funds={funds} />
      </Form>
    </FormDrawer>
  );
}
