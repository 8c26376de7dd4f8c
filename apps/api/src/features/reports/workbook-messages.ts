import type { Lang } from '../../i18n/messages';

/** Excel in: the refusals of a file and the problems of its rows, in both languages. */
export const WORKBOOK_MESSAGES = {
  // ----- the file as a whole
  workbook_too_large: {
    'zh-CN': '文件超过 {limit} MB 上限，请拆分后分批导入',
    en: 'The file is larger than {limit} MB; split it and import the parts',
  },
  workbook_unsupported_type: {
    'zh-CN': '只接受 Excel 工作簿（.xlsx）或 UTF-8 编码的 CSV 文件',
    en: 'Only Excel workbooks (.xlsx) and UTF-8 CSV files are accepted',
  },
  workbook_not_xlsx: {
    'zh-CN': '文件不是有效的 .xlsx 工作簿（如为旧版 .xls，请在 Excel 中另存为 .xlsx）',
    en: 'The file is not a valid .xlsx workbook (an old .xls must be saved as .xlsx in Excel first)',
  },
  workbook_unsafe: {
    'zh-CN': '文件解压后过大或结构异常（疑似压缩炸弹），已拒绝读取',
    en: 'The file unpacks to too much data or is malformed (a possible zip bomb); it was not read',
  },
  workbook_external_link: {
    'zh-CN': '工作簿链接了其他工作簿，请删除外部链接或粘贴为数值后再导入',
    en: 'The workbook links to other workbooks; remove the links or paste values before importing',
  },
  workbook_unreadable: {
    'zh-CN': '无法读取该工作簿，请用模板重新填写',
    en: 'The workbook cannot be read; fill in the template again',
  },
  workbook_too_many_rows: {
    'zh-CN': '文件超过 {limit} 行，请拆分后分批导入',
    en: 'The file has more than {limit} rows; split it and import the parts',
  },
  workbook_csv_not_utf8: {
    'zh-CN': 'CSV 文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”',
    en: 'The CSV file is not UTF-8; save it as "CSV UTF-8 (comma delimited)" in Excel',
  },
  workbook_csv_is_binary: {
    'zh-CN': '文件声明为 CSV，但内容不是文本',
    en: 'The file claims to be CSV but is not text',
  },
  import_has_problems: {
    'zh-CN': '文件中有 {count} 个问题，未导入任何数据',
    en: 'Problems in the file: {count}; nothing was imported',
  },
  // ----- problems, by sheet, row and column
  import_no_rows: {
    'zh-CN': '没有填写任何报表数据',
    en: 'No report figures were filled in',
  },
  import_missing_column: {
    'zh-CN': '缺少“{column}”列，请使用模板的列',
    en: 'The column "{column}" is missing; use the template\'s columns',
  },
  import_formula: {
    'zh-CN': '单元格含公式（{formula}），只接受数值：请复制后“粘贴为数值”',
    en: 'The cell holds a formula ({formula}); only values are accepted: copy and "paste values"',
  },
  import_formula_other_sheet: {
    'zh-CN': '公式引用了其他工作表或工作簿（{formula}），请粘贴为数值',
    en: 'The formula reaches another sheet or workbook ({formula}); paste values instead',
  },
  import_bad_money: {
    'zh-CN': '“{value}”不是有效金额：请填写不小于 0 的数字，单位为元，最多两位小数',
    en: '"{value}" is not an amount: enter a number of yuan, 0 or more, with at most two decimals',
  },
  import_bad_count: {
    'zh-CN': '“{value}”不是有效数量：请填写不小于 0 的整数',
    en: '"{value}" is not a count: enter a whole number, 0 or more',
  },
  import_requests_exceed_total: {
    'zh-CN': '承诺时限内响应数不能多于服务请求数（{total}）',
    en: 'Answered within the promise cannot exceed the service requests ({total})',
  },
  import_groups_exceed_served: {
    'zh-CN': '服务老年人与服务儿童之和不能多于服务居民人数（{total}）',
    en: 'Elders and children served together cannot exceed the residents served ({total})',
  },
  import_missing_venture: {
    'zh-CN': '缺少系统编号，请勿删除或修改该列',
    en: 'The venture ID is missing; do not delete or change that column',
  },
  import_unknown_venture: {
    'zh-CN': '系统编号“{value}”对应的项目不存在，或不在您的权限范围内',
    en: 'No venture "{value}", or it is outside your scope',
  },
  import_not_owed: {
    'zh-CN': '“{venture}”{month} 无需填报月报（未运营或尚未开始报送）',
    en: '"{venture}" owes no report for {month} (not operating, or reporting starts later)',
  },
  import_duplicate_row: {
    'zh-CN': '与第 {row} 行是同一项目同一月份',
    en: 'Same venture and month as row {row}',
  },
  import_bad_month: {
    'zh-CN': '“{value}”不是有效月份，格式为 2026-10',
    en: '"{value}" is not a month; write it as 2026-10',
  },
  import_month_in_future: {
    'zh-CN': '{month} 尚未到来，不能填报',
    en: '{month} has not come yet',
  },
  import_month_too_early: {
    'zh-CN': '月份不能早于 2000 年',
    en: 'The month cannot be before 2000',
  },
  import_month_locked: {
    'zh-CN': '{month} 已锁定，不能再导入该月报表',
    en: '{month} is locked; its reports cannot be imported any more',
  },
  import_report_submitted: {
    'zh-CN': '“{venture}”{month} 的报表已提交，等待审核，不能覆盖',
    en: 'The report of "{venture}" for {month} is already submitted and awaits review; it cannot be overwritten',
  },
  import_report_approved: {
    'zh-CN': '“{venture}”{month} 的报表已审核通过，不能覆盖；如需修改请在系统中提交更正',
    en: 'The report of "{venture}" for {month} is already approved; open an amendment to correct it',
  },
  import_explanation_missing: {
    'zh-CN': '{flag}，提交前须在“情况说明”中说明原因（可先保存为草稿）',
    en: '{flag}; explain it in "Explanation" before submitting (or save as drafts)',
  },
  import_text_too_long: {
    'zh-CN': '内容过长，最多 {max} 字',
    en: 'Too long: at most {max} characters',
  },
  import_text_nul: {
    'zh-CN': '内容含有不可见的空字符，请删除',
    en: 'The text holds a NUL character; remove it',
  },
} as const satisfies Record<string, Record<Lang, string>>;
