import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ShownPassword {
  /** an account added to a district, a password reset, or a new district's first admin */
  kind: 'created' | 'reset' | 'district';
  name: string;
  email: string;
  password: string;
}

/**
 * The initial password, shown this once: in a modal that closes only by its button (not by a stray click
 * outside), with a copy button and the warning that it cannot be seen again.
 */
export function PasswordModal({ shown, onClose }: { shown: ShownPassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  const copy = async (password: string) => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
      void message.success(t('users.password.copied'));
    } catch {
      void message.warning(t('users.password.copyFailed'));
    }
  };
  // unmounted as soon as it closes (no closing animation keeping the secret in the page)
  if (!shown) return null;
  return (
    <Modal
      open
      title={t(
        shown.kind === 'reset'
          ? 'users.password.resetTitle'
          : shown.kind === 'district'
            ? 'users.password.districtTitle'
            : 'users.password.createdTitle',
      )}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={close}>
          {t('users.password.done')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('users.password.createdFor', { name: shown.name, email: shown.email })}
        </Typography.Text>
        <Flex gap={8} align="center" wrap>
          <Typography.Text
            code
            data-testid="initial-password"
            style={{ fontSize: 20, letterSpacing: 1, userSelect: 'all' }}
          >
            {shown.password}
          </Typography.Text>
          <Button icon={<CopyOutlined />} onClick={() => void copy(shown.password)}>
            {copied ? t('users.password.copied') : t('users.password.copy')}
          </Button>
        </Flex>
        <Typography.Text>
          {t(shown.kind === 'reset' ? 'users.password.mustChangeReset' : 'users.password.mustChangeCreated')}
        </Typography.Text>
        <Alert type="warning" showIcon title={t('users.password.warning')} />
      </Flex>
    </Modal>
  );
}
