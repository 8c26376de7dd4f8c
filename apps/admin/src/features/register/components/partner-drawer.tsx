import { type Partner, PartnerCreate, PartnerUpdate } from '@gongfu/contract';
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from '@gongfu/domain';
import { App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema } from '../../funds/form';
import { label } from '../../funds/format';
import { useCreatePartner, useUpdatePartner } from '../api/register';
import { creditCodeRules } from '../form';

interface Values {
  name: string;
  kind: Partner['kind'];
  creditCode: string;
  contactName: string;
  contactPhone: string;
}

const FIELDS = ['name', 'kind', 'creditCode', 'contactName', 'contactPhone'] as const;
const optional = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** Registers a partner of the district (district admins) or edits one; its credit code is checked as typed. */
export function PartnerDrawer({
  open,
  partner,
  onClose,
  onReload,
}: {
  open: boolean;
  partner?: Partner;
  onClose: () => void;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePartner();
  const update = useUpdatePartner();
  const mutation = partner ? update : create;
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    mutation.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const fields = {
      name: values.name?.trim(),
      kind: values.kind,
      creditCode: optional(values.creditCode),
      contactName: optional(values.contactName),
      contactPhone: optional(values.contactPhone),
    };
    const onError = (error: unknown) => setUnplaced(applyServerErrors(error, form, FIELDS));
    const onSuccess = () => {
      void message.success(t(partner ? 'register.form.saved' : 'register.form.created'));
      close();
    };
    if (partner) {
      const body = { version: partner.version, ...fields };
      if (!checkWithSchema(PartnerUpdate, body, form, FIELDS, t)) return;
      update.mutate({ id: partner.id, body: body as PartnerUpdate }, { onSuccess, onError });
    } else {
      if (!checkWithSchema(PartnerCreate, fields, form, FIELDS, t)) return;
      create.mutate(fields as PartnerCreate, { onSuccess, onError });
    }
  };

  return (
    <FormDrawer
      title={t(partner ? 'register.partner.edit.title' : 'register.partner.create.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t(partner ? 'register.partner.edit.submit' : 'register.partner.create.submit')}
      pending={mutation.isPending}
      error={mutation.error}
      unplaced={unplaced}
      {...(onReload
        ? {
            onReload: () => {
              mutation.reset();
              onReload();
            },
          }
        : {})}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={mutation.isPending}
        initialValues={
          partner
            ? {
                name: partner.name,
                kind: partner.kind,
                creditCode: partner.creditCode ?? '',
                contactName: partner.contactName ?? '',
                contactPhone: partner.contactPhone ?? '',
              }
            : { kind: 'enterprise' }
        }
      >
        <Form.Item
          name="name"
          label={t('register.partner.field.name')}
          rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('register.partner.field.kind')} rules={[{ required: true }]}>
          <Select
            options={PARTNER_KINDS.map((k) => ({
              value: k,
              label: label(PARTNER_KIND_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('register.partner.field.creditCode')}
          extra={t('register.form.creditCodeHint')}
          validateTrigger={['onChange', 'onBlur']}
          rules={creditCodeRules(t, i18n.language, false)}
        >
          <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="contactName" label={t('register.partner.field.contactName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('register.partner.field.contactPhone')}>
          <Input maxLength={50} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
