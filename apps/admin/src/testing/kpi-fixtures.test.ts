import { FundFlow, KpiMix, KpiOverview, KpiRanking, KpiSeries, ReportingMatrix } from '@gongfu/contract';
import { describe, expect, it } from 'vitest';
import {
  emptyFundFlow,
  emptyRatioSeries,
  fundFlow,
  kpiMix,
  kpiOverview,
  kpiRanking,
  kpiSeries,
  reportingMatrix,
} from './kpi-fixtures';
import { conforms } from './kpi-server';

describe('KPI fixtures follow the contract', () => {
  it.each([
    ['overview (month)', KpiOverview, kpiOverview()],
    [
      'overview (quarter, partly unavailable)',
      KpiOverview,
      kpiOverview('quarter', '2026-09', { scale: 3, unavailable: { fund_balance: '不可用' } }),
    ],
    ['series (district)', KpiSeries, kpiSeries()],
    ['series (street offices)', KpiSeries, kpiSeries('net_profit', 'street_office')],
    ['series (0 ÷ 0)', KpiSeries, emptyRatioSeries()],
    ['ranking', KpiRanking, kpiRanking()],
    ['reporting matrix', ReportingMatrix, reportingMatrix()],
    ['fund flow', FundFlow, fundFlow()],
    ['empty fund flow', FundFlow, emptyFundFlow()],
    ['mix', KpiMix, kpiMix('year', '2026-10')],
  ] as Array<[string, Parameters<typeof conforms>[0], unknown]>)('%s', (_name, schema, fixture) => {
    expect(() => conforms(schema, fixture)).not.toThrow();
  });

  it('refuses a fixture with a field the contract does not declare, or without one it requires', () => {
    expect(() => conforms(KpiRanking, { ...kpiRanking(), average: 1 })).toThrow(/does not declare/);
    const { median: _median, ...withoutMedian } = kpiRanking();
    expect(() => conforms(KpiRanking, withoutMedian)).toThrow();
  });
});
