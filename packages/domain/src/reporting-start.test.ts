import { describe, expect, it } from 'vitest';
import { firstExpectedMonth, isReportExpected, reportingStartOf } from './reporting-start';

describe('reporting starts when the venture starts reporting on the platform', () => {
  it('a venture’s own reporting start wins over its district’s', () => {
    expect(reportingStartOf({ ventureReportingStart: '2025-03', districtReportingStart: '2024-11' })).toBe(
      '2025-03',
    );
    expect(reportingStartOf({ ventureReportingStart: null, districtReportingStart: '2024-11' })).toBe(
      '2024-11',
    );
    expect(reportingStartOf({ ventureReportingStart: null, districtReportingStart: null })).toBeNull();
  });

  it('expects reports from the later of the venture’s start and the reporting start', () => {
    const district = { ventureReportingStart: null, districtReportingStart: '2024-11' } as const;
    // started long before the platform: owes from the platform's start
    expect(firstExpectedMonth({ ...district, startMonth: '2021-03' })).toBe('2024-11');
    // started after it: owes from its own start
    expect(firstExpectedMonth({ ...district, startMonth: '2025-06' })).toBe('2025-06');
    expect(firstExpectedMonth({ ...district, startMonth: null })).toBe('2024-11');
    expect(
      firstExpectedMonth({
        startMonth: '2023-01',
        ventureReportingStart: null,
        districtReportingStart: null,
      }),
    ).toBe('2023-01');
    expect(
      firstExpectedMonth({ startMonth: null, ventureReportingStart: null, districtReportingStart: null }),
    ).toBeNull();
  });

  it('owes no report before it, nor while the venture is not operating', () => {
    const v = {
      startMonth: '2021-03',
      ventureReportingStart: null,
      districtReportingStart: '2024-11',
    } as const;
    expect(isReportExpected({ ...v, month: '2024-10', operating: true })).toBe(false);
    expect(isReportExpected({ ...v, month: '2024-11', operating: true })).toBe(true);
    expect(isReportExpected({ ...v, month: '2024-11', operating: false })).toBe(false);
    expect(
      isReportExpected({
        month: '1999-01',
        operating: true,
        startMonth: null,
        ventureReportingStart: null,
        districtReportingStart: null,
      }),
    ).toBe(true);
  });
});
