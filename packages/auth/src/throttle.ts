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
 * Kept in process memory: one server process. Several processes would each keep their own counts
 * (documented in docs/decisions/0002).
 */
const PAIR_LIMIT = 5;
const PAIR_WINDOW_MS = 15 * 60 * 1000;
const ADDRESS_LIMIT = 50;
const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
const ACCOUNT_LIMIT = 100;
const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
const TRUSTED_FOR_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_KEYS = 100_000;

export interface ThrottleDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class LoginThrottle {
  #failures = new Map<string, number[]>();
  #trusted = new Map<string, number>();

  constructor(private readonly clock: () => number = Date.now) {}

  check(account: string, address: string): ThrottleDecision {
    const now = this.clock();
    const key = account.trim().toLowerCase();
    const waits = [
      this.#wait(`pair:${key}|${address}`, PAIR_LIMIT, PAIR_WINDOW_MS, now),
      this.#wait(`address:${address}`, ADDRESS_LIMIT, ADDRESS_WINDOW_MS, now),
    ];
    const trustedUntil = this.#trusted.get(`${key}|${address}`);
    if (trustedUntil === undefined || trustedUntil < now)
      waits.push(this.#wait(`account:${key}`, ACCOUNT_LIMIT, ACCOUNT_WINDOW_MS, now));
    const wait = Math.max(...waits);
    return { allowed: wait === 0, retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  recordFailure(account: string, address: string): void {
    const now = this.clock();
    const key = account.trim().toLowerCase();
    for (const k of [`pair:${key}|${address}`, `address:${address}`, `account:${key}`]) {
      const list = this.#failures.get(k) ?? [];
      list.push(now);
      this.#failures.set(k, list.slice(-ACCOUNT_LIMIT));
    }
    this.#bound();
  }

  recordSuccess(account: string, address: string): void {
    const key = account.trim().toLowerCase();
    this.#failures.delete(`pair:${key}|${address}`);
    this.#trusted.set(`${key}|${address}`, this.clock() + TRUSTED_FOR_MS);
    this.#bound();
  }

  /** ms to wait before the oldest failure inside the window leaves it; 0 when under the limit */
  #wait(key: string, limit: number, windowMs: number, now: number): number {
    const recent = (this.#failures.get(key) ?? []).filter((t) => t > now - windowMs);
    if (recent.length < limit) return 0;
    const oldestCounted = recent[recent.length - limit] ?? now;
    return Math.max(1, oldestCounted + windowMs - now);
  }

  /** Memory stays bounded even under a spray of addresses: forget the oldest keys. */
  #bound(): void {
    for (const map of [this.#failures, this.#trusted] as Map<string, unknown>[]) {
      while (map.size > MAX_KEYS) {
        const first = map.keys().next().value;
        if (first === undefined) break;
        map.delete(first);
      }
    }
  }
}
