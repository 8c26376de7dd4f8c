/**
 * `pnpm gongfu` on the test database (PGlite, or PostgreSQL with DATABASE_URL): each command does what it says
 * through the same services and scopes as the API — the accounts it makes log in through the real endpoint, a
 * disabled one cannot, a reset password replaces the old — writes the audit trail, refuses bad input naming the
 * field, and `rls check` fails once a policy is dropped by hand.
 */
import { DEMO_IDS, DEMO_PASSWORD } from '@gongfu/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { OPERATOR_USER_ID } from './main';
import { runCliOn } from './testing';

let t: TestApp;
beforeAll(async () => {
  process.env.LANG = 'en_US.UTF-8';
  t = await createTestApp();
});
afterAll(async () => t?.close());

const cli = (...argv: string[]) => runCliOn(t.handle.db, argv);

const passwordIn = (text: string) => /\n {2}(\S{12,})/.exec(text)?.[1] as string;

async function login(email: string, password: string) {
  return t.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
}

describe('pnpm gongfu', () => {
  it('lists its commands, explains each with --help, and refuses what it does not know', async () => {
    const help = await cli('--help');
    expect(help.status).toBe(0);
    for (const c of ['district create', 'user create', 'user reset-password', 'user disable', 'rls check'])
      expect(help.out).toContain(c);
    const one = await cli('user', 'create', '--help');
    expect(one.status).toBe(0);
    expect(one.out).toContain('--role');
    expect((await cli('frobnicate')).status).toBe(2);
    const unknown = await cli('district', 'list', '--colour', 'red');
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain('--colour');
  });

  it('creates a district and its first admin, who logs in with the password shown once', async () => {
    const made = await cli(
      'district',
      'create',
      '--name',
      '攀枝花市仁和区',
      '--admin-email',
      'Admin@Renhe.test',
      '--admin-name',
      '仁和区 管理员',
    );
    expect(made.status, made.err).toBe(0);
    const password = passwordIn(made.out);
    expect(password).toBeTruthy();
    const res = await login('admin@renhe.test', password);
    expect(res.status).toBe(200);
    expect((await cli('district', 'list')).out).toContain('攀枝花市仁和区');
    // the audit trail says the shell did it
    const audit = await sql<{ action: string; actor_user_id: string; request_id: string }>`
      select action, actor_user_id, request_id from audit_log where action = 'district.create'`.execute(
      t.handle.db,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        actor_user_id: OPERATOR_USER_ID,
        request_id: expect.stringMatching(/^cli:/),
      }),
    ]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const bad = await cli(
      'district',
      'create',
      '--name',
      '某区',
      '--admin-email',
      'not-an-email',
      '--admin-name',
      'x',
    );
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('admin.email');
    expect((await cli('district', 'list')).out).not.toContain('某区');
    const missing = await cli('user', 'create', '--district', DEMO_IDS.dongqu, '--email', 'a@b.test');
    expect(missing.status).toBe(2);
    expect(missing.err).toMatch(/--role is required/);
  });

  it('creates, resets, disables and enables an account of a district, by the same rules as its admin', async () => {
    const made = await cli(
      'user',
      'create',
      '--district',
      '攀枝花市东区',
      '--email',
      'clerk@wangjiangjie.test',
      '--name',
      '望江街 文员',
      '--role',
      'community_reporter',
      '--community',
      DEMO_IDS.wangjiangjie,
    );
    expect(made.status, made.err).toBe(0);
    const first = passwordIn(made.out);
    expect((await login('clerk@wangjiangjie.test', first)).status).toBe(200);

    // a community of another district is refused as the district admin's own request would be
    const foreign = await cli(
      'user',
      'create',
      '--district',
      DEMO_IDS.dongqu,
      '--email',
      'x@x.test',
      '--name',
      'x',
      '--role',
      'community_admin',
      '--community',
      DEMO_IDS.xiquCommunity,
    );
    expect(foreign.status).toBe(1);

    const reset = await cli(
      'user',
      'reset-password',
      '--district',
      DEMO_IDS.dongqu,
      '--email',
      'clerk@wangjiangjie.test',
    );
    expect(reset.status, reset.err).toBe(0);
    const second = passwordIn(reset.out);
    expect(second).not.toBe(first);
    expect((await login('clerk@wangjiangjie.test', first)).status).toBe(401);
    const session = await login('clerk@wangjiangjie.test', second);
    expect(session.status).toBe(200);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] as string;

    const off = await cli(
      'user',
      'disable',
      '--district',
      DEMO_IDS.dongqu,
      '--email',
      'clerk@wangjiangjie.test',
    );
    expect(off.status, off.err).toBe(0);
    // the open session ends at once, and the password no longer lets anyone in
    expect((await t.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await login('clerk@wangjiangjie.test', second)).status).not.toBe(200);

    expect(
      (await cli('user', 'enable', '--district', DEMO_IDS.dongqu, '--email', 'clerk@wangjiangjie.test'))
        .status,
    ).toBe(0);
    expect((await login('clerk@wangjiangjie.test', second)).status).toBe(200);

    // the district's last admin cannot be disabled from the shell either
    const last = await cli('user', 'disable', '--district', DEMO_IDS.xiqu, '--email', 'admin@xiqu.demo');
    expect(last.status).toBe(1);
    expect((await login('admin@xiqu.demo', DEMO_PASSWORD)).status).toBe(200);
  });

  it('rls check passes on a migrated database and fails, naming it, once a policy is dropped by hand', async () => {
    const ok = await cli('rls', 'check');
    expect(ok.status, ok.err).toBe(0);
    await sql`drop policy ventures_read__community on ventures`.execute(t.handle.db);
    const broken = await cli('rls', 'check');
    expect(broken.status).toBe(1);
    expect(broken.err).toContain('ventures_read__community');
    await sql`alter table funds no force row level security`.execute(t.handle.db);
    expect((await cli('rls', 'check')).err).toMatch(/funds: row-level security is not forced/);
  });
});
