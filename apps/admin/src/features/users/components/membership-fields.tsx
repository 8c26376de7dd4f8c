import type { Role } from '@gongfu/domain';
import { DISTRICT_GRANTABLE_ROLES, ROLE_SCOPE } from '@gongfu/domain';
import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useTranslation } from 'react-i18next';
import { communitiesQueryOptions } from '../../communities/api/get-communities';
import { usePartners } from '../../register/api/register';

/**
 * A role and where it applies: the community for a community role, the partner for an operator, neither for
 * a district role — the field appears with the role that needs it. `name` is the membership's name for its
 * Form.Items (relative inside a Form.List), `path` its absolute place in the form's values.
 */
export function MembershipFields({ name, path }: { name: NamePath; path: (string | number)[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const base = Array.isArray(name) ? name : [name];
  const role = Form.useWatch([...path, 'role'], form) as Role | undefined;
  const kind = role ? ROLE_SCOPE[role] : undefined;
  const communities = useQuery({ ...communitiesQueryOptions(), enabled: kind === 'community' });
  const partners = usePartners({}, kind === 'partner');
  return (
    <>
      <Form.Item
        name={[...base, 'role']}
        label={t('users.field.role')}
        rules={[{ required: true, message: t('users.form.required') }]}
      >
        <Select
          options={DISTRICT_GRANTABLE_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={() =>
            form.setFieldValue(base, {
              ...form.getFieldValue(base),
              communityId: undefined,
              partnerId: undefined,
            })
          }
        />
      </Form.Item>
      {kind === 'community' ? (
        <Form.Item
          name={[...base, 'communityId']}
          label={t('users.field.community')}
          extra={t('users.membership.communityHint')}
          rules={[{ required: true, message: t('users.form.communityRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={communities.isLoading}
            options={(communities.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
      ) : null}
      {kind === 'partner' ? (
        <Form.Item
          name={[...base, 'partnerId']}
          label={t('users.field.partner')}
          extra={t('users.membership.partnerHint')}
          rules={[{ required: true, message: t('users.form.partnerRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={partners.isLoading}
            options={(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      ) : null}
    </>
  );
}

/** A membership as the form holds it, as the API takes it. */
export function membershipBody(
  value: { role?: string; communityId?: string; partnerId?: string } | undefined,
) {
  return {
    role: value?.role,
    ...(value?.communityId ? { communityId: value.communityId } : {}),
    ...(value?.partnerId ? { partnerId: value.partnerId } : {}),
  };
}
