import type { Community } from '@gongfu/contract';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type CommunityCreateInput, useCreateCommunity } from '../api/create-community';
import { COMMUNITY_KINDS, type CommunityKind } from '../kinds';

interface FormValues {
  name: string;
  streetOfficeId?: string;
  adminCode?: string;
  kind: CommunityKind;
  convertedYear?: number | null;
  foundedOn?: Dayjs | null;
  population?: number | null;
  households?: number | null;
  householdsWithSeniors?: number | null;
}

const FIELD_NAMES = [
  'name',
  'streetOfficeId',
  'adminCode',
  'kind',
  'convertedYear',
  'foundedOn',
  'population',
  'households',
  'householdsWithSeniors',
] as const satisfies readonly (keyof FormValues)[];
type FieldName = (typeof FIELD_NAMES)[number];

/** The API names fields by path (`name`, maybe `body.name`); the last segment is the form field. */
export function toFormField(path: string): FieldName | undefined {
  const last = path.split(/[./]/).at(-1) ?? '';
  return (FIELD_NAMES as readonly string[]).includes(last) ? (last as FieldName) : undefined;
}

function toBody(values: FormValues): CommunityCreateInput {
  const converted = values.kind === 'converted_from_rural';
  return {
    name: values.name.trim(),
    streetOfficeId: values.streetOfficeId ?? null,
    adminCode: values.adminCode?.trim() || null,
    kind: values.kind,
    convertedYear: converted ? (values.convertedYear ?? null) : null,
    foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null,
    population: values.population ?? null,
    households: values.households ?? null,
    householdsWithSeniors: values.householdsWithSeniors ?? null,
  };
}

export interface CreateCommunityDrawerProps {
  open: boolean;
  onClose: () => void;
  onCreated: (community: Community) => void;
  /** Known communities: their street offices are the choices offered. */
  communities: readonly Community[];
}

export function CreateCommunityDrawer({ open, onClose, onCreated, communities }: CreateCommunityDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const create = useCreateCommunity();

  const streetOffices = useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of communities) {
      if (c.streetOfficeId && c.streetOfficeName) byId.set(c.streetOfficeId, c.streetOfficeName);
    }
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [communities]);

  // field errors the form has no field for are listed with the server's message
  const unplacedErrors = create.error
    ? Object.entries(create.error.fields).filter(([path]) => toFormField(path) === undefined)
    : [];

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const onFinish = (values: FormValues) => {
    create.mutate(toBody(values), {
      onSuccess: (community) => {
        void message.success(t('community.create.success', { name: community.name }));
        form.resetFields();
        create.reset();
        onCreated(community);
      },
      onError: (error) => {
        const fields = Object.entries(error.fields).flatMap(([path, text]) => {
          const name = toFormField(path);
          return name ? [{ name, errors: [text] }] : [];
        });
        if (fields.length > 0) form.setFields(fields);
      },
    });
  };

  return (
    <Drawer
      title={t('community.create.title')}
      open={open}
      onClose={close}
      size={480}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('community.create.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('community.create.submit')}
          </Button>
        </Flex>
      }
    >
      {create.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={create.error.message}
          description={
            unplacedErrors.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {unplacedErrors.map(([path, text]) => (
                  <li key={path}>
                    {path}: {text}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'urban' }}
        onFinish={onFinish}
        disabled={create.isPending}
      >
        <Form.Item
          name="name"
          label={t('community.field.name')}
          rules={[{ required: true, whitespace: true, message: t('community.create.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="streetOfficeId" label={t('community.field.streetOffice')}>
          <Select
            allowClear
            options={streetOffices}
            placeholder={t('community.create.streetOfficePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="adminCode"
          label={t('community.field.adminCode')}
          rules={[{ pattern: /^\d{12}$/, message: t('community.create.adminCodeInvalid') }]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="kind" label={t('community.field.kind')} rules={[{ required: true }]}>
          <Select
            options={COMMUNITY_KINDS.map((value) => ({ value, label: t(`community.kind.${value}`) }))}
          />
        </Form.Item>
        {kind === 'converted_from_rural' ? (
          <Form.Item
            name="convertedYear"
            label={t('community.field.convertedYear')}
            rules={[{ required: true, message: t('community.create.convertedYearRequired') }]}
          >
            <InputNumber min={1949} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="foundedOn" label={t('community.field.foundedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="population" label={t('community.field.population')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="households" label={t('community.field.households')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="householdsWithSeniors" label={t('community.field.householdsWithSeniors')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
