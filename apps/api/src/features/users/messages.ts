import type { Lang } from '../../i18n/messages';

/** The words of user administration (用户与权限), in both languages. Field messages carry no placeholders. */
export const USER_ADMIN_MESSAGES = {
  // refusals
  cannot_disable_self: {
    'zh-CN': '不能停用自己的账号',
    en: 'You cannot disable your own account',
  },
  cannot_reset_self: {
    'zh-CN': '不能重置自己的密码（请用修改密码）',
    en: 'You cannot reset your own password (change it instead)',
  },
  last_district_admin: {
    'zh-CN': '这是本区最后一位在用的区级管理员，不能停用或取消其管理员身份；请先任命另一位管理员',
    en: 'This is the district’s last active admin: they cannot be disabled or lose the admin role. Appoint another admin first',
  },
  // field messages
  login_taken: {
    'zh-CN': '该登录邮箱已被使用',
    en: 'This login email is already in use',
  },
  duplicate_membership: {
    'zh-CN': '该用户已有这个角色（同一社区或合作方）',
    en: 'The user already has this role (for the same community or partner)',
  },
  membership_community_required: {
    'zh-CN': '社区角色须选择社区',
    en: 'A community role needs a community',
  },
  membership_community_not_allowed: {
    'zh-CN': '只有社区角色才选择社区',
    en: 'Only a community role names a community',
  },
  membership_partner_required: {
    'zh-CN': '合作运营方角色须选择合作方',
    en: 'A partner operator role needs a partner',
  },
  membership_partner_not_allowed: {
    'zh-CN': '只有合作运营方角色才选择合作方',
    en: 'Only a partner operator role names a partner',
  },
} as const satisfies Record<string, Record<Lang, string>>;
