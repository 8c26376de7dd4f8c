import { type DatabaseHandle, seedDemo } from '@gongfu/db';
import { createTestDatabase } from '@gongfu/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { login } from './login';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { LoginThrottle, PAIR_LIMIT } from './throttle';

// every real password check goes through one of these two: spied on to count them
vi.mock('./password', async (importOriginal) => {
  const original = await importOriginal<typeof import('./password')>();
  return {
    ...original,
    verifyPassword: vi.fn(original.verifyPassword),
    verifyAgainstDummy: vi.fn(original.verifyAgainstDummy),
  };
});
const checks = () =>
  vi.mocked(verifyPassword).mock.calls.length + vi.mocked(verifyAgainstDummy).mock.calls.length;

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { hashPassword });
});
afterAll(async () => handle?.close());
beforeEach(() => {
  vi.mocked(verifyPassword).mockClear();
  vi.mocked(verifyAgainstDummy).mockClear();
});

const PASSWORD = 'gongfu-demo-2026';

describe('the login throttle counts before it checks, in the database', () => {
  it('20 concurrent wrong passwords for one account from one address: at most 5 real checks', async () => {
    const throttle = new LoginThrottle();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        login(handle.db, throttle, { email: 'jinhui@dongqu.demo', password: 'wrong-guess', address: 'race' }),
      ),
    );
    expect(checks()).toBeLessThanOrEqual(PAIR_LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === 'invalid_credentials')).toHaveLength(PAIR_LIMIT);
    expect(results.filter((r) => !r.ok && r.reason === 'too_many_attempts')).toHaveLength(20 - PAIR_LIMIT);
    // and the right password from that address now waits too, without a check
    const right = await login(handle.db, throttle, {
      email: 'jinhui@dongqu.demo',
      password: PASSWORD,
      address: 'race',
    });
    expect(right).toMatchObject({ ok: false, reason: 'too_many_attempts' });
    expect(checks()).toBe(PAIR_LIMIT);
    // the owner elsewhere is not held back
    const owner = await login(handle.db, throttle, {
      email: 'jinhui@dongqu.demo',
      password: PASSWORD,
      address: 'home',
    });
    expect(owner.ok).toBe(true);
  });

  it('unknown emails are counted the same way (the dummy check is a check too)', async () => {
    const throttle = new LoginThrottle();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        login(handle.db, throttle, { email: 'nobody@dongqu.demo', password: 'x', address: 'race-2' }),
      ),
    );
    expect(checks()).toBe(PAIR_LIMIT);
  });

  it('two API processes (two throttles on one database) share the counters', async () => {
    const a = new LoginThrottle();
    const b = new LoginThrottle();
    for (let i = 0; i < 3; i++)
      expect((await a.reserve(handle.db, 'dukou@dongqu.demo', 'shared')).allowed).toBe(true);
    for (let i = 0; i < 2; i++)
      expect((await b.reserve(handle.db, 'dukou@dongqu.demo', 'shared')).allowed).toBe(true);
    const sixth = await a.reserve(handle.db, 'dukou@dongqu.demo', 'shared');
    expect(sixth.allowed).toBe(false);
    expect(sixth.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect((await b.reserve(handle.db, 'dukou@dongqu.demo', 'shared')).allowed).toBe(false);
  });

  it('slows one address guessing one account until its window ends, not the owner elsewhere', async () => {
    // near the database's own time: the prune (PostgreSQL's now()) takes counters an hour old for dead
    let now = Date.now();
    const t = new LoginThrottle(() => now);
    for (let i = 0; i < PAIR_LIMIT; i++)
      expect((await t.reserve(handle.db, 'x@d.demo', 'attacker')).allowed).toBe(true);
    expect((await t.reserve(handle.db, 'x@d.demo', 'attacker')).allowed).toBe(false);
    expect((await t.reserve(handle.db, 'x@d.demo', 'owner')).allowed).toBe(true);
    now += 15 * 60 * 1000 + 1;
    expect((await t.reserve(handle.db, 'x@d.demo', 'attacker')).allowed).toBe(true);
  });

  it('a successful login clears its pair’s failures', async () => {
    const t = new LoginThrottle();
    for (let i = 0; i < PAIR_LIMIT - 1; i++) await t.reserve(handle.db, 'y@d.demo', 'typo');
    await t.recordSuccess(handle.db, 'y@d.demo', 'typo');
    for (let i = 0; i < PAIR_LIMIT; i++)
      expect((await t.reserve(handle.db, 'y@d.demo', 'typo')).allowed).toBe(true);
  });

  it('refuses an address spraying many accounts, not another address', async () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 50; i++) await t.reserve(handle.db, `user${i}@d.demo`, 'sprayer');
    expect((await t.reserve(handle.db, 'someone@d.demo', 'sprayer')).allowed).toBe(false);
    expect((await t.reserve(handle.db, 'someone@d.demo', 'other')).allowed).toBe(true);
  });

  it('a distributed attack on one account does not lock out an address the owner used before', async () => {
    const t = new LoginThrottle();
    await t.recordSuccess(handle.db, 'z@d.demo', 'home');
    for (let i = 0; i < 100; i++) await t.reserve(handle.db, 'z@d.demo', `bot${i}`);
    expect((await t.reserve(handle.db, 'z@d.demo', 'new-bot')).allowed).toBe(false);
    expect((await t.reserve(handle.db, 'z@d.demo', 'home')).allowed).toBe(true);
  });

  it('expired counters of any account are pruned now and then, live ones kept', async () => {
    const hoursAgo = (h: number) => Date.now() - h * 60 * 60 * 1000;
    await new LoginThrottle(() => hoursAgo(2)).reserve(handle.db, 'old@d.demo', 'old-address');
    await new LoginThrottle(() => hoursAgo(0)).reserve(handle.db, 'live@d.demo', 'live-address');
    // a login of a third account draws the prune (random below 1 in 100)
    await new LoginThrottle(Date.now, () => 0).reserve(handle.db, 'third@d.demo', 'elsewhere');
    const rows = await handle.db.selectFrom('login_throttle').select(['account', 'address']).execute();
    expect(rows.some((r) => r.account === 'old@d.demo' || r.address === 'old-address')).toBe(false);
    expect(rows.some((r) => r.account === 'live@d.demo')).toBe(true);
  });

  it('refused attempts are not counted: one address hammering cannot lock the account for everyone', async () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 200; i++) await t.reserve(handle.db, 'w@d.demo', 'hammer');
    // 200 attempts, of which 5 were counted: the account's counter is far below its limit of 100
    expect((await t.reserve(handle.db, 'w@d.demo', 'a-new-phone')).allowed).toBe(true);
  });
});
