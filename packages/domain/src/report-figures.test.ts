import { describe, expect, it } from 'vitest';
import { type ReportFigures, validateReportFigures } from './report-figures';

// Jinhui's tidal market in a typical month: 6 stable jobs and about ¥20,000 to the community.
const tidalMarket: ReportFigures = {
  revenueFen: 9_800_000,
  operatingCostFen: 7_600_000,
  stableJobs: 6,
  temporaryJobs: 3,
  residentsServed: 4200,
  serviceTransactions: 15_000,
  eldersServed: 900,
  childrenServed: 300,
  remittanceDueFen: 2_000_000,
  remittanceReceivedFen: 2_000_000,
  serviceRequests: 0,
  requestsWithinPromise: 0,
};

describe('validateReportFigures', () => {
  it('accepts a plausible month, including a loss', () => {
    expect(validateReportFigures(tidalMarket)).toEqual([]);
    expect(validateReportFigures({ ...tidalMarket, operatingCostFen: 20_000_000 })).toEqual([]);
  });

  it('names every invalid field at once', () => {
    const errors = validateReportFigures({
      ...tidalMarket,
      revenueFen: -1,
      stableJobs: 1.5,
      eldersServed: Number.NaN,
    });
    expect(errors.map((e) => e.params.field)).toEqual(['revenueFen', 'stableJobs', 'eldersServed']);
    expect(errors.every((e) => e.code === 'report.field_invalid')).toBe(true);
  });

  it('refuses parts larger than their whole', () => {
    expect(validateReportFigures({ ...tidalMarket, serviceRequests: 10, requestsWithinPromise: 11 })).toEqual(
      [
        {
          code: 'report.subset_exceeds_total',
          params: { field: 'requestsWithinPromise', value: 11, totalField: 'serviceRequests', total: 10 },
        },
      ],
    );
    expect(validateReportFigures({ ...tidalMarket, eldersServed: 4000, childrenServed: 201 })).toMatchObject([
      {
        code: 'report.subset_exceeds_total',
        params: { field: 'eldersServed + childrenServed', value: 4201 },
      },
    ]);
  });
});
