import { type DistrictUser, MembershipInput, type UserMembership } from '@gongfu/contract';
import { App, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { useAddMembership, useUpdateMembership } from '../api/users';
import { checkNested, placeServerErrors } from './form-errors';
import { MembershipFields, membershipBody } from './membership-fields';

interface Values {
  membership: { role?: string; communityId?: string; partnerId?: string };
}

/** Adds a role to an account, or changes one of its roles (and the community or partner it applies to). */
export function MembershipDrawer({
  user,
  membership,
  onClose,
}: {
  user: DistrictUser;
  membership?: UserMembership | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddMembership();
  const update = useUpdateMembership();
  const mutation = membership ? update : add;
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);
  const close = () => {
    mutation.reset();
    onClose();
  };
  const submit = (values: Values) => {
    const body = membershipBody(values.membership);
    // the API names membership fields at the top level (role, communityId): the form holds them under `membership`
    const wrapped = { membership: body };
    if (!checkNested({ safeParse: (v: unknown) => wrapMembership(v) }, wrapped, form, t)) return;
    const done = (key: 'users.done.roleSaved' | 'users.done.roleAdded') => () => {
      void message.success(t(key));
      close();
    };
    const onError = (error: unknown) => setUnplaced(placeServerErrors(prefixed(error), form));
    if (membership)
      update.mutate(
        { userId: user.id, membershipId: membership.id, body: body as MembershipInput },
        { onSuccess: done('users.done.roleSaved'), onError },
      );
    else
      add.mutate(
        { userId: user.id, body: body as MembershipInput },
        { onSuccess: done('users.done.roleAdded'), onError },
      );
  };
  return (
    <FormDrawer
      title={t(membership ? 'users.membership.editTitle' : 'users.membership.addTitle', {
        name: user.displayName,
      })}
      open
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('users.membership.submit')}
      pending={mutation.isPending}
      error={mutation.error}
      unplaced={unplaced}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={mutation.isPending}
        initialValues={{
          membership: membership
            ? {
                role: membership.role,
                communityId: membership.communityId ?? undefined,
                partnerId: membership.partnerId ?? undefined,
              }
            : {},
        }}
      >
        <MembershipFields name={['membership']} path={['membership']} />
      </Form>
    </FormDrawer>
  );
}

/** The contract's MembershipInput, checked under the form's `membership` name. */
function wrapMembership(value: unknown) {
  const result = MembershipInput.safeParse((value as Values).membership);
  if (result.success) return { success: true as const };
  return {
    success: false as const,
    error: { issues: result.error.issues.map((i) => ({ ...i, path: ['membership', ...i.path] })) },
  };
}

/** The API's field errors (role, communityId) under the form's `membership` name. */
function prefixed(error: unknown) {
  if (!error || typeof error !== 'object' || !('fields' in error)) return error;
  const e = error as { fields: Record<string, string> };
  const fields = Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [`membership.${k}`, v]));
  return Object.assign(Object.create(Object.getPrototypeOf(error)), error, { fields });
}
