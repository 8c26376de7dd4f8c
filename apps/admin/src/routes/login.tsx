import { createFileRoute, redirect } from '@tanstack/react-router';
import { meQueryKey } from '../features/auth/api/get-me';
import { LoginPage } from '../features/auth/components/login-page';
import { safeRedirect, validateLoginSearch } from '../features/auth/redirect-target';

export const Route = createFileRoute('/login')({
  validateSearch: validateLoginSearch,
  // already logged in in this tab: go where the user was heading
  beforeLoad: ({ context, search }) => {
    if (context.queryClient.getQueryData(meQueryKey)) {
      throw redirect({ href: safeRedirect(search.redirect), replace: true });
    }
  },
  component: LoginRoute,
});

function LoginRoute() {
  const { redirect: target } = Route.useSearch();
  return <LoginPage redirectTo={safeRedirect(target)} />;
}
