import type { FundFlow, LedgerEntry } from '@gongfu/contract';
import {
  FUND_KIND_LABELS,
  type FundKind,
  LEDGER_ENTRY_KIND_LABELS,
  type LedgerEntryKind,
  type Month,
  monthRange,
  PROPOSAL_USE_CATEGORY_LABELS,
  type ProposalUseCategory,
  shanghaiDateOf,
} from '@gongfu/domain';

/** What the ledger page filters by (all optional): the entry's kind and a range of booking days. */
export interface LedgerFilter {
  kind?: LedgerEntryKind | undefined;
  /** first booking day, YYYY-MM-DD (Asia/Shanghai), inclusive */
  from?: string | undefined;
  /** last booking day, inclusive */
  to?: string | undefined;
}

/** The API's rule, for what is drawn from the whole ledger (the Sankey): kind, and the Shanghai booking day. */
export function matchesFilter(entry: LedgerEntry, filter: LedgerFilter): boolean {
  if (filter.kind && entry.kind !== filter.kind) return false;
  const day = bookedOn(entry);
  if (filter.from && day < filter.from) return false;
  if (filter.to && day > filter.to) return false;
  return true;
}

/** The Shanghai date an entry was booked on (YYYY-MM-DD). */
export function bookedOn(entry: Pick<LedgerEntry, 'createdAt'>): string {
  return shanghaiDateOf(new Date(entry.createdAt));
}

/**
 * The balance at the end of each booking month (账期), from the first month with an entry to `until` (this
 * month): the sum of every entry booked for that month or an earlier one. Booking months, not the instant an
 * entry was typed in: an allocation is booked for its report's month even when approved weeks later.
 */
export function monthlyBalances(
  entries: readonly LedgerEntry[],
  until: Month,
): { month: Month; balanceFen: number }[] {
  if (entries.length === 0) return [];
  const net = new Map<string, number>();
  for (const e of entries) net.set(e.month, (net.get(e.month) ?? 0) + e.direction * e.amountFen);
  const months = [...net.keys()].sort();
  const first = months[0] as Month;
  const latest = months.at(-1) as Month;
  const last = until < latest ? latest : until;
  let balance = 0;
  return monthRange(first, last).map((month) => {
    balance += net.get(month) ?? 0;
    return { month, balanceFen: balance };
  });
}

type Localized = { 'zh-CN': string; en: string };

/**
 * Where a fund's money came from and went, in the cockpit's Sankey shape: sources (by kind of inflow) → the
 * fund → use categories (the proposals' 用途类别, when `categories` names them) → uses (by proposal). A
 * reversal nets out against the entry it reverses; what nets to zero or less is left out (a Sankey link cannot
 * be negative).
 */
export function fundFlowOf(
  fund: { kind: FundKind },
  entries: readonly LedgerEntry[],
  allEntries: readonly LedgerEntry[],
  proposalTitles: ReadonlyMap<string, string>,
  otherUse: Localized,
  categories?: ReadonlyMap<string, ProposalUseCategory>,
): FundFlow {
  const byId = new Map(allEntries.map((e) => [e.id, e]));
  const sums = new Map<string, { kind: 'source' | 'use'; label: Localized; fen: number }>();
  const add = (key: string, kind: 'source' | 'use', label: Localized, fen: number) => {
    const current = sums.get(key) ?? { kind, label, fen: 0 };
    current.fen += fen;
    sums.set(key, current);
  };
  for (const entry of entries) {
    const original =
      entry.kind === 'reversal' && entry.reversesEntryId ? byId.get(entry.reversesEntryId) : entry;
    if (!original || original.kind === 'reversal') continue;
    const sign = entry.kind === 'reversal' ? -1 : 1;
    if (original.direction === 1) {
      add(
        `source:${original.kind}`,
        'source',
        LEDGER_ENTRY_KIND_LABELS[original.kind],
        sign * entry.amountFen,
      );
    } else {
      const title = original.proposalId ? proposalTitles.get(original.proposalId) : undefined;
      const key = original.proposalId ? `use:${original.proposalId}` : 'use:other';
      add(key, 'use', title ? { 'zh-CN': title, en: title } : otherUse, sign * entry.amountFen);
    }
  }
  const fundName = `fund:${fund.kind}`;
  const kept = [...sums].filter(([, v]) => v.fen > 0);
  // the category each kept use hangs from (`use:<proposal id>`; 'use:other' names no proposal)
  const categoryOf = (use: string): { name: string; label: Localized } | null => {
    if (!categories) return null;
    const c = use === 'use:other' ? undefined : categories.get(use.slice('use:'.length));
    return c
      ? { name: `category:${c}`, label: PROPOSAL_USE_CATEGORY_LABELS[c] }
      : { name: 'category:unlinked', label: otherUse };
  };
  const categoryFen = new Map<string, { label: Localized; fen: number }>();
  for (const [name, v] of kept) {
    const c = v.kind === 'use' ? categoryOf(name) : null;
    if (!c) continue;
    const current = categoryFen.get(c.name) ?? { label: c.label, fen: 0 };
    current.fen += v.fen;
    categoryFen.set(c.name, current);
  }
  const inflowFen = kept.filter(([, v]) => v.kind === 'source').reduce((s, [, v]) => s + v.fen, 0);
  const outflowFen = kept.filter(([, v]) => v.kind === 'use').reduce((s, [, v]) => s + v.fen, 0);
  const months = entries.map((e) => e.month).sort();
  const from = months[0] ?? '';
  const to = months.at(-1) ?? '';
  return {
    period: { kind: 'month', key: to, from, to, label: { 'zh-CN': `${from}–${to}`, en: `${from}–${to}` } },
    // a fund's own journal: its figures run through its last entry's month
    dataDate: to,
    through: to,
    available: true,
    unavailableReason: null,
    nodes: [
      ...kept
        .filter(([, v]) => v.kind === 'source')
        .map(([name, v]) => ({ name, kind: v.kind, label: v.label })),
      ...(kept.length > 0
        ? [{ name: fundName, kind: 'fund' as const, label: FUND_KIND_LABELS[fund.kind] }]
        : []),
      ...[...categoryFen].map(([name, v]) => ({ name, kind: 'category' as const, label: v.label })),
      ...kept
        .filter(([, v]) => v.kind === 'use')
        .map(([name, v]) => ({ name, kind: v.kind, label: v.label })),
    ],
    links: [
      ...kept.map(([name, v]) => {
        if (v.kind === 'source') return { source: name, target: fundName, value: v.fen };
        return { source: categoryOf(name)?.name ?? fundName, target: name, value: v.fen };
      }),
      ...[...categoryFen].map(([name, v]) => ({ source: fundName, target: name, value: v.fen })),
    ],
    inflowFen,
    outflowFen,
  };
}
