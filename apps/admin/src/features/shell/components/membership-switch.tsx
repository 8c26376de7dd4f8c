import { CheckOutlined, SwapOutlined } from '@ant-design/icons';
import type { Me, Membership } from '@gongfu/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { App, Button, Dropdown, type MenuProps, Result } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actingMembershipId, chooseActingMembership } from '../../../lib/acting-membership';
import { isApiError } from '../../../lib/api-client';
import { meQueryKey } from '../../auth/api/get-me';
import { MembershipLabel } from './membership-label';

/** Where a membership acts: its community, else its partner, else its district. */
export function placeOf(membership: Membership | undefined): string | null {
  if (!membership) return null;
  return membership.communityName ?? membership.partnerName ?? membership.districtName;
}

/** "金汇社区 · 社区填报员": a membership as one line, for the list to choose from. */
export function membershipText(membership: Membership, t: TFunction): string {
  const place = placeOf(membership);
  const role = t(`role.${membership.role}`);
  return place ? `${place} · ${role}` : role;
}

/**
 * Acting under another membership, or (undefined) under the account's first: what was read under the one before
 * is dropped, as at login, and the work starts again at the home page.
 */
function useActUnder() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  return async (id: string | undefined) => {
    chooseActingMembership(id);
    // leave the page first: it may show what the new membership cannot open
    await navigate({ to: '/' });
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
    // the new `me` re-renders the frame, whose page is keyed by the membership: it mounts afresh and reads anew
    await queryClient.refetchQueries({ queryKey: meQueryKey });
    await router.invalidate();
  };
}

/** Acting under another of one's memberships (ADR 0043), from the header's switch or the user menu. */
export function useSwitchMembership(me: Me, active: Membership | undefined) {
  const actUnder = useActUnder();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (id: string) => {
    const chosen = me.memberships.find((m) => m.id === id);
    if (!chosen || chosen.id === active?.id) return;
    void actUnder(chosen.id).then(() =>
      message.success(t('shell.switchedTo', { membership: membershipText(chosen, t) })),
    );
  };
}

/** A refusal of the membership this tab named (ADR 0043), from any answer: a page's panel, a save. */
function refusesChosenMembership(error: unknown): boolean {
  return (
    isApiError(error, 403) && error.code === 'membership_not_found' && actingMembershipId() !== undefined
  );
}

/**
 * Whether the membership this tab acts under was withdrawn while it was open: the first answer that says so (the
 * query and mutation caches are watched while the frame is mounted) turns it on; carrying on turns it off. Kept in
 * the frame, not the app's boot: the login page has no use for it.
 */
export function useWithdrawnMembership(): { withdrawn: boolean; carriedOn: () => void } {
  const queryClient = useQueryClient();
  const [withdrawn, setWithdrawn] = useState(false);
  useEffect(() => {
    const notice = (event: { type: string; action?: { type: string; error?: unknown } }) => {
      if (
        event.type === 'updated' &&
        event.action?.type === 'error' &&
        refusesChosenMembership(event.action.error)
      ) {
        setWithdrawn(true);
      }
    };
    const offQueries = queryClient.getQueryCache().subscribe(notice);
    const offMutations = queryClient.getMutationCache().subscribe(notice);
    return () => {
      offQueries();
      offMutations();
    };
  }, [queryClient]);
  return { withdrawn, carriedOn: () => setWithdrawn(false) };
}

/**
 * A page refused because the membership this tab acts under was withdrawn while it was open (the API answers 403
 * `membership_not_found`): say so, naming it, and carry on under the account's first. Nothing is retried by itself:
 * a write refused for the withdrawn membership must not land under another.
 */
export function MembershipWithdrawnPage({ onCarriedOn }: { onCarriedOn?: () => void }) {
  const { t } = useTranslation();
  const me = useQueryClient().getQueryData<Me>(meQueryKey);
  const gone = me?.memberships.find((m) => m.id === me.activeMembershipId);
  const actUnder = useActUnder();
  return (
    <Result
      status="warning"
      title={t('home.membershipGone.title')}
      subTitle={
        gone
          ? t('home.membershipGone.named', { membership: membershipText(gone, t) })
          : t('home.membershipGone.sub')
      }
      extra={
        <Button type="primary" onClick={() => void actUnder(undefined).then(onCarriedOn)}>
          {t('home.membershipGone.carryOn')}
        </Button>
      }
    />
  );
}

/** The memberships as a menu group, the active one ticked; none when there is nothing to choose. */
export function membershipMenuItems(
  me: Me,
  active: Membership | undefined,
  t: TFunction,
): NonNullable<MenuProps['items']> {
  if (me.memberships.length < 2) return [];
  return [
    {
      type: 'group',
      key: 'memberships',
      label: t('shell.switchMembership'),
      children: me.memberships.map((m) => ({
        key: `membership:${m.id}`,
        label: membershipText(m, t),
        icon: m.id === active?.id ? <CheckOutlined /> : <span aria-hidden style={{ width: 14 }} />,
      })),
    },
  ];
}

export const membershipOfKey = (key: string) => key.replace(/^membership:/, '');

/** The header's "where and as what": a button to switch when the person has more than one membership. */
export function MembershipSwitch({ me, active }: { me: Me; active: Membership | undefined }) {
  const { t } = useTranslation();
  const switchTo = useSwitchMembership(me, active);
  if (me.memberships.length < 2) return <MembershipLabel membership={active} />;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: membershipMenuItems(me, active, t),
        selectedKeys: active ? [`membership:${active.id}`] : [],
        onClick: ({ key }) => switchTo(membershipOfKey(key)),
      }}
    >
      <Button type="text" aria-label={t('shell.switchMembership')} style={{ paddingInline: 4 }}>
        <MembershipLabel membership={active} />
        <SwapOutlined />
      </Button>
    </Dropdown>
  );
}
