import type { FeatureMessages } from './features.zh-cn';

export const apiTokensEn: FeatureMessages['apiTokens'] = {
  nav: 'API tokens',
  title: 'API tokens',
  subtitle:
    'For company systems that create and submit monthly reports; a token has its creator’s rights, within its scopes',
  total: '{{count}} tokens',
  total_one: '{{count}} token',
  empty: 'No API tokens yet',
  never: 'Never',
  revokedAt: 'Revoked {{at}}',
  allVentures: 'All ventures',
  via: 'via API token “{{name}}”',
  field: {
    name: 'Name',
    scopes: 'Scopes',
    status: 'Status',
    expiresAt: 'Expires',
    lastUsedAt: 'Last used',
    createdBy: 'Created by',
    expiresIn: 'Valid for',
    venture: 'Venture',
  },
  scope: {
    reportWrite: 'Create and submit reports',
    reportRead: 'Read reports',
    registerRead: 'Read the register',
  },
  status: { active: 'Active', expired: 'Expired', revoked: 'Revoked' },
  days: '{{count}} days',
  days_one: '{{count}} day',
  actions: { column: 'Actions', create: 'New token', revoke: 'Revoke' },
  create: {
    title: 'New API token',
    intro:
      'The token acts with your current role: it never sees or changes more than you; approving, payouts, users and tokens are never available to it.',
    submit: 'Create token',
    cancel: 'Cancel',
    namePlaceholder: 'e.g. Jinhui accounting system',
    required: 'Required',
    scopesRequired: 'Choose at least one scope',
    ventureHelp:
      'For a system of one venture: the token then sees and reports for that venture only; leave empty for every venture you reach.',
  },
  shown: {
    title: 'Token created',
    body: 'Store the token “{{name}}” in the company system and send it as Authorization: Bearer.',
    copy: 'Copy token',
    copied: 'Copied',
    copyFailed: 'Could not copy; select it and copy by hand',
    warning:
      'The token is shown this once and cannot be seen again; if it is lost, revoke it and create another.',
    done: 'I have stored it, close',
  },
  confirm: {
    revokeTitle: 'Revoke the token “{{name}}”?',
    revokeBody: 'Systems using it lose access at once; this cannot be undone.',
    revokeOk: 'Revoke',
    cancel: 'Cancel',
  },
  done: { created: 'Token created', revoked: 'Revoked the token “{{name}}”' },
};
