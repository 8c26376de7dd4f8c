import { AppraisalCreate, type Asset, AssetCreate, AssetUpdate } from '@gongfu/contract';
import {
  APPRAISAL_METHOD_LABELS,
  APPRAISAL_METHODS,
  ASSET_KIND_LABELS,
  ASSET_KINDS,
  ASSET_STATUS_LABELS,
  ASSET_STATUSES,
} from '@gongfu/domain';
import { App, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pickerToday } from '../../../lib/shanghai-time';
import { FormDrawer } from '../../funds/components/form-drawer';
import { applyServerErrors, checkWithSchema, yuanToFen } from '../../funds/form';
import { label } from '../../funds/format';
import { useCreateAsset, useRecordAppraisal, useUpdateAsset } from '../api/register';
import { yuanRule } from '../form';

interface Values {
  name: string;
  kind: Asset['kind'];
  area: string;
  location: string;
  title: string;
  status: Asset['status'];
}

const FIELDS = ['name', 'kind', 'area', 'location', 'title', 'status'] as const;
const FIELD_MAP = { areaM2: 'area' };
const AREA = /^\d{1,10}(\.\d{1,2})?$/;

const optional = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** Registers an asset (premises, land, plaza, equipment) or edits one with the version read. */
export function AssetDrawer({
  open,
  asset,
  onClose,
  onReload,
}: {
  open: boolean;
  asset?: Asset;
  onClose: () => void;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateAsset();
  const update = useUpdateAsset();
  const mutation = asset ? update : create;
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    mutation.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const fields = {
      name: values.name?.trim(),
      kind: values.kind,
      areaM2: values.area?.trim() ? Number(values.area.trim()) : null,
      location: optional(values.location),
      title: optional(values.title),
      status: values.status,
    };
    const onError = (error: unknown) => setUnplaced(applyServerErrors(error, form, FIELDS, FIELD_MAP));
    const onSuccess = () => {
      void message.success(t(asset ? 'register.form.saved' : 'register.form.created'));
      close();
    };
    if (asset) {
      const body = { version: asset.version, ...fields };
      if (!checkWithSchema(AssetUpdate, body, form, FIELDS, t, FIELD_MAP)) return;
      update.mutate({ id: asset.id, body: body as AssetUpdate }, { onSuccess, onError });
    } else {
      if (!checkWithSchema(AssetCreate, fields, form, FIELDS, t, FIELD_MAP)) return;
      create.mutate(fields as AssetCreate, { onSuccess, onError });
    }
  };

  return (
    <FormDrawer
      title={t(asset ? 'register.asset.edit.title' : 'register.asset.create.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t(asset ? 'register.asset.edit.submit' : 'register.asset.create.submit')}
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
          asset
            ? {
                name: asset.name,
                kind: asset.kind,
                area: asset.areaM2 === null ? '' : String(asset.areaM2),
                location: asset.location ?? '',
                title: asset.title ?? '',
                status: asset.status,
              }
            : { kind: 'premises', status: 'idle' }
        }
      >
        <Form.Item
          name="name"
          label={t('register.asset.field.name')}
          rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('register.asset.field.kind')} rules={[{ required: true }]}>
          <Select
            options={ASSET_KINDS.map((k) => ({ value: k, label: label(ASSET_KIND_LABELS[k], language) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('register.asset.field.status')} rules={[{ required: true }]}>
          <Select
            options={ASSET_STATUSES.map((s) => ({
              value: s,
              label: label(ASSET_STATUS_LABELS[s], language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="area"
          label={t('register.asset.field.area')}
          rules={[{ pattern: AREA, message: t('register.form.areaInvalid') }]}
        >
          <Input inputMode="decimal" suffix="m²" autoComplete="off" />
        </Form.Item>
        <Form.Item name="location" label={t('register.asset.field.location')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="title" label={t('register.asset.field.title')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface AppraisalValues {
  method: AppraisalCreate['method'];
  appraiser: string;
  appraisedOn: Dayjs | null;
  value: string;
}

const APPRAISAL_FIELDS = ['method', 'appraiser', 'appraisedOn', 'value'] as const;
const APPRAISAL_MAP = { valueFen: 'value' };

/** Records an appraisal of an asset (append only: the history is never rewritten). */
export function AppraisalDrawer({
  open,
  assetId,
  onClose,
}: {
  open: boolean;
  assetId: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AppraisalValues>();
  const record = useRecordAppraisal(assetId);
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);

  const close = () => {
    record.reset();
    onClose();
  };

  const submit = (values: AppraisalValues) => {
    const body = {
      method: values.method,
      appraiser: values.appraiser?.trim(),
      appraisedOn: values.appraisedOn?.format('YYYY-MM-DD'),
      valueFen: yuanToFen(values.value),
    };
    if (!checkWithSchema(AppraisalCreate, body, form, APPRAISAL_FIELDS, t, APPRAISAL_MAP)) return;
    record.mutate(body as AppraisalCreate, {
      onSuccess: () => {
        void message.success(t('register.form.created'));
        close();
      },
      onError: (error) => setUnplaced(applyServerErrors(error, form, APPRAISAL_FIELDS, APPRAISAL_MAP)),
    });
  };

  return (
    <FormDrawer
      title={t('register.asset.appraise.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('register.asset.appraise.submit')}
      pending={record.isPending}
      error={record.error}
      unplaced={unplaced}
    >
      <Form<AppraisalValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={record.isPending}
        initialValues={{ method: 'market', appraisedOn: pickerToday() }}
      >
        <Form.Item name="method" label={t('register.asset.field.method')} rules={[{ required: true }]}>
          <Select
            options={APPRAISAL_METHODS.map((m) => ({
              value: m,
              label: label(APPRAISAL_METHOD_LABELS[m], i18n.language),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="appraiser"
          label={t('register.asset.field.appraiser')}
          rules={[{ required: true, whitespace: true, message: t('register.form.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="appraisedOn"
          label={t('register.asset.field.appraisedOn')}
          rules={[{ required: true, message: t('register.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('register.asset.field.value')}
          extra={t('register.form.yuanHint')}
          required
          rules={[yuanRule(t, true)]}
        >
          <Input inputMode="decimal" suffix={t('kpi.unit.fen')} autoComplete="off" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
