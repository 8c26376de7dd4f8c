import { type Agreement, AgreementCreate, AgreementUpdate } from '@gongfu/contract';
import { AGREEMENT_TERMS, AGREEMENT_TERMS_LABELS } from '@gongfu/domain';
import { App, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanToFen } from '../../funds/form';
import { label } from '../../funds/format';
import { useCreateAgreement, usePartners, useUpdateAgreement, useVentures } from '../api/register';
import { bpToPercentInput, fenToYuanInput, percentRule, percentToBp, yuanRule } from '../form';

interface Values {
  ventureId: string;
  partnerId: string;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
  terms: Agreement['terms'];
  operatorShare: string;
  fee: string;
  guaranteed: string;
  exitTerms: string;
}

const FIELDS = [
  'ventureId',
  'partnerId',
  'startsOn',
  'endsOn',
  'terms',
  'operatorShare',
  'fee',
  'guaranteed',
  'exitTerms',
] as const;
const FIELD_MAP = {
  operatorShareBp: 'operatorShare',
  feeFen: 'fee',
  guaranteedMinRemittanceFen: 'guaranteed',
};

/**
 * Records an operator agreement for one of the community's ventures, or edits one: term, terms, the operator's
 * share (%), fee and the guaranteed monthly remittance typed in 元 and sent in fen.
 */
export function AgreementDrawer({
  open,
  agreement,
  onClose,
  onReload,
}: {
  open: boolean;
  agreement?: Agreement;
  onClose: () => void;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateAgreement();
  const update = useUpdateAgreement();
  const mutation = agreement ? update : create;
  const ventures = useVentures({}, open && !agreement);
  const partners = usePartners({}, open);
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    mutation.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const fields = {
      partnerId: values.partnerId,
      startsOn: values.startsOn?.format('YYYY-MM-DD'),
      endsOn: values.endsOn?.format('YYYY-MM-DD'),
      terms: values.terms,
      operatorShareBp: percentToBp(values.operatorShare),
      feeFen: yuanToFen(values.fee) ?? 0,
      guaranteedMinRemittanceFen: yuanToFen(values.guaranteed) ?? 0,
      exitTerms: values.exitTerms?.trim() ? values.exitTerms.trim() : null,
    };
    const onError = (error: unknown) => setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP));
    const onSuccess = () => {
      void message.success(t(agreement ? 'register.form.saved' : 'register.form.created'));
      close();
    };
    if (agreement) {
      const body = { version: agreement.version, ...fields };
      if (!checkWithSchema(AgreementUpdate, body, form, FIELDS, t, FIELD_MAP)) return;
      update.mutate({ id: agreement.id, body: body as AgreementUpdate }, { onSuccess, onError });
    } else {
      const body = { ventureId: values.ventureId, ...fields };
      if (!checkWithSchema(AgreementCreate, body, form, FIELDS, t, FIELD_MAP)) return;
      create.mutate(body as AgreementCreate, { onSuccess, onError });
    }
  };

  return (
    <FormDrawer
      title={t(agreement ? 'register.agreement.edit.title' : 'register.agreement.create.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t(agreement ? 'register.agreement.edit.submit' : 'register.agreement.create.submit')}
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
          agreement
            ? {
                ventureId: agreement.ventureId,
                partnerId: agreement.partnerId,
                startsOn: dayjs(agreement.startsOn),
                endsOn: dayjs(agreement.endsOn),
                terms: agreement.terms,
                operatorShare: bpToPercentInput(agreement.operatorShareBp),
                fee: fenToYuanInput(agreement.feeFen),
                guaranteed: fenToYuanInput(agreement.guaranteedMinRemittanceFen),
                exitTerms: agreement.exitTerms ?? '',
              }
            : { terms: 'profit_split', operatorShare: '0' }
        }
      >
        <Form.Item
          name="ventureId"
          label={t('register.agreement.field.venture')}
          rules={[{ required: true, message: t('register.form.required') }]}
        >
          {agreement ? (
            <Select disabled options={[{ value: agreement.ventureId, label: agreement.ventureName }]} />
          ) : (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={ventures.isPending}
              options={(ventures.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
            />
          )}
        </Form.Item>
        <Form.Item
          name="partnerId"
          label={t('register.agreement.field.partner')}
          rules={[{ required: true, message: t('register.form.required') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={partners.isPending}
            options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="startsOn"
              label={t('register.agreement.field.startsOn')}
              rules={[{ required: true, message: t('register.form.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="endsOn"
              label={t('register.agreement.field.endsOn')}
              rules={[{ required: true, message: t('register.form.required') }]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="terms" label={t('register.agreement.field.terms')} rules={[{ required: true }]}>
          <Select
            options={AGREEMENT_TERMS.map((k) => ({
              value: k,
              label: label(AGREEMENT_TERMS_LABELS[k], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="operatorShare"
          label={t('register.agreement.field.operatorShare')}
          required
          rules={[percentRule(t)]}
        >
          <Input inputMode="decimal" suffix="%" autoComplete="off" />
        </Form.Item>
        <Form.Item name="fee" label={t('register.agreement.field.fee')} rules={[yuanRule(t)]}>
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="guaranteed"
          label={t('register.agreement.field.guaranteed')}
          extra={t('register.form.yuanHint')}
          rules={[yuanRule(t)]}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="exitTerms" label={t('register.agreement.field.exitTerms')}>
          <Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
