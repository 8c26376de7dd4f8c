/** The demo district's accounts (see the README); all share one password. Shown on the login page. */
export const DEMO_PASSWORD = 'gongfu-demo-2026';

/** `who` names the account's description under `auth.demo.*` in the translations. */
export const DEMO_ACCOUNTS = [
  { email: 'platform@gongfu.demo', who: 'platform' },
  { email: 'admin@dongqu.demo', who: 'districtAdmin' },
  { email: 'viewer@dongqu.demo', who: 'districtViewer' },
  { email: 'wangjiangjie@dongqu.demo', who: 'wangjiangjie' },
  { email: 'jinhui@dongqu.demo', who: 'jinhui' },
  { email: 'dukou@dongqu.demo', who: 'dukou' },
  { email: 'reporter@jinhui.demo', who: 'reporter' },
  { email: 'soe@dongqu.demo', who: 'soe' },
] as const;

export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];
