import type { Fen } from './money';
import type { DomainError } from './result';

/** The figures of one venture's monthly self-report (amounts in fen, the rest are counts). */
export interface ReportFigures {
  readonly revenueFen: Fen;
  readonly operatingCostFen: Fen;
  readonly stableJobs: number;
  readonly temporaryJobs: number;
  /** Distinct people served. */
  readonly residentsServed: number;
  readonly serviceTransactions: number;
  readonly eldersServed: number;
  readonly childrenServed: number;
  readonly remittanceDueFen: Fen;
  readonly remittanceReceivedFen: Fen;
  readonly serviceRequests: number;
  /** Requests answered within the promised time (the service station's 10 minutes). */
  readonly requestsWithinPromise: number;
}

export const REPORT_FIGURE_FIELDS = [
  'revenueFen',
  'operatingCostFen',
  'stableJobs',
  'temporaryJobs',
  'residentsServed',
  'serviceTransactions',
  'eldersServed',
  'childrenServed',
  'remittanceDueFen',
  'remittanceReceivedFen',
  'serviceRequests',
  'requestsWithinPromise',
] as const satisfies readonly (keyof ReportFigures)[];

/** Parts that cannot exceed their whole. Elders and children are disjoint groups of the people served. */
const SUBSETS = [
  { field: 'requestsWithinPromise', of: ['requestsWithinPromise'], totalField: 'serviceRequests' },
  {
    field: 'eldersServed + childrenServed',
    of: ['eldersServed', 'childrenServed'],
    totalField: 'residentsServed',
  },
] as const;

/**
 * Every problem with a report's figures at once, each naming its field, so a form can mark them all.
 * An empty list means valid. Cost above revenue is allowed (a loss is a fact to report, not an error).
 */
export function validateReportFigures(figures: ReportFigures): DomainError[] {
  const errors: DomainError[] = [];
  for (const field of REPORT_FIGURE_FIELDS) {
    const value = figures[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      errors.push({ code: 'report.field_invalid', params: { field, value: String(value) } });
    }
  }
  if (errors.length > 0) return errors;
  for (const subset of SUBSETS) {
    const value = subset.of.reduce((sum, f) => sum + figures[f], 0);
    const total = figures[subset.totalField];
    if (value > total) {
      errors.push({
        code: 'report.subset_exceeds_total',
        params: { field: subset.field, value, totalField: subset.totalField, total },
      });
    }
  }
  return errors;
}
