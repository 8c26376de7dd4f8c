import type { Lang } from '../../i18n/messages';

/** Error and field messages of this feature, in both languages. */
export const OVERSIGHT_MESSAGES = {
  warning_already_resolved: {
    'zh-CN': '该预警已处理，不能再次处理',
    en: 'This warning is already resolved',
  },
  unknown_owner: {
    'zh-CN': '该用户不是本区的用户',
    en: 'No such user in this district',
  },
  invalid_cursor: {
    'zh-CN': '分页游标无效，请从第一页重新开始',
    en: 'Invalid cursor; start again from the first page',
  },
  invalid_time_range: {
    'zh-CN': '结束时间应晚于开始时间',
    en: 'Must be after `from`',
  },
  invalid_date: { 'zh-CN': '日期无效', en: 'Not a valid date' },
  warning_refresh_note: {
    'zh-CN': '已存在的未处理预警不会重复生成；条件已不成立的预警不会自动关闭，需由责任人填写处理说明后关闭。',
    en: 'Open warnings are never duplicated. Warnings whose condition no longer holds are not closed automatically: a person resolves them with a resolution text.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
