import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { UserInvite } from '@gongfu/contract';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormDrawer } from '../../funds/components/form-drawer';
import { useInviteUser } from '../api/users';
import { checkNested, placeServerErrors } from './form-errors';
import { MembershipFields, membershipBody } from './membership-fields';
import type { ShownPassword } from './password-modal';

interface Values {
  displayName: string;
  email: string;
  memberships: { role?: string; communityId?: string; partnerId?: string }[];
}

/**
 * 新建账号: name, login and one or more roles; checked with the contract's schema, then by the API. (The contract
 * calls it UserInvite, but nothing is sent to the person: the admin hands over the initial password shown once.)
 */
export function InviteDrawer({
  open,
  onClose,
  onInvited,
}: {
  open: boolean;
  onClose: () => void;
  onInvited: (shown: ShownPassword) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const invite = useInviteUser();
  const [unplaced, setUnplaced] = useState<{ path: string; text: string }[]>([]);
  const close = () => {
    invite.reset();
    setUnplaced([]);
    onClose();
  };
  const submit = (values: Values) => {
    const body = {
      displayName: values.displayName?.trim() ?? '',
      email: values.email?.trim() ?? '',
      memberships: (values.memberships ?? []).map(membershipBody),
    };
    if (!checkNested(UserInvite, body, form, t)) return;
    invite.mutate(body as UserInvite, {
      onSuccess: (result) => {
        onInvited({
          kind: 'created',
          name: result.user.displayName,
          email: result.user.email,
          password: result.initialPassword,
        });
        form.resetFields();
        close();
      },
      onError: (error) => setUnplaced(placeServerErrors(error, form)),
    });
  };
  return (
    <FormDrawer
      title={t('users.invite.title')}
      open={open}
      onClose={close}
      onSubmit={() => form.submit()}
      submitText={t('users.invite.submit')}
      pending={invite.isPending}
      error={invite.error}
      unplaced={unplaced}
    >
      <Alert
        type="info"
        showIcon
        title={t('users.invite.intro')}
        description={t('users.invite.firstLogin')}
        style={{ marginBottom: 16 }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={invite.isPending}
        initialValues={{ memberships: [{}] }}
      >
        <Form.Item
          name="displayName"
          label={t('users.field.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.form.required') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.field.email')}
          rules={[
            { required: true, message: t('users.form.required') },
            { type: 'email', message: t('users.form.emailInvalid') },
          ]}
        >
          <Input maxLength={254} inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.List name="memberships">
          {(items, { add, remove }) => (
            <>
              {items.map((item, index) => (
                <Card
                  key={item.key}
                  size="small"
                  title={t('users.invite.roleN', { n: index + 1 })}
                  style={{ marginBottom: 12 }}
                  extra={
                    items.length > 1 ? (
                      <Button
                        type="text"
                        size="small"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('users.invite.removeRole')}
                        onClick={() => remove(item.name)}
                      />
                    ) : null
                  }
                >
                  <MembershipFields name={[item.name]} path={['memberships', item.name]} />
                </Card>
              ))}
              {items.length < 10 ? (
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('users.invite.addRole')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
