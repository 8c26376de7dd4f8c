import { type Fund, ProposalCreate, type ProposalDetail, ProposalUpdate } from '@gongfu/contract';
import {
  BANNED_USE_CATEGORIES,
  FUND_KIND_LABELS,
  formatYuan,
  PROPOSAL_USE_CATEGORIES,
  PROPOSAL_USE_CATEGORY_LABELS,
} from '@gongfu/domain';
import { App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanRule, yuanToFen } from '../../funds/form';
import { label } from '../../funds/format';
import { useCreateProposal, useProposalStep } from '../api/proposals';

interface Values {
  title: string;
  purpose: string;
  useCategory: string;
  amount: string;
  fundId: string;
}

const FIELDS = ['title', 'purpose', 'useCategory', 'amount', 'fundId'] as const;
const FIELD_MAP = { amountFen: 'amount' };

/**
 * The use category: every category of the domain's list, those the chosen fund may not pay for shown but not
 * selectable, with the rule in words beneath. A category chosen before the fund changed is left as it is: the
 * API refuses it, with its reason on this field.
 */
function UseCategoryField({ funds }: { funds: readonly Fund[] }) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const fundId = Form.useWatch('fundId', form);
  const fund = funds.find((f) => f.id === fundId);
  const banned: readonly string[] = fund ? BANNED_USE_CATEGORIES[fund.kind] : [];
  return (
    <Form.Item
      name="useCategory"
      label={t('funds.proposal.field.useCategory')}
      rules={[{ required: true, message: t('funds.form.required') }]}
      extra={
        fund && banned.length > 0
          ? t('funds.proposal.create.useCategoryBanned', {
              fund: label(FUND_KIND_LABELS[fund.kind], i18n.language),
              categories: banned
                .map((c) =>
                  label(
                    PROPOSAL_USE_CATEGORY_LABELS[c as keyof typeof PROPOSAL_USE_CATEGORY_LABELS],
                    i18n.language,
                  ),
                )
                .join(i18n.language === 'en' ? ', ' : '、'),
            })
          : t('funds.proposal.create.useCategoryHint')
      }
    >
      <Select
        options={PROPOSAL_USE_CATEGORIES.map((c) => ({
          value: c,
          label: label(PROPOSAL_USE_CATEGORY_LABELS[c], i18n.language),
          disabled: banned.includes(c),
        }))}
      />
    </Form.Item>
  );
}

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
      <UseCategoryField funds={funds} />
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
      useCategory: values.useCategory,
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
      useCategory: values.useCategory,
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
          useCategory: proposal.useCategory,
          amount: formatYuan(proposal.amountFen),
          fundId: proposal.fundId,
        }}
      >
        <ProposalFields funds={funds} />
      </Form>
    </FormDrawer>
  );
}
