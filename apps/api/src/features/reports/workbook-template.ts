import {
  MIN_OUTLIER_HISTORY,
  PLAUSIBILITY_RULE_LABELS,
  REPORT_FIGURE_DEFINITIONS,
  REPORT_FIGURE_FIELDS,
  type ReportFigureField,
  type ReportFigures,
  VENTURE_CATEGORIES,
} from '@gongfu/domain';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../excel';
import type { Lang } from '../../i18n/messages';
import {
  type ColumnKey,
  categorySheetName,
  columnLetter,
  HELP_SHEET,
  headerOf,
  TEMPLATE_COLUMNS,
} from './workbook-columns';

/** One venture owing the month, as the template shows it. */
export interface TemplateRow {
  ventureId: string;
  ventureName: string;
  communityName: string;
  category: string;
  /** the previous month's approved figures, null where that month has none */
  previous: ReportFigures | null;
  /** a draft or returned report's figures, words and status, so the file continues where the form left off */
  current: {
    figures: ReportFigures;
    /** the figures whose 0 was typed (ADR 0042): written as 0, every other 0 left blank */
    typedZeros: readonly ReportFigureField[];
    explanation: string;
    notes: string;
    status: string;
  } | null;
}

export interface TemplateInput {
  lang: Lang;
  month: string;
  dueDate: string;
  scopeName: string;
  created: Date;
  rows: TemplateRow[];
}

const MONEY_FORMAT = '#,##0.00';
const COUNT_FORMAT = '#,##0';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FA' } };
const PREVIOUS_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const MAX_EXPLANATION = 500;
const MAX_NOTES = 4000;

const WORDS = {
  'zh-CN': {
    title: '社区经济项目月报填报模板',
    scope: '填报范围',
    month: '报表月份',
    due: '报送截止',
    generated: '生成时间',
    howTitle: '如何填写',
    how: [
      '每个项目类别一个工作表，每行一个本月应报送的项目（与“月报填报”待办一致；已锁定月份的项目不列出）。',
      '灰色列为上月已审核数据，仅供对照；白色列填写本月数据。金额单位为元，最多两位小数；人数、次数为整数；未发生的填 0 或留空（留空按 0 计）。',
      '整行留空的项目不会导入。请勿修改“系统编号”列，也不要增删列；可以删除不需要导入的行。',
      '只接受数值：含公式的单元格会被拒绝，请“粘贴为数值”。',
      '导入时系统先检查全部数据并列出问题（工作表、行、列），全部无误后才会导入；可选择保存为草稿或直接提交。',
      '某项数据不在常见范围内时，提交前须在“情况说明”中写明原因；该说明适用于本行所有被提示的数据。',
      '同一文件重复导入不会产生重复报表。',
    ],
    figuresTitle: '指标口径',
    figureHeaders: ['指标', '单位', '填写要求', '统计口径'],
    money: '不小于 0，最多两位小数',
    count: '不小于 0 的整数',
    rulesTitle: '需要说明的情况（合理性检查）',
    ruleHeaders: ['检查', '说明'],
    rules: {
      outlier: `与该项目近 12 个月已审核数据相比明显偏高或偏低（至少 ${MIN_OUTLIER_HISTORY} 个月数据时检查）`,
      jobs_change: '与上月已审核数据相比变动超过一半',
      cost_missing: '有营业收入但运营成本为 0',
      remittance_above_due: '实际上缴高于应上缴',
    },
    validationTitle: '输入有误',
    moneyError: '请填写不小于 0 的金额（元），最多两位小数',
    countError: '请填写不小于 0 的整数',
    monthError: '月份须与模板一致',
    textError: (max: number) => `最多 ${max} 字`,
    emptySheet: '月报',
  },
  en: {
    title: 'Monthly report template of community ventures',
    scope: 'Scope',
    month: 'Month',
    due: 'Due by',
    generated: 'Generated',
    howTitle: 'How to fill it in',
    how: [
      'One sheet per venture category, one row per venture owing this month\'s report (as the "Monthly reporting" to-do counts it; ventures of a locked month are left out).',
      "Grey columns are last month's approved figures, for comparison; fill in this month's in the white columns. Amounts in yuan with at most two decimals; people and counts as whole numbers; 0 or blank where nothing happened (blank counts as 0).",
      'A row left blank is not imported. Do not change the "Venture ID" column or add or remove columns; you may delete rows you do not want to import.',
      'Values only: cells with formulas are refused ("paste values").',
      'The import first checks every row and lists each problem (sheet, row, column); it imports only when there is none, as drafts or submitted, as you choose.',
      'Where a figure is outside the usual range, write why in "Explanation" before submitting; it explains every flagged figure of that row.',
      'Importing the same file again creates nothing twice.',
    ],
    figuresTitle: 'Definitions',
    figureHeaders: ['Figure', 'Unit', 'Allowed values', 'Definition'],
    money: '0 or more, at most two decimals',
    count: 'a whole number, 0 or more',
    rulesTitle: 'What needs an explanation (plausibility checks)',
    ruleHeaders: ['Check', 'Meaning'],
    rules: {
      outlier: `Far above or below the venture's approved figures of the last 12 months (checked once there are ${MIN_OUTLIER_HISTORY} months)`,
      jobs_change: "Changed by more than half against last month's approved figure",
      cost_missing: 'Revenue without any operating cost',
      remittance_above_due: 'More remittance received than was due',
    },
    validationTitle: 'Invalid entry',
    moneyError: 'Enter an amount of yuan, 0 or more, with at most two decimals',
    countError: 'Enter a whole number, 0 or more',
    monthError: 'The month must be the template’s',
    textError: (max: number) => `At most ${max} characters`,
    emptySheet: 'Reports',
  },
} as const;

const isMoney = (field: ReportFigureField) => REPORT_FIGURE_DEFINITIONS[field].kind === 'money';
/** Fen as the yuan a cell holds: the nearest double to the exact decimal, shown with two decimals. */
const yuan = (fen: number) => fen / 100;
const figureValue = (field: ReportFigureField, value: number) => (isMoney(field) ? yuan(value) : value);

function widthOf(key: ColumnKey): number {
  if (key === 'ventureId') return 38;
  if (key === 'explanation' || key === 'notes') return 30;
  if (key === 'community' || key === 'venture') return 18;
  if (key === 'month') return 10;
  return 14;
}

function addHelpSheet(workbook: ExcelJS.Workbook, input: TemplateInput) {
  const w = WORDS[input.lang];
  const sheet = workbook.addWorksheet(HELP_SHEET[input.lang]);
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 10;
  sheet.getColumn(3).width = 26;
  sheet.getColumn(4).width = 80;
  const title = sheet.getCell('A1');
  title.value = w.title;
  title.font = { bold: true, size: 14 };
  const info: Array<[string, string]> = [
    [w.scope, input.scopeName],
    [w.month, input.month],
    [w.due, input.dueDate],
    [w.generated, input.created.toISOString().slice(0, 16).replace('T', ' ')],
  ];
  let r = 3;
  for (const [label, value] of info) {
    sheet.getCell(r, 1).value = label;
    sheet.getCell(r, 1).font = { bold: true };
    sheet.getCell(r, 2).value = value;
    r += 1;
  }
  r += 1;
  sheet.getCell(r, 1).value = w.howTitle;
  sheet.getCell(r, 1).font = { bold: true, size: 12 };
  r += 1;
  w.how.forEach((line, i) => {
    const cell = sheet.getCell(r, 1);
    cell.value = `${i + 1}. ${line}`;
    sheet.mergeCells(r, 1, r, 4);
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(r).height = 32;
    r += 1;
  });
  r += 1;
  sheet.getCell(r, 1).value = w.figuresTitle;
  sheet.getCell(r, 1).font = { bold: true, size: 12 };
  r += 1;
  const header = sheet.getRow(r);
  header.values = [...w.figureHeaders];
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  r += 1;
  for (const field of REPORT_FIGURE_FIELDS) {
    const d = REPORT_FIGURE_DEFINITIONS[field];
    const row = sheet.getRow(r);
    row.values = [
      d.label[input.lang],
      d.unit[input.lang],
      isMoney(field) ? w.money : w.count,
      d.definition[input.lang],
    ];
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    r += 1;
  }
  r += 1;
  sheet.getCell(r, 1).value = w.rulesTitle;
  sheet.getCell(r, 1).font = { bold: true, size: 12 };
  r += 1;
  const rulesHeader = sheet.getRow(r);
  rulesHeader.values = [...w.ruleHeaders];
  rulesHeader.font = { bold: true };
  rulesHeader.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  r += 1;
  for (const [rule, labels] of Object.entries(PLAUSIBILITY_RULE_LABELS)) {
    const row = sheet.getRow(r);
    row.getCell(1).value = labels[input.lang];
    row.getCell(2).value = w.rules[rule as keyof typeof w.rules];
    sheet.mergeCells(r, 2, r, 4);
    r += 1;
  }
}

function addDataSheet(workbook: ExcelJS.Workbook, name: string, rows: TemplateRow[], input: TemplateInput) {
  const w = WORDS[input.lang];
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  const header = sheet.getRow(1);
  header.values = TEMPLATE_COLUMNS.map((key) => headerOf(key, input.lang));
  header.font = { bold: true };
  header.height = 36;
  TEMPLATE_COLUMNS.forEach((key, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = widthOf(key);
    const cell = header.getCell(i + 1);
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.fill = key.startsWith('previous:') ? PREVIOUS_FILL : HEADER_FILL;
  });
  const validation = (key: ColumnKey): ExcelJS.DataValidation | null => {
    const common = {
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: w.validationTitle,
    };
    if (key === 'month') {
      return { ...common, type: 'list', formulae: [`"${input.month}"`], error: w.monthError };
    }
    if (key === 'explanation' || key === 'notes') {
      const max = key === 'explanation' ? MAX_EXPLANATION : MAX_NOTES;
      return {
        ...common,
        type: 'textLength',
        operator: 'lessThanOrEqual',
        formulae: [max],
        error: w.textError(max),
      };
    }
    if ((REPORT_FIGURE_FIELDS as readonly string[]).includes(key)) {
      const field = key as ReportFigureField;
      return isMoney(field)
        ? { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error: w.moneyError }
        : { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error: w.countError };
    }
    return null;
  };
  const validations = TEMPLATE_COLUMNS.map(validation);

  rows.forEach((item, index) => {
    const row = sheet.getRow(index + 2);
    TEMPLATE_COLUMNS.forEach((key, i) => {
      const cell = row.getCell(i + 1);
      if (key === 'community') cell.value = item.communityName;
      else if (key === 'venture') cell.value = item.ventureName;
      else if (key === 'month') cell.value = input.month;
      else if (key === 'ventureId') cell.value = item.ventureId;
      else if (key === 'explanation') cell.value = item.current?.explanation || null;
      else if (key === 'notes') cell.value = item.current?.notes || null;
      else if (key.startsWith('previous:')) {
        const field = key.slice('previous:'.length) as ReportFigureField;
        cell.value = item.previous ? figureValue(field, item.previous[field]) : null;
        cell.fill = PREVIOUS_FILL;
        cell.font = { color: { argb: 'FF595959' } };
        cell.numFmt = isMoney(field) ? MONEY_FORMAT : COUNT_FORMAT;
      } else {
        const field = key as ReportFigureField;
        // a draft's zero shows blank unless it was typed, as in the form: a new month starts empty, not full of
        // typed-looking zeros, and a typed 0 comes back typed when the file is imported
        const value = item.current?.figures[field];
        cell.value = value ? figureValue(field, value) : item.current?.typedZeros.includes(field) ? 0 : null;
        cell.numFmt = isMoney(field) ? MONEY_FORMAT : COUNT_FORMAT;
      }
      const v = validations[i];
      if (v) cell.dataValidation = v;
    });
  });
  const lastColumn = columnLetter(TEMPLATE_COLUMNS.length);
  sheet.autoFilter = `A1:${lastColumn}${Math.max(1, rows.length + 1)}`;
}

/** The template as .xlsx bytes: the help sheet first, then one sheet per category in the domain's order. */
export async function buildTemplate(input: TemplateInput): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = '共富 Gongfu';
  workbook.created = input.created;
  addHelpSheet(workbook, input);
  const byCategory = new Map<string, TemplateRow[]>();
  for (const row of input.rows) byCategory.set(row.category, [...(byCategory.get(row.category) ?? []), row]);
  const categories = [...byCategory.keys()].sort(
    (a, b) =>
      (VENTURE_CATEGORIES as readonly string[]).indexOf(a) -
      (VENTURE_CATEGORIES as readonly string[]).indexOf(b),
  );
  if (categories.length === 0) addDataSheet(workbook, WORDS[input.lang].emptySheet, [], input);
  for (const category of categories) {
    addDataSheet(workbook, categorySheetName(category, input.lang), byCategory.get(category) ?? [], input);
  }
  // opens on the first sheet to fill in; the help sheet is one tab to the left
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: 'visible' },
  ];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
