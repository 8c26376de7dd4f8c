import { DownOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Me, Membership } from '@gongfu/contract';
import { useNavigate } from '@tanstack/react-router';
import { Button, Dropdown, Grid, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { membershipMenuItems, membershipOfKey, placeOf, useSwitchMembership } from './membership-switch';

/**
 * The account's menu: change password, log out, and — on a phone, where the header has no room for the
 * membership — the memberships to switch between, the active one's place on the button.
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
      {/* on a phone, a person with two memberships sees where they act in the button itself: the header has no
          room for the membership, and a clerk of two communities must not fill in the wrong one's report */}
      <Button
        type="text"
        icon={memberships.length > 0 ? null : <UserOutlined />}
        aria-label={t('shell.userMenu')}
        style={{ maxWidth: screens.sm ? undefined : 128 }}
      >
        {screens.sm ? (
          me.user.displayName
        ) : memberships.length > 0 ? (
          <Typography.Text ellipsis style={{ maxWidth: 84 }}>
            {placeOf(active)}
          </Typography.Text>
        ) : null}{' '}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
