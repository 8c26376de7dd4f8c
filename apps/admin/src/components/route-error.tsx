import type { Me } from '@gongfu/contract';
import { useQueryClient } from '@tanstack/react-query';
import { type ErrorComponentProps, Link, Navigate, useRouter, useRouterState } from '@tanstack/react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { meQueryKey } from '../features/auth/api/get-me';
import { MembershipWithdrawnPage } from '../features/shell/components/membership-switch';
import { isApiError } from '../lib/api-client';

/**
 * What a route shows when its loader or render fails: login again on 401; a page of its own for "not yours"
 * (403, no retry: trying again will not change the role), and for a membership withdrawn while the tab acted under it and "not found" (404); the server's message with a
 * retry for anything else (a 5xx or a dropped connection may pass).
 */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const href = useRouterState({ select: (state) => state.location.href });

  if (isApiError(error, 401)) {
    return <Navigate to="/login" search={{ redirect: href }} replace />;
  }
  if (isApiError(error, 403) && error.code === 'membership_not_found') return <MembershipWithdrawnPage />;
  if (isApiError(error, 403)) return <ForbiddenPage />;
  if (isApiError(error, 404)) return <NotFoundPage />;
  return (
    <Result
      status="error"
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
      subTitle={t('common.notFoundSub')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** The session's role may not open this page: say so, and offer the way back (no retry). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const me = useQueryClient().getQueryData<Me>(meQueryKey);
  const membership = me?.memberships.find((m) => m.id === me.activeMembershipId) ?? me?.memberships[0];
  return (
    <Result
      status="403"
      title={t('common.forbiddenTitle')}
      subTitle={t('common.forbiddenSub', { role: membership ? t(`role.${membership.role}`) : '—' })}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
