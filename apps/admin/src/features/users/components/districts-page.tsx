import { PlusOutlined } from '@ant-design/icons';
import { DistrictCreate, type PlatformDistrict } from '@gongfu/contract';
import { Button, Form, Input, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { instantText } from '../../../lib/shanghai-time';
import { FormDrawer } from '../../funds/components/form-drawer';
import { QueryState } from '../../kpis/components/query-state';
import { useCreateDistrict, useDistricts } from '../api/users';
import { checkNested, placeServerErrors } from './form-errors';
import { PasswordModal, type ShownPassword } from './password-modal';

interface Values {
  name: string;
  adminCode?: string;
  admin: { displayName: string; email: string };
}

/** 区县管理 (the platform operator): the districts, and opening one with its first admin. */
export function DistrictsPage() {
  const { t } = useTranslation();
  const districts = useDistricts();
  const create = useCreateDistrict();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);
  const close = () => {
    create.reset();
    setUnplaced([]);
    setOpen(false);
  };
  const submit = (values: Values) => {
    const body = {
      name: values.name?.trim() ?? '',
      adminCode: values.adminCode?.trim() ? values.adminCode.trim() : null,
      admin: {
        displayName: values.admin?.displayName?.trim() ?? '',
        email: values.admin?.email?.trim() ?? '',
      },
    };
    if (!checkNested(DistrictCreate, body, form, t)) return;
    create.mutate(body, {
      onSuccess: (result) => {
        setShown({
          kind: 'district',
          name: result.admin.displayName,
          email: result.admin.email,
          password: result.initialPassword,
        });
        form.resetFields();
        close();
      },
      onError: (error) => setUnplaced(placeServerErrors(error, form)),
    });
  };
  const columns: TableColumnsType<PlatformDistrict> = [
    { title: t('users.districts.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('users.districts.adminCode'),
      dataIndex: 'adminCode',
      key: 'adminCode',
      render: (code: string | null) => code ?? '—',
    },
    {
      title: t('users.districts.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (at: string) => instantText(at),
    },
  ];
  return (
    <PageContainer
      title={t('users.districts.title')}
      subTitle={t('users.districts.subtitle')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('users.districts.create')}
        </Button>
      }
    >
      <QueryState query={districts} rows={4} emptyText="">
        {(data) => (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('users.districts.total', { count: data.items.length })}
            </Typography.Paragraph>
            <ResponsiveTable<PlatformDistrict>
              columns={columns}
              dataSource={data.items}
              emptyText={t('users.districts.empty')}
            />
          </>
        )}
      </QueryState>
      <FormDrawer
        title={t('users.districts.createTitle')}
        open={open}
        onClose={close}
        onSubmit={() => form.submit()}
        submitText={t('users.districts.createSubmit')}
        pending={create.isPending}
        error={create.error}
        unplaced={unplaced}
      >
        <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={create.isPending}>
          <Form.Item
            name="name"
            label={t('users.districts.name')}
            rules={[{ required: true, whitespace: true, message: t('users.form.required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="adminCode"
            label={t('users.districts.adminCode')}
            extra={t('users.districts.adminCodeHint')}
          >
            <Input maxLength={12} inputMode="numeric" />
          </Form.Item>
          <Form.Item
            name={['admin', 'displayName']}
            label={t('users.districts.adminName')}
            rules={[{ required: true, whitespace: true, message: t('users.form.required') }]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name={['admin', 'email']}
            label={t('users.districts.adminEmail')}
            rules={[
              { required: true, message: t('users.form.required') },
              { type: 'email', message: t('users.form.emailInvalid') },
            ]}
          >
            <Input maxLength={254} inputMode="email" autoComplete="off" />
          </Form.Item>
        </Form>
      </FormDrawer>
      <PasswordModal shown={shown} onClose={() => setShown(null)} />
    </PageContainer>
  );
}
