import { Button, Collapse, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo-accounts';

/** A folded list of the demo accounts; picking one fills the login form. */
export function DemoAccountsHint({ onPick }: { onPick: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  return (
    <Collapse
      size="small"
      ghost
      items={[
        {
          key: 'demo',
          label: t('auth.demoTitle', { password: DEMO_PASSWORD }),
          children: (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('auth.demoHint')}
              </Typography.Text>
              {DEMO_ACCOUNTS.map(({ email, who }) => (
                <Button
                  key={email}
                  type="text"
                  size="small"
                  onClick={() => onPick(email, DEMO_PASSWORD)}
                  style={{ justifyContent: 'space-between', display: 'flex', width: '100%' }}
                >
                  <Typography.Text code>{email}</Typography.Text>
                  <Typography.Text type="secondary">{t(`auth.demo.${who}`)}</Typography.Text>
                </Button>
              ))}
            </Flex>
          ),
        },
      ]}
    />
  );
}
