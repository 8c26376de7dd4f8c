import type { ReportFigureField } from '@gongfu/contract';
import { REPORT_FIGURE_DEFINITIONS } from '@gongfu/domain';
import { localeOf } from '../../lib/i18n';
import type { TranslationKey } from '../../lib/translation-key';

/** How a figure is typed and shown: money in 元 (stored in fen) or a whole count. */
export type FigureKind = 'money' | 'count';

export interface FigureSection {
  id: 'operations' | 'jobs' | 'service' | 'promise' | 'remittance';
  title: TranslationKey;
  fields: readonly ReportFigureField[];
}

/** The report's figures in the order a clerk fills them, grouped as the form's sections. */
export const FIGURE_SECTIONS: readonly FigureSection[] = [
  { id: 'operations', title: 'reports.section.operations', fields: ['revenueFen', 'operatingCostFen'] },
  { id: 'jobs', title: 'reports.section.jobs', fields: ['stableJobs', 'temporaryJobs'] },
  {
    id: 'service',
    title: 'reports.section.service',
    fields: ['residentsServed', 'serviceTransactions', 'eldersServed', 'childrenServed'],
  },
  { id: 'promise', title: 'reports.section.promise', fields: ['serviceRequests', 'requestsWithinPromise'] },
  {
    id: 'remittance',
    title: 'reports.section.remittance',
    fields: ['remittanceDueFen', 'remittanceReceivedFen'],
  },
];

export const figureKind = (field: ReportFigureField): FigureKind =>
  field.endsWith('Fen') ? 'money' : 'count';

export const figureLabel = (field: ReportFigureField): TranslationKey => `reports.figure.${field}`;

/** A figure's unit in the UI language (元, 个, 人, 人次, 次): the domain's, as the Excel template labels its columns. */
export const figureUnit = (field: ReportFigureField, language: string): string =>
  REPORT_FIGURE_DEFINITIONS[field].unit[localeOf(language)];
