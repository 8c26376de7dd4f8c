import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUND_KINDS } from './funds';
import {
  allowedUseCategories,
  BANNED_USE_CATEGORIES,
  checkPayoutDate,
  checkUseCategory,
  isBackedPayout,
  isProposalUseCategory,
  PROPOSAL_USE_CATEGORIES,
  PROPOSAL_USE_CATEGORY_LABELS,
} from './proposal-uses';

describe('use categories of a proposal', () => {
  it('is a closed list with both languages, and the source page’s spending has a category', () => {
    for (const c of PROPOSAL_USE_CATEGORIES) {
      expect(PROPOSAL_USE_CATEGORY_LABELS[c]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(PROPOSAL_USE_CATEGORY_LABELS[c].en).toMatch(/^[A-Z]/);
    }
    for (const c of ['elderly_care', 'child_care', 'culture_sports', 'public_facilities', 'governance']) {
      expect(isProposalUseCategory(c)).toBe(true);
    }
    expect(isProposalUseCategory('canteen')).toBe(false);
    expect(isProposalUseCategory('toString')).toBe(false);
  });

  it('the charity fund may not pay for governance or an unstated use; every other fund pays for any', () => {
    expect(checkUseCategory('charity_common_prosperity', 'governance')).toEqual({
      ok: false,
      error: {
        code: 'proposal.use_category_banned',
        params: { fundKind: 'charity_common_prosperity', useCategory: 'governance' },
      },
    });
    expect(checkUseCategory('charity_common_prosperity', 'other').ok).toBe(false);
    expect(checkUseCategory('charity_common_prosperity', 'elderly_care')).toEqual({
      ok: true,
      value: 'elderly_care',
    });
    for (const kind of ['governance_special', 'reserve', 'other'] as const) {
      expect(allowedUseCategories(kind)).toEqual([...PROPOSAL_USE_CATEGORIES]);
    }
    expect(allowedUseCategories('charity_common_prosperity')).not.toContain('governance');
  });

  it('an unknown category is refused as such, for every fund kind', () => {
    for (const kind of FUND_KINDS) {
      expect(checkUseCategory(kind, 'banquet')).toEqual({
        ok: false,
        error: { code: 'proposal.unknown_use_category', params: { useCategory: 'banquet' } },
      });
    }
  });

  it('allowed and banned partition the list for every fund kind (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FUND_KINDS), fc.constantFrom(...PROPOSAL_USE_CATEGORIES), (kind, c) => {
        const allowed = allowedUseCategories(kind).includes(c);
        expect(checkUseCategory(kind, c).ok).toBe(allowed);
        expect(BANNED_USE_CATEGORIES[kind].includes(c)).toBe(!allowed);
      }),
    );
  });
});

describe('payout date', () => {
  const today = '2026-12-04' as const;

  it('is a day the money left: today or before, in or before the booking month', () => {
    expect(checkPayoutDate({ paidOn: '2026-12-04', today, bookingMonth: '2026-12' })).toEqual({
      ok: true,
      value: '2026-12-04',
    });
    // booked late: money left in November, booked in December
    expect(checkPayoutDate({ paidOn: '2026-11-28', today, bookingMonth: '2026-12' }).ok).toBe(true);
  });

  it('cannot be after today by the business clock', () => {
    expect(checkPayoutDate({ paidOn: '2026-12-05', today, bookingMonth: '2026-12' })).toEqual({
      ok: false,
      error: { code: 'proposal.payout_date_in_future', params: { paidOn: '2026-12-05', today } },
    });
  });

  it('cannot fall in a month after the booking month, nor be a non-date', () => {
    expect(checkPayoutDate({ paidOn: '2026-12-01', today, bookingMonth: '2026-11' })).toEqual({
      ok: false,
      error: {
        code: 'proposal.payout_after_booking_month',
        params: { paidOn: '2026-12-01', month: '2026-11' },
      },
    });
    expect(checkPayoutDate({ paidOn: '2026-02-30', today, bookingMonth: '2026-12' }).ok).toBe(false);
  });
});

describe('deliberation coverage: was the proposal disclosed before the money left', () => {
  it('compares the disclosure’s last day with the payout date, strictly', () => {
    const base = { proposalStatus: 'paid_out', disclosureEndsOn: '2026-06-19' };
    expect(isBackedPayout({ ...base, paidOn: '2026-06-20' })).toBe(true);
    // paid on the disclosure's last day: the residents had not had their full period
    expect(isBackedPayout({ ...base, paidOn: '2026-06-19' })).toBe(false);
    expect(isBackedPayout({ ...base, paidOn: '2026-06-10' })).toBe(false);
  });

  it('needs a disclosed proposal; a payout naming none is never backed', () => {
    for (const status of ['disclosed', 'paid_out', 'closed']) {
      expect(
        isBackedPayout({ proposalStatus: status, disclosureEndsOn: '2026-06-01', paidOn: '2026-07-01' }),
      ).toBe(true);
    }
    for (const status of ['draft', 'approved', 'disclosure', 'rejected', 'withdrawn']) {
      expect(
        isBackedPayout({ proposalStatus: status, disclosureEndsOn: '2026-06-01', paidOn: '2026-07-01' }),
      ).toBe(false);
    }
    expect(isBackedPayout({ proposalStatus: null, disclosureEndsOn: null, paidOn: '2026-07-01' })).toBe(
      false,
    );
    expect(isBackedPayout({ proposalStatus: 'paid_out', disclosureEndsOn: null, paidOn: '2026-07-01' })).toBe(
      false,
    );
  });
});
