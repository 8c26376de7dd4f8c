import { theme } from 'antd';
import type { ReactNode } from 'react';

/**
 * Ant Design Pro's FooterToolbar on plain antd: a bar fixed to the bottom of the window for a page's main actions
 * (submit a form, approve the selected rows), so they stay in reach however long the page.
 */
export function FooterToolbar({ label, children }: { label: string; children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <section
      aria-label={label}
      style={{
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        zIndex: 20,
        background: token.colorBgContainer,
        borderTop: `1px solid ${token.colorBorderSecondary}`,
        boxShadow: token.boxShadowSecondary,
        padding: `${token.paddingSM}px ${token.paddingLG}px`,
      }}
    >
      {children}
    </section>
  );
}
