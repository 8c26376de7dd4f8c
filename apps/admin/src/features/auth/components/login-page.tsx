import { LockOutlined, MailOutlined } from '@ant-design/icons';
import type { LoginBody } from '@gongfu/contract';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Button, Input, theme } from 'antd';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/components/language-switch';
import { useLogin } from '../api/login';
import { DemoAccountsHint } from './demo-accounts-hint';

type FieldErrors = Partial<Record<keyof LoginBody, string>>;

/** Good enough to catch a typo before the round trip; the API validates for real. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The login page. It is the first thing a clerk on a phone loads, so it is built from the lightest parts: a plain
 * form with two antd inputs (no antd Form, Card, Typography or Collapse — each pulls tens of KB onto this route).
 */
export function LoginPage({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const login = useLogin();
  const [values, setValues] = useState<LoginBody>({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const emailId = useId();
  const passwordId = useId();

  useEffect(() => {
    document.title = `${t('auth.title')} · ${t('app.name')}`;
  }, [t]);

  const validate = (next: LoginBody): FieldErrors => {
    const found: FieldErrors = {};
    if (!next.email.trim()) found.email = t('auth.emailRequired');
    else if (!EMAIL_SHAPE.test(next.email.trim())) found.email = t('auth.emailInvalid');
    if (!next.password) found.password = t('auth.passwordRequired');
    return found;
  };

  const change = (field: keyof LoginBody, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    if (login.error) login.reset();
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (found.email || found.password) return;
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: () => void navigate({ href: redirectTo, replace: true }),
        onError: (error) => {
          const { email, password } = error.fields;
          if (email || password) setErrors({ email, password });
        },
      },
    );
  };

  const fieldError = (id: string, message: string | undefined) =>
    message ? (
      <div id={`${id}-error`} role="alert" style={{ color: token.colorError, fontSize: token.fontSizeSM }}>
        {message}
      </div>
    ) : null;
  const label = { display: 'block', marginBottom: token.marginXXS, fontWeight: 500 } as const;

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: token.paddingLG,
        background: token.colorBgLayout,
        position: 'relative',
      }}
    >
      <div style={{ position: 'absolute', top: token.padding, right: token.padding }}>
        <LanguageSwitch />
      </div>
      <section
        aria-labelledby="login-title"
        style={{
          width: '100%',
          maxWidth: 420,
          padding: token.paddingLG,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
        }}
      >
        <header style={{ textAlign: 'center', marginBottom: token.marginLG }}>
          <h1 id="login-title" style={{ margin: 0, fontSize: token.fontSizeHeading3, fontWeight: 600 }}>
            {t('app.name')}
          </h1>
          <p style={{ margin: `${token.marginXXS}px 0 0`, color: token.colorTextSecondary }}>
            {t('auth.subtitle')}
          </p>
        </header>
        {login.error ? (
          <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: token.margin }} />
        ) : null}
        <form noValidate onSubmit={submit}>
          <div style={{ marginBottom: token.marginMD }}>
            <label htmlFor={emailId} style={label}>
              {t('auth.email')}
            </label>
            <Input
              id={emailId}
              prefix={<MailOutlined />}
              type="email"
              autoComplete="username"
              placeholder={t('auth.emailPlaceholder')}
              value={values.email}
              onChange={(e) => change('email', e.target.value)}
              status={errors.email ? 'error' : undefined}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? `${emailId}-error` : undefined}
              disabled={login.isPending}
            />
            {fieldError(emailId, errors.email)}
          </div>
          <div style={{ marginBottom: token.marginLG }}>
            <label htmlFor={passwordId} style={label}>
              {t('auth.password')}
            </label>
            <Input.Password
              id={passwordId}
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder={t('auth.passwordPlaceholder')}
              value={values.password}
              onChange={(e) => change('password', e.target.value)}
              status={errors.password ? 'error' : undefined}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? `${passwordId}-error` : undefined}
              disabled={login.isPending}
            />
            {fieldError(passwordId, errors.password)}
          </div>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.submit')}
          </Button>
        </form>
        <div style={{ marginTop: token.margin }}>
          <DemoAccountsHint
            onPick={(email, password) => {
              login.reset();
              setErrors({});
              setValues({ email, password });
            }}
          />
        </div>
      </section>
    </main>
  );
}
