import { type Database, loginThrottle, withTenantTransaction } from '@gongfu/db';
import type { Kysely } from 'kysely';

/**
 * Login throttling that slows guessing without letting anyone lock another user out.
 *
 * - per (account, address): after 5 failures in 15 minutes, that address must wait before trying that
 *   account again — the real user on another address is unaffected;
 * - per address: after 50 failures in 15 minutes an address is refused for every account (one machine
 *   spraying many accounts);
 * - per account, across addresses: after 100 failures in an hour the account is refused only from
 *   addresses that have never logged into it successfully; addresses where the user logged in before
 *   keep working, so a distributed attack cannot lock the owner out.
 *
 * The counters live in the database (ADR 0019), so every API process counts the same attempts. An attempt
 * is counted BEFORE its password is checked, in one transaction that holds the counters' rows: concurrent
 * attempts are counted one after another, and only those within the limits go on to a real check. A
 * refused attempt is uncounted in the same transaction (it checked no password, and counting it would let
 * one address push the account's counter up for everyone); a successful login uncounts itself (only
 * failures count). Windows are fixed: a counter's window starts with its first attempt.
 */
export const PAIR_LIMIT = 5;
const PAIR_WINDOW_MS = 15 * 60 * 1000;
const ADDRESS_LIMIT = 50;
const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_LIMIT = 100;
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
const TRUSTED_FOR_MS = 30 * 24 * 60 * 60 * 1000;
/** Expired counters of other accounts and addresses are deleted on about one login in this many. */
const PRUNE_ONE_IN = 100;
/** Longer than any IP address; a proxy's X-Forwarded-For could be anything. */
const MAX_ADDRESS = 100;

export interface ThrottleDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

interface Limit {
  kind: loginThrottle.CounterKind;
  limit: number;
  windowMs: number;
}
const LIMITS: Limit[] = [
  { kind: 'pair', limit: PAIR_LIMIT, windowMs: PAIR_WINDOW_MS },
  { kind: 'address', limit: ADDRESS_LIMIT, windowMs: ADDRESS_WINDOW_MS },
  { kind: 'account', limit: ACCOUNT_LIMIT, windowMs: ACCOUNT_WINDOW_MS },
];

function keyOf(kind: loginThrottle.CounterKind, account: string, address: string): loginThrottle.CounterKey {
  if (kind === 'pair') return { kind, account, address };
  if (kind === 'address') return { kind, account: '', address };
  return { kind, account, address: '' };
}

export class LoginThrottle {
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Counts an attempt of `account` from `address` and says whether it may check a password. Allowed
   * attempts stay counted as failures until `recordSuccess` uncounts them.
   */
  async reserve(db: Kysely<Database>, account: string, address: string): Promise<ThrottleDecision> {
    const now = new Date(this.clock());
    const email = normalise(account);
    const where = address.slice(0, MAX_ADDRESS);
    return withTenantTransaction(db, { kind: 'login', email }, async (trx) => {
      if (this.random() * PRUNE_ONE_IN < 1) await loginThrottle.pruneExpired(trx);
      const trustedAt = await loginThrottle.trustedSince(trx, email, where);
      const trusted = trustedAt !== null && trustedAt.getTime() + TRUSTED_FOR_MS > now.getTime();
      let wait = 0;
      // always in this order (pair, address, account): two logins never wait for each other's rows in a cycle
      for (const { kind, limit, windowMs } of LIMITS) {
        const counter = await loginThrottle.bumpCounter(trx, keyOf(kind, email, where), 1, now, windowMs);
        // an address the owner logged in from is not held back by the account's counter
        if (kind === 'account' && trusted) continue;
        if (counter.failures > limit) {
          wait = Math.max(wait, counter.windowStartedAt.getTime() + windowMs - now.getTime(), 1);
        }
      }
      if (wait === 0) return { allowed: true, retryAfterSeconds: 0 };
      for (const { kind, windowMs } of LIMITS)
        await loginThrottle.bumpCounter(trx, keyOf(kind, email, where), -1, now, windowMs);
      return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    });
  }

  /** The password was right: uncount the attempt, clear the pair's failures and trust the address. */
  async recordSuccess(db: Kysely<Database>, account: string, address: string): Promise<void> {
    const now = new Date(this.clock());
    const email = normalise(account);
    const where = address.slice(0, MAX_ADDRESS);
    await withTenantTransaction(db, { kind: 'login', email }, async (trx) => {
      await loginThrottle.clearCounter(trx, keyOf('pair', email, where));
      for (const { kind, windowMs } of LIMITS.filter((l) => l.kind !== 'pair'))
        await loginThrottle.bumpCounter(trx, keyOf(kind, email, where), -1, now, windowMs);
      await loginThrottle.trust(trx, email, where, now);
    });
  }
}

function normalise(account: string): string {
  return account.trim().toLowerCase();
}
