import { type Fund, LedgerEntryCreate } from '@gongfu/contract';
import { LEDGER_ENTRY_KIND_LABELS } from '@gongfu/domain';
import { App, DatePicker, Form, Input, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickerThisMonth } from '../../../lib/shanghai-time';
import { useRecordInflow } from '../api/funds';
import { applyServerErrors, checkWithSchema, yuanRule, yuanToFen } from '../form';
import { label, yuanText } from '../format';
import { useIdempotencyKey } from '../idempotency';
import { FormDrawer } from './form-drawer';

interface Values {
  kind: 'donation' | 'grant';
  amount: string;
  month: Dayjs;
  memo?: string;
}

const FIELDS = ['kind', 'amount', 'month', 'memo'] as const;
const FIELD_MAP = { amountFen: 'amount' };

/** Books a donation or a grant into the fund (the only money a person books by hand: no expenditure here). */
export function RecordInflowDrawer({
  fund,
  open,
  onClose,
}: {
  fund: Fund;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordInflow(fund.id);
  const idempotency = useIdempotencyKey();
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    record.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const body = {
      kind: values.kind,
      amountFen: yuanToFen(values.amount),
      month: values.month.format('YYYY-MM'),
      memo: values.memo?.trim() || null,
    };
    if (!checkWithSchema(LedgerEntryCreate, body, form, FIELDS, t, FIELD_MAP)) return;
    record.mutate(
      { body: body as LedgerEntryCreate, idempotencyKey: idempotency.next() },
      {
        onSuccess: (entry) => {
          idempotency.settle();
          void message.success(t('funds.inflow.done', { amount: yuanText(entry.amountFen, t) }));
          close();
        },
        onError: (error) => {
          idempotency.settle(error);
          setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP));
        },
      },
    );
  };

  return (
    <FormDrawer
      title={t('funds.inflow.title', { fund: fund.name })}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('funds.inflow.submit')}
      pending={record.isPending}
      error={record.error}
      unplaced={unplaced}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'donation', month: pickerThisMonth() }}
        onFinish={submit}
        disabled={record.isPending}
      >
        <Form.Item name="kind" label={t('funds.inflow.kind')} rules={[{ required: true }]}>
          <Radio.Group
            options={(['donation', 'grant'] as const).map((k) => ({
              value: k,
              label: label(LEDGER_ENTRY_KIND_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('funds.inflow.amount')}
          required
          rules={[yuanRule(t)]}
          extra={t('funds.form.amountHint')}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="month" label={t('funds.inflow.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="memo" label={t('funds.inflow.memo')}>
          <Input.TextArea
            maxLength={500}
            showCount
            autoSize={{ minRows: 2 }}
            placeholder={t('funds.inflow.memoHint')}
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
