import { type ErrorComponentProps, Link, Navigate, useRouter, useRouterState } from '@tanstack/react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api-client';

/** What a route shows when its loader or render fails: login again on 401, the server's message otherwise. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const href = useRouterState({ select: (state) => state.location.href });

  if (isApiError(error, 401)) {
    return <Navigate to="/login" search={{ redirect: href }} replace />;
  }
  const status = isApiError(error, 403) ? '403' : isApiError(error, 404) ? '404' : 'error';
  return (
    <Result
      status={status}
      title={t('common.errorTitle')}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={[
        <Button
          key="retry"
          type="primary"
          onClick={() => {
            reset();
            void router.invalidate();
          }}
        >
          {t('common.retry')}
        </Button>,
        <Link key="home" to="/">
          <Button>{t('common.backHome')}</Button>
        </Link>,
      ]}
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
