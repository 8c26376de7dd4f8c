import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import type { DistrictUser, DistrictUserList, UserMembership } from '@gongfu/contract';
import { can, compareChineseNames } from '@gongfu/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import {
  App,
  Button,
  Dropdown,
  Flex,
  type MenuProps,
  Skeleton,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../../components/page-container';
import { ResponsiveTable } from '../../../components/responsive-table';
import { instantText } from '../../../lib/shanghai-time';
import { HistoryDrawer } from '../../audit/components/history-drawer';
import { useActiveMembership } from '../../auth/api/get-me';
import { ExportButton } from '../../exports/components/export-button';
import { QueryState } from '../../kpis/components/query-state';
import { FilterSelect, pagination, SearchBox } from '../../register/components/register-frame';
import { useDisableUser, useEnableUser, useRemoveMembership, useResetPassword, useUsers } from '../api/users';
import { USER_ROLE_VALUES, USER_STATUS_VALUES, type UsersSearch } from '../search';
import { EmailText } from './email-text';
import { InviteDrawer } from './invite-drawer';
import { MembershipDrawer } from './membership-drawer';
import { PasswordModal, type ShownPassword } from './password-modal';

/** The community / partner picker's value: which of the two, and its id. */
type UnitValue = `community:${string}` | `partner:${string}`;

/** 用户与权限: the district's accounts — who they are, their roles, whether they may log in — and what to do. */
export function UsersPage({
  search,
  onSearch,
}: {
  search: UsersSearch;
  onSearch: (next: UsersSearch) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const membership = useActiveMembership();
  const may = (action: Parameters<typeof can>[1]) => (membership ? can(membership.role, action) : false);
  // the API filters — the text, the status, the role, the community or partner — and the export takes the same;
  // the page keeps them in the URL and shows what the API answers (a district's few dozen accounts, paged here)
  const filters = {
    q: search.q,
    status: search.status,
    role: search.role,
    communityId: search.communityId,
    partnerId: search.partnerId,
  };
  const users = useUsers(filters);
  // every account (the same request as the list's while nothing is filtered): the places the picker offers, and
  // what an old link's place was
  const everyone = useUsers({});
  const legacy = useLegacyUnit(search, onSearch, everyone);
  const disable = useDisableUser();
  const enable = useEnableUser();
  const reset = useResetPassword();
  const remove = useRemoveMembership();
  const [inviting, setInviting] = useState(false);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const [editing, setEditing] = useState<{ user: DistrictUser; membership?: UserMembership } | null>(null);
  const [history, setHistory] = useState<DistrictUser | null>(null);
  const filtered = Object.values(filters).some(Boolean);
  const change = (patch: Partial<UsersSearch>) => onSearch({ ...search, page: undefined, ...patch });
  const rows = users.data?.items ?? [];
  // the communities and partners the district's accounts hold roles in, by pinyin (the chosen one named as soon
  // as either list has it); a picked value says which of the two it is
  const units = useMemo(() => {
    const found = new Map<UnitValue, string>();
    for (const user of [...(everyone.data?.items ?? []), ...(users.data?.items ?? [])]) {
      for (const m of user.memberships) {
        if (m.communityId && m.communityName) found.set(`community:${m.communityId}`, m.communityName);
        if (m.partnerId && m.partnerName) found.set(`partner:${m.partnerId}`, m.partnerName);
      }
    }
    return [...found]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => compareChineseNames(a.label, b.label));
  }, [everyone.data, users.data]);
  const unit: UnitValue | undefined = search.communityId
    ? `community:${search.communityId}`
    : search.partnerId
      ? `partner:${search.partnerId}`
      : undefined;
  const pickUnit = (value: UnitValue | undefined) => {
    const [kind, id] = value ? (value.split(':') as [string, string]) : [];
    change({
      communityId: kind === 'community' ? id : undefined,
      partnerId: kind === 'partner' ? id : undefined,
    });
  };

  const roleText = (m: UserMembership) => {
    const where = m.communityName ?? m.partnerName;
    return where ? `${t(`role.${m.role}`)} · ${where}` : t(`role.${m.role}`);
  };
  const failed = (error: { message: string }) => void message.error(error.message);

  const confirmDisable = (user: DistrictUser) =>
    modal.confirm({
      title: t('users.confirm.disableTitle', { name: user.displayName }),
      content: t('users.confirm.disableBody'),
      okText: t('users.confirm.disableOk'),
      okButtonProps: { danger: true },
      cancelText: t('users.confirm.cancel'),
      onOk: () =>
        disable
          .mutateAsync(user.id)
          .then(() => void message.success(t('users.done.disabled', { name: user.displayName })))
          .catch(failed),
    });
  const confirmEnable = (user: DistrictUser) =>
    modal.confirm({
      title: t('users.confirm.enableTitle', { name: user.displayName }),
      content: t('users.confirm.enableBody'),
      okText: t('users.confirm.enableOk'),
      cancelText: t('users.confirm.cancel'),
      onOk: () =>
        enable
          .mutateAsync(user.id)
          .then(() => void message.success(t('users.done.enabled', { name: user.displayName })))
          .catch(failed),
    });
  const confirmReset = (user: DistrictUser) =>
    modal.confirm({
      title: t('users.confirm.resetTitle', { name: user.displayName }),
      content: t('users.confirm.resetBody'),
      okText: t('users.confirm.resetOk'),
      okButtonProps: { danger: true },
      cancelText: t('users.confirm.cancel'),
      onOk: () =>
        reset
          .mutateAsync(user.id)
          .then((result) =>
            setShown({
              kind: 'reset',
              name: user.displayName,
              email: user.email,
              password: result.initialPassword,
            }),
          )
          .catch(failed),
    });
  const confirmRemove = (user: DistrictUser, m: UserMembership) =>
    modal.confirm({
      title: t('users.membership.removeConfirm', { name: user.displayName, role: roleText(m) }),
      okText: t('users.membership.removeOk'),
      okButtonProps: { danger: true },
      cancelText: t('users.confirm.cancel'),
      onOk: () =>
        remove
          .mutateAsync({ userId: user.id, membershipId: m.id })
          .then(() => void message.success(t('users.done.roleRemoved')))
          .catch(failed),
    });

  const statusItems = (user: DistrictUser): NonNullable<MenuProps['items']> => {
    if (user.isSelf) return [];
    if (user.status === 'active')
      return may('user:disable')
        ? [{ type: 'divider' }, { key: 'disable', label: t('users.actions.disable'), danger: true }]
        : [];
    return may('user:enable')
      ? [{ type: 'divider' }, { key: 'enable', label: t('users.actions.enable') }]
      : [];
  };
  const moreMenu = (user: DistrictUser): MenuProps['items'] => [
    ...(may('membership:create') ? [{ key: 'add', label: t('users.actions.addRole') }] : []),
    ...(may('membership:update') && user.memberships.length > 0
      ? [
          {
            key: 'edit',
            label: t('users.actions.editRole'),
            children: user.memberships.map((m) => ({ key: `edit:${m.id}`, label: roleText(m) })),
          },
        ]
      : []),
    ...(may('membership:delete') && user.memberships.length > 0
      ? [
          {
            key: 'remove',
            label: t('users.actions.removeRole'),
            // a submenu has no `danger` (antd wrote it onto the <li> as an attribute): its roles are in red
            children: user.memberships.map((m) => ({
              key: `remove:${m.id}`,
              label: roleText(m),
              danger: true,
            })),
          },
        ]
      : []),
    ...(may('user:reset_password') && !user.isSelf
      ? [{ key: 'reset', label: t('users.actions.reset') }]
      : []),
    { key: 'history', label: t('users.actions.history') },
    // 停用 / 启用 last, under a line, as Ant Design Pro keeps a row's destructive action in its overflow menu: a red
    // button on every row was one tap from a mistake on a phone. The desk the same, so the two read alike.
    // (Never on one's own account, as before.)
    ...statusItems(user),
  ];
  const onMore = (user: DistrictUser, key: string) => {
    const [what, id] = key.split(':');
    const m = user.memberships.find((x) => x.id === id);
    if (what === 'add') setEditing({ user });
    else if (what === 'edit' && m) setEditing({ user, membership: m });
    else if (what === 'remove' && m) confirmRemove(user, m);
    else if (what === 'reset') confirmReset(user);
    else if (what === 'history') setHistory(user);
    else if (what === 'disable') confirmDisable(user);
    else if (what === 'enable') confirmEnable(user);
  };

  const columns: TableColumnsType<DistrictUser> = [
    {
      title: t('users.field.displayName'),
      dataIndex: 'displayName',
      key: 'displayName',
      render: (name: string, u) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {u.isSelf ? <Tag color="blue">{t('users.self')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('users.field.email'),
      dataIndex: 'email',
      key: 'email',
      render: (email: string) => <EmailText email={email} />,
    },
    {
      title: t('users.field.roles'),
      dataIndex: 'memberships',
      key: 'memberships',
      render: (memberships: UserMembership[]) =>
        memberships.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {memberships.map((m) => (
              <Tag
                key={m.id}
                color={m.role === 'district_admin' ? 'gold' : undefined}
                // a partner's role names its company: on a phone's card it wraps rather than runs off the edge
                style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
              >
                {roleText(m)}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      title: t('users.field.status'),
      dataIndex: 'status',
      key: 'status',
      render: (status: DistrictUser['status'], user: DistrictUser) => (
        // one above the other: side by side the two tags pushed the actions out of a 1440 screen
        <Flex vertical gap={4} align="flex-start">
          <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {t(`users.status.${status}`)}
          </Tag>
          {/* the password an admin set (invitation or reset) is still the one: the next login asks to change it —
              unless the account may not log in at all */}
          {user.mustChangePassword && status === 'active' ? (
            <Tooltip title={t('users.mustChangeHint')}>
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                {t('users.mustChange')}
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('users.field.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (at: string | null) =>
        at ? instantText(at) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>,
    },
    {
      title: t('users.actions.column'),
      key: 'actions',
      // the admin's buttons stay in view when a long login or a partner's name makes the table scroll sideways
      fixed: 'right',
      render: (_: unknown, user: DistrictUser) => (
        <Dropdown
          trigger={['click']}
          menu={{ items: moreMenu(user), onClick: ({ key }) => onMore(user, key) }}
        >
          <Button size="small" aria-label={`${t('users.actions.more')} ${user.displayName}`}>
            {t('users.actions.more')} <DownOutlined />
          </Button>
        </Dropdown>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('users.title')}
      subTitle={t('users.subtitle')}
      extra={
        <>
          {/* the list's filters travel with the export: the matching accounts, every role of each a row */}
          {may('membership:read') ? (
            // 导出, as every list's export, on a desk and a phone alike (a longer name here was cut to 导出 on a
            // phone); what the file holds is on hover
            <ExportButton view="users" params={filters} hint={t('users.export.hint')} />
          ) : null}
          {may('user:invite') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setInviting(true)}>
              {t('users.actions.invite')}
            </Button>
          ) : null}
        </>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <SearchBox
          value={search.q}
          placeholder={t('users.searchPlaceholder')}
          onSearch={(q) => change({ q })}
        />
        <FilterSelect
          label={t('users.status.label')}
          value={search.status}
          allText={t('users.status.all')}
          options={USER_STATUS_VALUES.map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          onChange={(status) => change({ status })}
          width={140}
        />
        <FilterSelect
          label={t('users.filter.role')}
          value={search.role}
          allText={t('users.filter.allRoles')}
          options={USER_ROLE_VALUES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          onChange={(role) => change({ role })}
          width={160}
        />
        <FilterSelect
          label={t('users.filter.unit')}
          value={unit}
          allText={t('users.filter.allUnits')}
          options={units}
          onChange={pickUnit}
          width={220}
        />
        {filtered ? <Button onClick={() => onSearch({})}>{t('register.common.clear')}</Button> : null}
      </Flex>
      {/* an old link's place is looked up first: the list is not shown unfiltered meanwhile */}
      {legacy ? (
        <Skeleton active paragraph={{ rows: 6 }} title={false} />
      ) : (
        <QueryState query={users} rows={6} emptyText="">
          {() => (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('users.total', { count: rows.length })}
              </Typography.Paragraph>
              <ResponsiveTable<DistrictUser>
                columns={columns}
                dataSource={rows}
                cardAction="actions"
                pagination={pagination(rows.length, search.page, (page) => onSearch({ ...search, page }))}
                emptyText={filtered ? t('users.emptyFiltered') : t('users.empty')}
              />
            </>
          )}
        </QueryState>
      )}
      <InviteDrawer open={inviting} onClose={() => setInviting(false)} onInvited={setShown} />
      {editing ? (
        <MembershipDrawer
          user={editing.user}
          membership={editing.membership}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <PasswordModal shown={shown} onClose={() => setShown(null)} />
      {history ? (
        <HistoryDrawer
          entityType="user"
          entityId={history.id}
          open
          title={`${t('users.actions.history')} · ${history.displayName}`}
          onClose={() => setHistory(null)}
        />
      ) : null}
    </PageContainer>
  );
}

/**
 * An old link's `unit` (a community's or a partner's id): looked up in the places the district's accounts hold roles
 * in (every account, which the page loads anyway), then the URL says which — the filter kept, not dropped. An id
 * that is neither goes: no account has a role there, so it would filter to nothing the picker could name.
 * True while the lookup runs.
 */
function useLegacyUnit(
  search: UsersSearch,
  onSearch: (next: UsersSearch) => void,
  everyone: UseQueryResult<DistrictUserList>,
): boolean {
  const unit = search.unit;
  const settled = !everyone.isPending;
  const memberships = everyone.data?.items.flatMap((u) => u.memberships);
  // no dependency list: it reads the accounts and the search, and stops once the URL has no `unit`
  useEffect(() => {
    if (unit === undefined || !settled) return;
    const { unit: _, ...rest } = search;
    if (memberships?.some((m) => m.communityId === unit)) onSearch({ ...rest, communityId: unit });
    else if (memberships?.some((m) => m.partnerId === unit)) onSearch({ ...rest, partnerId: unit });
    else onSearch(rest);
  });
  return unit !== undefined;
}
