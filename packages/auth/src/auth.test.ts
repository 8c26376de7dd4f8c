import { type DatabaseHandle, DEMO_IDS, seedDemo } from '@gongfu/db';
import { createTestDatabase } from '@gongfu/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePassword } from './change-password';
import { login } from './login';
import { hashPassword } from './password';
import {
  invalidateSession,
  invalidateSessionToken,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionIdOf,
  validateSessionToken,
} from './session';
import { LoginThrottle } from './throttle';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { hashPassword });
});
afterAll(async () => handle?.close());

const password = 'gongfu-demo-2026';

describe('login and sessions', () => {
  it('logs in with the right password and the token validates', async () => {
    const r = await login(handle.db, new LoginThrottle(), {
      email: 'Jinhui@dongqu.demo',
      password,
      address: '1.1.1.1',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = await validateSessionToken(handle.db, r.token);
    expect(s?.user.email).toBe('jinhui@dongqu.demo');
    // the session's memberships come with it, read in the same session-scoped transaction
    expect(s?.memberships.map((m) => m.role)).toEqual(['community_admin']);
    // just created: nothing slid, so the cookie set at login still holds
    expect(s?.extended).toBe(false);
  });

  it('lists a platform admin’s pseudo-membership first, then the memberships in the order they were made', async () => {
    // the platform operator also made viewer and a community admin of the demo district: ids in the opposite
    // order of creation. A membership lies in its account's home district (migration 2026-12-05T1000), so the
    // owner gives the account that home first; accounts the platform makes have none.
    const later = new Date('2026-03-01T00:00:00Z');
    const earlier = new Date('2026-01-01T00:00:00Z');
    await handle.db
      .updateTable('users')
      .set({ home_district_id: DEMO_IDS.dongqu })
      .where('user_id', '=', DEMO_IDS.platformUser)
      .execute();
    await handle.db
      .insertInto('memberships')
      .values([
        {
          district_id: DEMO_IDS.dongqu,
          membership_id: '00000000-0000-4000-8000-000000000001',
          user_id: DEMO_IDS.platformUser,
          role: 'community_admin',
          community_id: DEMO_IDS.jinhui,
          created_at: later,
        },
        {
          district_id: DEMO_IDS.dongqu,
          membership_id: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
          user_id: DEMO_IDS.platformUser,
          role: 'district_viewer',
          created_at: earlier,
        },
      ])
      .execute();
    const r = await login(handle.db, new LoginThrottle(), {
      email: 'platform@gongfu.demo',
      password,
      address: '1.1.1.2',
    });
    if (!r.ok) throw new Error('the platform operator could not log in');
    const s = await validateSessionToken(handle.db, r.token);
    expect(s?.memberships).toEqual([
      {
        membership_id: DEMO_IDS.platformUser,
        role: 'platform_admin',
        district_id: null,
        community_id: null,
        partner_id: null,
      },
      expect.objectContaining({ role: 'district_viewer', district_id: DEMO_IDS.dongqu, community_id: null }),
      expect.objectContaining({
        role: 'community_admin',
        district_id: DEMO_IDS.dongqu,
        community_id: DEMO_IDS.jinhui,
      }),
    ]);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const throttle = new LoginThrottle();
    const wrong = await login(handle.db, throttle, {
      email: 'jinhui@dongqu.demo',
      password: 'nope',
      address: 'a',
    });
    const unknown = await login(handle.db, throttle, { email: 'nobody@dongqu.demo', password, address: 'a' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(unknown).toEqual(wrong);
  });

  it('refuses tampered and malformed tokens', async () => {
    const r = await login(handle.db, new LoginThrottle(), {
      email: 'dukou@dongqu.demo',
      password,
      address: 'b',
    });
    if (!r.ok) throw new Error('login failed');
    const [id, secret] = r.token.split('.') as [string, string];
    const flipped = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(await validateSessionToken(handle.db, flipped)).toBeNull();
    expect(await validateSessionToken(handle.db, 'garbage')).toBeNull();
    expect(await validateSessionToken(handle.db, `${id}.${secret}`)).not.toBeNull();
  });

  it('logout kills the session on the server', async () => {
    const r = await login(handle.db, new LoginThrottle(), {
      email: 'dukou@dongqu.demo',
      password,
      address: 'c',
    });
    if (!r.ok) throw new Error('login failed');
    const id = sessionIdOf(r.token);
    if (!id) throw new Error('no id');
    await invalidateSession(handle.db, id);
    expect(await validateSessionToken(handle.db, r.token)).toBeNull();
  });

  it('logout by token needs the whole token: the right id with a wrong secret ends nothing', async () => {
    const r = await login(handle.db, new LoginThrottle(), {
      email: 'dukou@dongqu.demo',
      password,
      address: 'c2',
    });
    if (!r.ok) throw new Error('login failed');
    const [id, secret] = r.token.split('.') as [string, string];
    const wrong = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(await invalidateSessionToken(handle.db, wrong)).toBe(false);
    expect(await validateSessionToken(handle.db, r.token)).not.toBeNull();
    expect(await invalidateSessionToken(handle.db, r.token)).toBe(true);
    expect(await validateSessionToken(handle.db, r.token)).toBeNull();
  });

  it('expires after the idle time and after the absolute lifetime, sliding in between', async () => {
    const r = await login(handle.db, new LoginThrottle(), {
      email: 'viewer@dongqu.demo',
      password,
      address: 'd',
    });
    if (!r.ok) throw new Error('login failed');
    const start = Date.now();
    // used again after 11 h: still valid, and slid forward
    const later = await validateSessionToken(
      handle.db,
      r.token,
      new Date(start + SESSION_IDLE_MS - 3_600_000),
    );
    expect(later).not.toBeNull();
    expect(later?.expiresAt.getTime()).toBeGreaterThan(start + SESSION_IDLE_MS);
    expect(later?.extended).toBe(true);
    // idle for longer than the window after that use: gone
    const idle = new Date(start + 2 * SESSION_IDLE_MS + 60_000);
    expect(await validateSessionToken(handle.db, r.token, idle)).toBeNull();

    const r2 = await login(handle.db, new LoginThrottle(), {
      email: 'viewer@dongqu.demo',
      password,
      address: 'd',
    });
    if (!r2.ok) throw new Error('login failed');
    // kept alive every 6 hours, it still ends at the absolute lifetime
    let t = Date.now();
    const end = t + SESSION_ABSOLUTE_MS;
    while (t + 6 * 3_600_000 < end) {
      t += 6 * 3_600_000;
      expect(await validateSessionToken(handle.db, r2.token, new Date(t))).not.toBeNull();
    }
    expect(await validateSessionToken(handle.db, r2.token, new Date(end + 1000))).toBeNull();
  });

  it('a password change ends every session of the user', async () => {
    const throttle = new LoginThrottle();
    const a = await login(handle.db, throttle, { email: 'reporter@jinhui.demo', password, address: 'e' });
    const b = await login(handle.db, throttle, { email: 'reporter@jinhui.demo', password, address: 'f' });
    if (!a.ok || !b.ok) throw new Error('login failed');
    const fresh = await changePassword(handle.db, a.userId, 'a-new-password-2027');
    expect(await validateSessionToken(handle.db, a.token)).toBeNull();
    expect(await validateSessionToken(handle.db, b.token)).toBeNull();
    expect(await validateSessionToken(handle.db, fresh.token)).not.toBeNull();
    const old = await login(handle.db, throttle, { email: 'reporter@jinhui.demo', password, address: 'e' });
    expect(old.ok).toBe(false);
  });
});
