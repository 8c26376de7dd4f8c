import { describe, expect, it } from 'vitest';
import { latestKpiMonth, resolveKpiSearch, trailingYear, validateKpiSearch } from './search';

describe('KPI cockpit search params', () => {
  it('keeps well-formed params and drops the rest', () => {
    expect(
      validateKpiSearch({
        tab: 'ranking',
        period: 'quarter',
        month: '2026-07',
        kpi: 'net_profit',
        groupBy: 'street_office',
      }),
    ).toEqual({
      tab: 'ranking',
      period: 'quarter',
      month: '2026-07',
      kpi: 'net_profit',
      groupBy: 'street_office',
    });
    expect(
      validateKpiSearch({ tab: 'x', period: 'week', month: '2026-13', kpi: 'profit', groupBy: 'community' }),
    ).toEqual({});
  });

  it('defaults to the month before today in Shanghai, and never looks past it', () => {
    // 2026-12-01 01:00 in Shanghai is still November 30th in UTC
    expect(latestKpiMonth(new Date('2026-11-30T17:00:00Z'))).toBe('2026-11');
    expect(latestKpiMonth(new Date('2026-11-28T12:00:00Z'))).toBe('2026-10');
    const now = new Date('2026-11-28T12:00:00Z');
    expect(resolveKpiSearch({}, now)).toEqual({
      tab: 'overview',
      period: 'month',
      month: '2026-10',
      kpi: 'operating_revenue',
      groupBy: 'district',
    });
    expect(resolveKpiSearch({ month: '2027-01' }, now).month).toBe('2026-10');
    expect(resolveKpiSearch({ month: '2025-03', period: 'ytd' }, now)).toMatchObject({
      month: '2025-03',
      period: 'ytd',
    });
  });

  it('opens on the newest month with approved figures, never after last month, unless the URL names one', () => {
    const now = new Date('2026-12-04T10:00:00+08:00');
    expect(resolveKpiSearch({}, now, '2026-10').month).toBe('2026-10');
    expect(resolveKpiSearch({}, now, null).month).toBe('2026-11');
    expect(resolveKpiSearch({}, now, '2026-12').month).toBe('2026-11');
    expect(resolveKpiSearch({ month: '2026-11' }, now, '2026-10').month).toBe('2026-11');
    expect(resolveKpiSearch({ month: '2025-03' }, now, '2026-10').month).toBe('2025-03');
  });

  it('shows twelve months ending with the chosen one', () => {
    expect(trailingYear('2026-10')).toEqual({ from: '2025-11', to: '2026-10' });
    expect(trailingYear('2026-01')).toEqual({ from: '2025-02', to: '2026-01' });
  });
});
