/** The password change and security events (ADR 0025). */
export const AUTH_MESSAGES = {
  password_change_required: {
    'zh-CN': '请先修改初始密码',
    en: 'Change your initial password first',
  },
  // the field is the current password or, after an admin set it, the given one: the message fits both
  current_password_wrong: { 'zh-CN': '密码不正确', en: 'This password is wrong' },
  password_too_weak: {
    'zh-CN': '新密码至少 10 位，且须同时包含字母和数字',
    en: 'The new password needs at least 10 characters, with letters and digits',
  },
  password_unchanged: {
    'zh-CN': '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
} as const;
