import { MenuOutlined } from '@ant-design/icons';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { App, Button, Drawer, Flex, Grid, Layout, Menu, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NotFoundPage } from '../../../components/route-error';
import { activeMembership, useMe } from '../../auth/api/get-me';
import { useLogout } from '../../auth/api/logout';
import { MENU_GROUPS, menuFor, menuItems, reachedFrom, selectedMenuEntry } from '../menu-config';
import { LanguageSwitch } from './language-switch';
import { MembershipSwitch, MembershipWithdrawnPage, useWithdrawnMembership } from './membership-switch';
import { UserMenu } from './user-menu';

/** The authenticated frame, after Ant Design Pro's mixed layout: full-width header, light side menu, content. */
export function AppShell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const me = useMe();
  const membership = activeMembership(me);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const askedCommunity = useRouterState({ select: (state) => state.location.search }) as {
    communityId?: unknown;
  };
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // below lg (phones, small tablets) the menu is a drawer, as in Ant Design Pro: a rail would eat a third of 390 px
  const phone = screens.lg === false;
  // a password an admin set must be changed before anything else (ADR 0025): no menu leads anywhere meanwhile
  const gated = me.user.mustChangePassword;
  // the membership acted under was withdrawn while the tab was open: no page of it is shown any more
  const { withdrawn, carriedOn } = useWithdrawnMembership();

  // a page opened from the drawer closes it
  // biome-ignore lint/correctness/useExhaustiveDependencies: the pathname is the trigger
  useEffect(() => setDrawerOpen(false), [pathname]);

  const entries = menuFor(membership?.role);
  // a page of a section the menu does not list is marked where it was reached from, as its breadcrumb says
  const selected =
    selectedMenuEntry(
      pathname,
      entries.map((e) => e.id),
    ) ?? reachedFrom(pathname, membership?.role);

  const onLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => void navigate({ to: '/login', replace: true }),
    });
  };

  const menu = (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={Object.keys(MENU_GROUPS).map((group) => `group:${group}`)}
      items={menuItems(entries, (key) => t(key))}
    />
  );

  // antd's App (message, modal, notification in context) lives here, not at the root: the login page needs none
  return (
    <App>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: `0 ${phone ? token.padding : token.paddingLG}px`,
            display: 'flex',
            alignItems: 'center',
            lineHeight: 'normal',
            gap: token.marginLG,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {phone && !gated ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('common.openMenu')}
              aria-expanded={drawerOpen}
              onClick={() => setDrawerOpen(true)}
              style={{ marginInlineEnd: -token.marginSM }}
            />
          ) : null}
          <Link
            to="/"
            style={{ display: 'flex', alignItems: 'center', gap: token.marginXS, color: 'inherit' }}
          >
            <span
              aria-hidden
              style={{
                display: 'inline-grid',
                placeItems: 'center',
                width: 28,
                height: 28,
                borderRadius: token.borderRadius,
                background: token.colorPrimary,
                color: token.colorWhite,
                fontWeight: 600,
              }}
            >
              共
            </span>
            <Typography.Text strong style={{ fontSize: token.fontSizeLG, whiteSpace: 'nowrap' }}>
              {screens.md ? t('app.name') : t('app.shortName')}
            </Typography.Text>
          </Link>
          <Flex flex={1} justify="flex-end" align="center" gap={token.marginSM} style={{ minWidth: 0 }}>
            {screens.sm ? <MembershipSwitch me={me} active={membership} /> : null}
            <LanguageSwitch />
            <UserMenu me={me} active={membership} onLogout={onLogout} />
          </Flex>
        </Layout.Header>
        <Layout>
          {gated ? null : phone ? (
            <Drawer
              placement="left"
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              size={256}
              title={t('app.shortName')}
              styles={{ body: { padding: 0 } }}
            >
              {menu}
            </Drawer>
          ) : (
            <Layout.Sider
              theme="light"
              width={208}
              collapsible
              collapsed={collapsed}
              onCollapse={setCollapsed}
              style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
            >
              {menu}
            </Layout.Sider>
          )}
          <Layout.Content style={{ minWidth: 0 }}>
            {/* a community's roles asking for another community (a typed or pasted link) get what any out-of-reach
                address gets: not found, in the frame, whatever the page below would have made of it */}
            {withdrawn ? (
              <MembershipWithdrawnPage onCarriedOn={carriedOn} />
            ) : membership?.communityId &&
              typeof askedCommunity.communityId === 'string' &&
              askedCommunity.communityId !== membership.communityId ? (
              <NotFoundPage />
            ) : (
              // keyed by the membership: a switch (ADR 0043) mounts the page afresh, nothing kept from the one before
              <Outlet key={membership?.id} />
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </App>
  );
}
