import {
  REPORT_FIGURE_DEFINITIONS,
  REPORT_FIGURE_FIELDS,
  type ReportFigureField,
  VENTURE_CATEGORY_LABELS,
  type VentureCategory,
} from '@gongfu/domain';
import type { Lang } from '../../i18n/messages';

/**
 * The columns of the monthly report template, and how a column of an uploaded file is recognised: by its header, in
 * either language (a template downloaded in Chinese imports for a user browsing in English, and a CSV written by a
 * company system may use either). The previous month's columns are for reading only; the import ignores them.
 */
export type ColumnKey =
  | 'community'
  | 'venture'
  | 'month'
  | ReportFigureField
  | `previous:${ReportFigureField}`
  | 'explanation'
  | 'notes'
  | 'ventureId';

const LANGS: readonly Lang[] = ['zh-CN', 'en'];

const FIXED: Record<
  'community' | 'venture' | 'month' | 'explanation' | 'notes' | 'ventureId',
  Record<Lang, string>
> = {
  community: { 'zh-CN': '社区', en: 'Community' },
  venture: { 'zh-CN': '项目名称', en: 'Venture' },
  month: { 'zh-CN': '月份', en: 'Month' },
  explanation: { 'zh-CN': '情况说明', en: 'Explanation' },
  notes: { 'zh-CN': '备注', en: 'Notes' },
  ventureId: { 'zh-CN': '系统编号（请勿修改）', en: 'Venture ID (do not change)' },
};

export function figureHeader(field: ReportFigureField, lang: Lang): string {
  const d = REPORT_FIGURE_DEFINITIONS[field];
  return lang === 'en' ? `${d.label.en} (${d.unit.en})` : `${d.label['zh-CN']}（${d.unit['zh-CN']}）`;
}

function previousHeader(field: ReportFigureField, lang: Lang): string {
  return lang === 'en' ? `Last month: ${figureHeader(field, lang)}` : `上月${figureHeader(field, lang)}`;
}

/** The template's columns in order: who and when, then each figure beside last month's, then the words and the id. */
export const TEMPLATE_COLUMNS: readonly ColumnKey[] = [
  'community',
  'venture',
  'month',
  ...REPORT_FIGURE_FIELDS.flatMap((field) => [`previous:${field}` as const, field]),
  'explanation',
  'notes',
  'ventureId',
];

export function headerOf(key: ColumnKey, lang: Lang): string {
  if (key.startsWith('previous:'))
    return previousHeader(key.slice('previous:'.length) as ReportFigureField, lang);
  if (key in FIXED) return FIXED[key as keyof typeof FIXED][lang];
  return figureHeader(key as ReportFigureField, lang);
}

/** Headers compare without spaces, brackets' width or case: "营业收入(元)" and "营业收入（元）" are one column. */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').toLowerCase();
}

const BY_HEADER = new Map<string, ColumnKey>(
  TEMPLATE_COLUMNS.flatMap((key) =>
    LANGS.map((lang) => [normaliseHeader(headerOf(key, lang)), key] as const),
  ),
);
// a figure's bare name is enough (a company system's CSV need not carry the unit)
for (const field of REPORT_FIGURE_FIELDS) {
  for (const lang of LANGS)
    BY_HEADER.set(normaliseHeader(REPORT_FIGURE_DEFINITIONS[field].label[lang]), field);
}
BY_HEADER.set(normaliseHeader('系统编号'), 'ventureId');
BY_HEADER.set(normaliseHeader('Venture ID'), 'ventureId');

export function columnOfHeader(text: string): ColumnKey | undefined {
  return BY_HEADER.get(normaliseHeader(text));
}

/** The columns an uploaded sheet must have (community and venture names are for people; the id decides). */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['month', ...REPORT_FIGURE_FIELDS, 'ventureId'];

/** One sheet per venture category, named as the category (Excel: at most 31 characters, none of []:*?/\). */
export function categorySheetName(category: string, lang: Lang): string {
  const labels = VENTURE_CATEGORY_LABELS as Record<string, Record<Lang, string>>;
  const label = labels[category]?.[lang] ?? VENTURE_CATEGORY_LABELS.other[lang];
  return label.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

export const HELP_SHEET: Record<Lang, string> = { 'zh-CN': '填报说明', en: 'Help' };

export const isCategory = (value: string): value is VentureCategory => value in VENTURE_CATEGORY_LABELS;

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
