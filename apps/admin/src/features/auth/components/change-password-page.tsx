import { useNavigate } from '@tanstack/react-router';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { isApiError } from '../../../lib/api-client';
import { useChangePassword } from '../api/change-password';
import { useMe } from '../api/get-me';
import './change-password.css';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** 修改密码: anyone at any time from the user menu; the only page of a user whose password an admin set. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const forced = me.user.mustChangePassword;

  const onFinish = (values: Values) => {
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('auth.passwordChanged'));
          if (forced) void navigate({ to: '/', replace: true });
        },
        onError: (error) => {
          // the API names the field in the user's language
          if (isApiError(error) && Object.keys(error.fields).length > 0) {
            form.setFields(
              Object.entries(error.fields).map(([name, text]) => ({
                name: name as keyof Values,
                errors: [text],
              })),
            );
          } else {
            void message.error(error.message);
          }
        },
      },
    );
  };

  return (
    <PageContainer title={t('auth.changePassword')}>
      <Card style={{ maxWidth: 560 }}>
        <Alert
          type={forced ? 'warning' : 'info'}
          showIcon
          message={forced ? t('auth.mustChange') : t('auth.changeHint')}
          style={{ marginBottom: 24 }}
        />
        <Form
          form={form}
          className="password-form"
          layout="vertical"
          onFinish={onFinish}
          requiredMark
          disabled={change.isPending}
        >
          <Form.Item
            name="currentPassword"
            // the first password was given by an administrator: it is the one to type here
            label={forced ? t('auth.givenPassword') : t('auth.currentPassword')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('auth.newPassword')}
            extra={t('auth.passwordRule')}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              {
                validator: (_, value: string | undefined) =>
                  !value || (value.length >= 10 && /\p{L}/u.test(value) && /\p{N}/u.test(value))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.passwordRule'))),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label={t('auth.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('auth.passwordRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.confirmMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('auth.changeSubmit')}
          </Button>
        </Form>
      </Card>
    </PageContainer>
  );
}
