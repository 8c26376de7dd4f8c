import type { LedgerEntry } from '@gongfu/contract';
import { describe, expect, it } from 'vitest';
import { fundFlowOf } from './ledger';
import { ENTRIES, FUND_ID, fundFixture, PAID_PROPOSAL_ID } from './testing/funds-fixtures';

const OTHER = { 'zh-CN': '其他支出', en: 'Other spending' };
const titles = new Map([[PAID_PROPOSAL_ID, '楼道照明改造']]);

function payout(id: string, amountFen: number, proposalId: string | null): LedgerEntry {
  return {
    ...(ENTRIES[2] as LedgerEntry),
    id,
    fundId: FUND_ID,
    amountFen,
    proposalId,
    month: '2026-05',
    createdAt: '2026-05-15T02:00:00.000Z',
  };
}

describe("a fund's flow, grouped by the proposals' use categories", () => {
  it('places each use under its category, and a category passes on what the fund paid into it', () => {
    const entries = [
      ...ENTRIES,
      payout('88888888-8888-4888-8888-000000000091', 40_000, PAID_PROPOSAL_ID),
      payout('88888888-8888-4888-8888-000000000092', 5_000, null),
    ];
    const flow = fundFlowOf(
      fundFixture(),
      entries,
      entries,
      titles,
      OTHER,
      new Map([[PAID_PROPOSAL_ID, 'public_facilities' as const]]),
    );
    expect(flow.nodes.map((n) => [n.kind, n.name])).toEqual(
      expect.arrayContaining([
        ['fund', 'fund:governance_special'],
        ['category', 'category:public_facilities'],
        ['category', 'category:unlinked'],
        ['use', `use:${PAID_PROPOSAL_ID}`],
        ['use', 'use:other'],
      ]),
    );
    expect(flow.nodes.find((n) => n.name === 'category:public_facilities')?.label['zh-CN']).toBe('公共设施');
    const link = (source: string, target: string) =>
      flow.links.find((l) => l.source === source && l.target === target)?.value;
    expect(link('fund:governance_special', 'category:public_facilities')).toBe(340_000);
    expect(link('category:public_facilities', `use:${PAID_PROPOSAL_ID}`)).toBe(340_000);
    expect(link('fund:governance_special', 'category:unlinked')).toBe(5_000);
    expect(link('category:unlinked', 'use:other')).toBe(5_000);
    expect(flow.outflowFen).toBe(345_000);
  });

  it('without categories the uses hang from the fund, as before', () => {
    const flow = fundFlowOf(fundFixture(), ENTRIES, ENTRIES, titles, OTHER);
    expect(flow.nodes.some((n) => n.kind === 'category')).toBe(false);
    expect(flow.links).toContainEqual({
      source: 'fund:governance_special',
      target: `use:${PAID_PROPOSAL_ID}`,
      value: 300_000,
    });
  });
});
