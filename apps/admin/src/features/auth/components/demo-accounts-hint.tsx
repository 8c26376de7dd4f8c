import { Button, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo-accounts';

/** A folded list of the demo accounts (a native disclosure: keyboard and screen readers know it); picking one fills the login form. */
export function DemoAccountsHint({ onPick }: { onPick: (email: string, password: string) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <details>
      <summary
        style={{ cursor: 'pointer', color: token.colorTextSecondary, padding: `${token.paddingXXS}px 0` }}
      >
        {t('auth.demoTitle', { password: DEMO_PASSWORD })}
      </summary>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 2, marginTop: token.marginXXS }}>
        <span style={{ color: token.colorTextSecondary, fontSize: token.fontSizeSM }}>
          {t('auth.demoHint')}
        </span>
        {DEMO_ACCOUNTS.map(({ email, who }) => (
          <Button
            key={email}
            type="text"
            size="small"
            onClick={() => onPick(email, DEMO_PASSWORD)}
            style={{ justifyContent: 'space-between', display: 'flex', width: '100%', gap: token.marginXS }}
          >
            <code style={{ fontSize: token.fontSizeSM, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {email}
            </code>
            <span style={{ color: token.colorTextSecondary, fontSize: token.fontSizeSM }}>
              {t(`auth.demo.${who}`)}
            </span>
          </Button>
        ))}
      </div>
    </details>
  );
}
