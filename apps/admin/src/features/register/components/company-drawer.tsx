import { type Company, CompanyCreate, CompanyUpdate } from '@gongfu/contract';
import { OPERATING_MODEL_LABELS, OPERATING_MODELS } from '@gongfu/domain';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanToFen } from '../../funds/form';
import { label } from '../../funds/format';
import { useCreateCompany, useUpdateCompany } from '../api/register';
import { creditCodeRules, fenToYuanInput, yuanRule } from '../form';

interface Values {
  legalName: string;
  creditCode: string;
  foundedOn: Dayjs | null;
  operatingModel: Company['operatingModel'];
  registeredCapital: string;
}

const FIELDS = ['legalName', 'creditCode', 'foundedOn', 'operatingModel', 'registeredCapital'] as const;
const FIELD_MAP = { registeredCapitalFen: 'registeredCapital' };

/**
 * Registers a company, or edits one (with the version read). The credit code is checked as typed; the
 * contract's schema checks the body before it is sent; the API's field errors land on their fields; a stale
 * edit (409) is said plainly and keeps what was typed.
 */
export function CompanyDrawer({
  open,
  company,
  onClose,
  onReload,
}: {
  open: boolean;
  company?: Company;
  onClose: () => void;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateCompany();
  const update = useUpdateCompany();
  const mutation = company ? update : create;
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    mutation.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const fields = {
      legalName: values.legalName?.trim(),
      creditCode: values.creditCode?.trim(),
      foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null,
      operatingModel: values.operatingModel,
      registeredCapitalFen: yuanToFen(values.registeredCapital) ?? 0,
    };
    const onError = (error: unknown) => setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP));
    const onSuccess = () => {
      void message.success(t(company ? 'register.form.saved' : 'register.form.created'));
      close();
    };
    if (company) {
      const body = { version: company.version, ...fields };
      if (!checkWithSchema(CompanyUpdate, body, form, FIELDS, t, FIELD_MAP)) return;
      update.mutate({ id: company.id, body: body as CompanyUpdate }, { onSuccess, onError });
    } else {
      if (!checkWithSchema(CompanyCreate, fields, form, FIELDS, t, FIELD_MAP)) return;
      create.mutate(fields as CompanyCreate, { onSuccess, onError });
    }
  };

  return (
    <FormDrawer
      title={t(company ? 'register.company.edit.title' : 'register.company.create.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t(company ? 'register.company.edit.submit' : 'register.company.create.submit')}
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
          company
            ? {
                legalName: company.legalName,
                creditCode: company.creditCode,
                foundedOn: company.foundedOn ? dayjs(company.foundedOn) : null,
                operatingModel: company.operatingModel,
                registeredCapital: fenToYuanInput(company.registeredCapitalFen),
              }
            : { operatingModel: 'site_equity_professional_operation' }
        }
      >
        <Form.Item
          name="legalName"
          label={t('register.company.field.legalName')}
          rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="creditCode"
          label={t('register.company.field.creditCode')}
          extra={t('register.form.creditCodeHint')}
          validateTrigger={['onChange', 'onBlur']}
          rules={creditCodeRules(t, i18n.language, true)}
        >
          <Input maxLength={40} autoComplete="off" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item
          name="operatingModel"
          label={t('register.company.field.operatingModel')}
          rules={[{ required: true, message: t('register.form.required') }]}
        >
          <Select
            options={OPERATING_MODELS.map((m) => ({
              value: m,
              label: label(OPERATING_MODEL_LABELS[m], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="registeredCapital"
          label={t('register.company.field.registeredCapital')}
          extra={t('register.form.yuanHint')}
          rules={[yuanRule(t)]}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="foundedOn" label={t('register.company.field.foundedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
