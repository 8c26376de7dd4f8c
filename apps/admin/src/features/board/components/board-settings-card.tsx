import { EditOutlined, NotificationOutlined } from '@ant-design/icons';
import type { Community, CommunityWithVersion } from '@gongfu/contract';
import { can } from '@gongfu/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, apiRequest } from '../../../lib/api-client';
import { useActiveMembership } from '../../auth/api/get-me';

interface Values {
  responsibleOrg?: string;
  feedbackChannel?: string;
}

/**
 * On a community's page: what its public board says about who answers for it and where residents write, the board's
 * link, and (for whoever may change the community) a drawer to set both. Empty clears a value.
 */
export function BoardSettingsCard({ community }: { community: Community }) {
  const { t } = useTranslation();
  const membership = useActiveMembership();
  const mayEdit = membership ? can(membership.role, 'community:update') : false;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const save = useMutation<CommunityWithVersion, ApiError, Values>({
    mutationFn: (values) =>
      apiRequest<CommunityWithVersion>(`/communities/${encodeURIComponent(community.id)}`, {
        method: 'PATCH',
        body: {
          // the detail read carries the version an update must send (CommunityWithVersion)
          version: (community as Partial<CommunityWithVersion>).version,
          responsibleOrg: values.responsibleOrg?.trim() || null,
          feedbackChannel: values.feedbackChannel?.trim() || null,
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['communities'] });
      setOpen(false);
    },
    onError: (error) => {
      const fields = Object.entries(error.fields ?? {}).filter(([name]) =>
        ['responsibleOrg', 'feedbackChannel'].includes(name),
      );
      form.setFields(fields.map(([name, message]) => ({ name: name as keyof Values, errors: [message] })));
    },
  });
  const link = `/board/${community.districtId}/${community.id}`;
  const notSet = t('board.notSet');

  return (
    <Card
      title={t('board.settings.title')}
      extra={
        <Space wrap>
          <Button icon={<NotificationOutlined />} href={link} target="_blank" rel="noopener">
            {t('board.open')}
          </Button>
          {mayEdit ? (
            <Button
              icon={<EditOutlined />}
              onClick={() => {
                form.setFieldsValue({
                  responsibleOrg: community.responsibleOrg ?? '',
                  feedbackChannel: community.feedbackChannel ?? '',
                });
                save.reset();
                setOpen(true);
              }}
            >
              {t('board.settings.edit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Descriptions
        column={1}
        items={[
          { key: 'org', label: t('board.responsibleOrg'), children: community.responsibleOrg ?? notSet },
          {
            key: 'feedback',
            label: t('board.settings.feedback'),
            children: community.feedbackChannel ?? notSet,
          },
          {
            key: 'link',
            label: t('board.settings.link'),
            children: (
              <Typography.Text copyable={{ text: `${window.location.origin}${link}` }}>
                {link}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Drawer
        title={t('board.settings.edit')}
        open={open}
        onClose={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>{t('board.settings.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {t('board.settings.save')}
            </Button>
          </Space>
        }
      >
        {save.error && !Object.keys(save.error.fields ?? {}).length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={save.error.status === 409 ? t('board.settings.stale') : save.error.message}
          />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
          <Form.Item
            name="responsibleOrg"
            label={t('board.responsibleOrg')}
            extra={t('board.settings.orgHint')}
            rules={[{ max: 100, message: t('board.settings.tooLong', { max: 100 }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="feedbackChannel"
            label={t('board.settings.feedback')}
            extra={t('board.settings.feedbackHint')}
            rules={[{ max: 200, message: t('board.settings.tooLong', { max: 200 }) }]}
          >
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
