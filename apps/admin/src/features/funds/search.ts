import { isLocalDate, LEDGER_ENTRY_KINDS, type LedgerEntryKind } from '@gongfu/domain';

// Search params are validated without importing the contract (its schemas would land in the entry chunk).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function page(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isInteger(n) && n > 1 && n < 100_000 ? n : undefined;
}

/** The funds list: which community (district roles choose; a community role always sees its own). */
export interface FundsSearch {
  communityId?: string;
}

export function validateFundsSearch(search: Record<string, unknown>): FundsSearch {
  return isUuid(search.communityId) ? { communityId: search.communityId } : {};
}

/** A fund's ledger: kind, booking days from–to (YYYY-MM-DD, Asia/Shanghai), and the table's page. */
export interface LedgerSearch {
  kind?: LedgerEntryKind;
  from?: string;
  to?: string;
  page?: number;
}

export function validateLedgerSearch(search: Record<string, unknown>): LedgerSearch {
  const result: LedgerSearch = {};
  const kind = search.kind;
  if (typeof kind === 'string' && (LEDGER_ENTRY_KINDS as readonly string[]).includes(kind)) {
    result.kind = kind as LedgerEntryKind;
  }
  const from = typeof search.from === 'string' && isLocalDate(search.from) ? search.from : undefined;
  const to = typeof search.to === 'string' && isLocalDate(search.to) ? search.to : undefined;
  // a reversed range is read the right way round
  if (from && to && from > to) {
    result.from = to;
    result.to = from;
  } else {
    if (from) result.from = from;
    if (to) result.to = to;
  }
  const p = page(search.page);
  if (p) result.page = p;
  return result;
}
