import { type Venture, VentureCreate, VentureUpdate } from '@gongfu/contract';
import {
  PRICE_TIER_LABELS,
  PRICE_TIERS,
  VENTURE_CATEGORIES,
  VENTURE_CATEGORY_LABELS,
  VENTURE_STATUS_LABELS,
  VENTURE_STATUSES,
} from '@gongfu/domain';
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema } from '../../funds/form';
import { label } from '../../funds/format';
import { useAssets, useCompanies, useCreateVenture, usePartners, useUpdateVenture } from '../api/register';

interface Values {
  name: string;
  category: Venture['category'];
  priceTier: Venture['priceTier'];
  companyId?: string | undefined;
  operatorPartnerId?: string | undefined;
  premisesAssetId?: string | undefined;
  startedOn: Dayjs | null;
  reportingStartMonth: Dayjs | null;
  status: Venture['status'];
  promiseMinutes: string;
}

const FIELDS = [
  'name',
  'category',
  'priceTier',
  'companyId',
  'operatorPartnerId',
  'premisesAssetId',
  'startedOn',
  'reportingStartMonth',
  'status',
  'promiseMinutes',
] as const;
const FIELD_MAP = { promisedResponseMinutes: 'promiseMinutes' };
const MINUTES = /^\d{1,6}$/;

/** Registers a venture of the community or edits one: model via its company, operator, price tier, promise. */
export function VentureDrawer({
  open,
  venture,
  communityId,
  onClose,
  onReload,
}: {
  open: boolean;
  venture?: Venture;
  /** whose companies and premises may be chosen (a community role's own when undefined) */
  communityId: string | undefined;
  onClose: () => void;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateVenture();
  const update = useUpdateVenture();
  const mutation = venture ? update : create;
  const companies = useCompanies({ communityId }, open);
  const partners = usePartners({}, open);
  const assets = useAssets({ communityId }, open);
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    mutation.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const minutes = values.promiseMinutes?.trim();
    const fields = {
      name: values.name?.trim(),
      category: values.category,
      priceTier: values.priceTier,
      companyId: values.companyId ?? null,
      operatorPartnerId: values.operatorPartnerId ?? null,
      premisesAssetId: values.premisesAssetId ?? null,
      startedOn: values.startedOn ? values.startedOn.format('YYYY-MM-DD') : null,
      reportingStartMonth: values.reportingStartMonth ? values.reportingStartMonth.format('YYYY-MM') : null,
      status: values.status,
      promisedResponseMinutes: minutes ? Number(minutes) : null,
    };
    const onError = (error: unknown) => setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP));
    const onSuccess = () => {
      void message.success(t(venture ? 'register.form.saved' : 'register.form.created'));
      close();
    };
    if (venture) {
      const body = { version: venture.version, ...fields };
      if (!checkWithSchema(VentureUpdate, body, form, FIELDS, t, FIELD_MAP)) return;
      update.mutate({ id: venture.id, body: body as VentureUpdate }, { onSuccess, onError });
    } else {
      if (!checkWithSchema(VentureCreate, fields, form, FIELDS, t, FIELD_MAP)) return;
      create.mutate(fields as VentureCreate, { onSuccess, onError });
    }
  };

  return (
    <FormDrawer
      title={t(venture ? 'register.venture.edit.title' : 'register.venture.create.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t(venture ? 'register.venture.edit.submit' : 'register.venture.create.submit')}
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
          venture
            ? {
                name: venture.name,
                category: venture.category,
                priceTier: venture.priceTier,
                companyId: venture.companyId ?? undefined,
                operatorPartnerId: venture.operatorPartnerId ?? undefined,
                premisesAssetId: venture.premisesAssetId ?? undefined,
                startedOn: venture.startedOn ? dayjs(venture.startedOn) : null,
                reportingStartMonth: venture.reportingStartMonth
                  ? dayjs(`${venture.reportingStartMonth}-01`)
                  : null,
                status: venture.status,
                promiseMinutes:
                  venture.promisedResponseMinutes === null ? '' : String(venture.promisedResponseMinutes),
              }
            : { category: 'service_station', priceTier: 'public_welfare', status: 'operating' }
        }
      >
        <Form.Item
          name="name"
          label={t('register.venture.field.name')}
          rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('register.venture.field.category')} rules={[{ required: true }]}>
          <Select
            options={VENTURE_CATEGORIES.map((c) => ({
              value: c,
              label: label(VENTURE_CATEGORY_LABELS[c], language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="priceTier"
          label={t('register.venture.field.priceTier')}
          rules={[{ required: true }]}
        >
          <Radio.Group
            optionType="button"
            options={PRICE_TIERS.map((p) => ({ value: p, label: label(PRICE_TIER_LABELS[p], language) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('register.venture.field.status')} rules={[{ required: true }]}>
          <Select
            options={VENTURE_STATUSES.map((s) => ({
              value: s,
              label: label(VENTURE_STATUS_LABELS[s], language),
            }))}
          />
        </Form.Item>
        <Form.Item name="companyId" label={t('register.venture.field.company')}>
          <Select
            allowClear
            loading={companies.isPending}
            options={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.legalName }))}
          />
        </Form.Item>
        <Form.Item name="operatorPartnerId" label={t('register.venture.field.operator')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('register.venture.selfOperated')}
            loading={partners.isPending}
            options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="premisesAssetId" label={t('register.venture.field.premises')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={assets.isPending}
            options={(assets.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
        <Form.Item
          name="promiseMinutes"
          label={t('register.venture.field.promiseMinutes')}
          extra={t('register.venture.field.promiseHint')}
          rules={[{ pattern: MINUTES, message: t('register.form.minutesInvalid') }]}
        >
          <Input inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item name="startedOn" label={t('register.venture.field.startedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        {/* reports are owed from the later of the start and this month (issue 12: a venture that ran before the
            platform does not owe its earlier months); empty means the district's reporting start */}
        <Form.Item
          name="reportingStartMonth"
          label={t('register.venture.field.reportingStartMonth')}
          extra={t('register.venture.field.reportingStartHint')}
        >
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
