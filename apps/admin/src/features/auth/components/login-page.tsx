import { LockOutlined, MailOutlined } from '@ant-design/icons';
import type { LoginBody } from '@gongfu/contract';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/components/language-switch';
import { useLogin } from '../api/login';
import { DemoAccountsHint } from './demo-accounts-hint';

export function LoginPage({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [form] = Form.useForm<LoginBody>();
  const navigate = useNavigate();
  const login = useLogin();

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('app.name')}`;
  }, [t]);

  const onFinish = (values: LoginBody) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => void navigate({ href: redirectTo, replace: true }),
        onError: (error) => {
          const fields = Object.entries(error.fields)
            .filter(([name]) => name === 'email' || name === 'password')
            .map(([name, message]) => ({ name: name as keyof LoginBody, errors: [message] }));
          if (fields.length > 0) form.setFields(fields);
        },
      },
    );
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: token.paddingLG, background: token.colorBgLayout }}
    >
      <Flex justify="flex-end" style={{ position: 'absolute', top: token.padding, right: token.padding }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Flex vertical align="center" gap={token.marginXXS} style={{ marginBottom: token.marginLG }}>
          <Typography.Title level={3} style={{ margin: 0, textAlign: 'center' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
        </Flex>
        {login.error ? (
          <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: token.margin }} />
        ) : null}
        <Form<LoginBody>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={onFinish}
          onValuesChange={() => login.error && login.reset()}
          disabled={login.isPending}
        >
          <Form.Item
            label={t('auth.email')}
            name="email"
            rules={[
              { required: true, message: t('auth.emailRequired') },
              { type: 'email', message: t('auth.emailInvalid') },
            ]}
          >
            <Input
              prefix={<MailOutlined />}
              type="email"
              autoComplete="username"
              placeholder={t('auth.emailPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            label={t('auth.password')}
            name="password"
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder={t('auth.passwordPlaceholder')}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: token.margin }}>
          <DemoAccountsHint
            onPick={(email, password) => {
              login.reset();
              form.setFieldsValue({ email, password });
              void form.validateFields().catch(() => undefined);
            }}
          />
        </div>
      </Card>
    </Flex>
  );
}
