import type { Lang } from '../../i18n/messages';

/** Error and field messages of the exports, in both languages. */
export const EXPORT_MESSAGES = {
  export_too_large: {
    'zh-CN': '符合条件的记录超过 {max} 行，无法一次导出，请缩小筛选范围',
    en: 'More than {max} rows match: narrow the filters to export them',
  },
  export_parameter_required: { 'zh-CN': '必填', en: 'Required' },
} as const satisfies Record<string, Record<Lang, string>>;
