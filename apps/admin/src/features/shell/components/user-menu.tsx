import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Me, Membership } from '@gongfu/contract';
import { useNavigate } from '@tanstack/react-router';
import { Button, Dropdown, Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import { membershipMenuItems, membershipOfKey, useSwitchMembership } from './membership-switch';

/**
 * The account's menu: change password, log out, and — on a phone, where the header has no room for the
 * membership — the memberships to switch between.
 */
export function UserMenu({
  me,
  active,
  onLogout,
}: {
  me: Me;
  active: Membership | undefined;
  onLogout: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const switchTo = useSwitchMembership(me, active);
  const memberships = screens.sm ? [] : membershipMenuItems(me, active, t);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectedKeys: active && memberships.length > 0 ? [`membership:${active.id}`] : [],
        items: [
          ...memberships,
          ...(memberships.length > 0 ? [{ type: 'divider' as const }] : []),
          {
            key: 'password',
            icon: <LockOutlined />,
            label: t('auth.changePassword'),
            onClick: () => void navigate({ to: '/account/password' }),
          },
          { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout'), onClick: onLogout },
        ],
        onClick: ({ key }) => {
          if (key.startsWith('membership:')) switchTo(membershipOfKey(key));
        },
      }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={t('shell.userMenu')}>
        {screens.sm ? me.user.displayName : null} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
