import { describe, expect, it } from 'vitest';
import { isFiltered, validateAuditSearch } from './search';

const UUID = '55555555-5555-4555-8555-555555555555';

describe('the audit log’s URL', () => {
  it('keeps who, what, when and which object, and the page’s cursor', () => {
    expect(
      validateAuditSearch({
        actorUserId: UUID,
        entityType: 'proposal',
        action: 'proposal.pay_out',
        entityId: ' 77777777-7777-4777-8777-000000000001 ',
        from: '2026-11-01',
        to: '2026-11-30',
        cursor: 'WyIyMDI2LTExIl0',
      }),
    ).toEqual({
      actorUserId: UUID,
      entityType: 'proposal',
      action: 'proposal.pay_out',
      entityId: '77777777-7777-4777-8777-000000000001',
      from: '2026-11-01',
      to: '2026-11-30',
      cursor: 'WyIyMDI2LTExIl0',
    });
  });

  it('drops malformed values and reads a reversed range the right way round', () => {
    expect(
      validateAuditSearch({
        actorUserId: 'me',
        entityType: 'Proposal; drop',
        from: '2026-12-31',
        to: '2026-01-01',
        cursor: 'not a cursor!',
        entityId: '',
      }),
    ).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(validateAuditSearch({ from: '2026-13-01' })).toEqual({});
  });

  it('a page alone is not a filter', () => {
    expect(isFiltered({ cursor: 'abc' })).toBe(false);
    expect(isFiltered({ action: 'fund.create' })).toBe(true);
  });
});
