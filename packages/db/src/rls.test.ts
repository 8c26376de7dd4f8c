/**
 * Row-level security alone, with the application layer bypassed on purpose: raw statements as the runtime
 * role under each scope. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { type DbScope, withTenantTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
let db: Kysely<Database>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  // one audit row per community, written in that community's scope
  for (const communityId of [DEMO_IDS.wangjiangjie, DEMO_IDS.jinhui]) {
    await withTenantTransaction(db, communityScope(communityId), (trx) =>
      trx
        .insertInto('audit_log')
        .values({
          district_id: DEMO_IDS.dongqu,
          community_id: communityId,
          action: 'seed',
          entity_type: 'test',
        })
        .execute(),
    );
  }
  await withTenantTransaction(db, xiquScope, (trx) =>
    trx
      .insertInto('audit_log')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: DEMO_IDS.xiquCommunity,
        action: 'seed',
        entity_type: 'test',
      })
      .execute(),
  );
});
afterAll(async () => handle?.close());

const dongquAdmin = deterministicId('user:admin@dongqu.demo');
const communityScope = (communityId: string): DbScope => ({
  kind: 'community',
  userId: deterministicId('user:wangjiangjie@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
  communityId,
});
const A = communityScope(DEMO_IDS.wangjiangjie);
const districtScope: DbScope = { kind: 'district', userId: dongquAdmin, districtId: DEMO_IDS.dongqu };
const xiquScope: DbScope = {
  kind: 'district',
  userId: deterministicId('user:admin@xiqu.demo'),
  districtId: DEMO_IDS.xiqu,
};
const partnerScope: DbScope = {
  kind: 'partner',
  userId: deterministicId('user:soe@dongqu.demo'),
  districtId: DEMO_IDS.dongqu,
  partnerId: DEMO_IDS.soe,
};

interface Target {
  districtId: string;
  communityId: string;
}
const B: Target = { districtId: DEMO_IDS.dongqu, communityId: DEMO_IDS.jinhui };
const otherDistrict: Target = { districtId: DEMO_IDS.xiqu, communityId: DEMO_IDS.xiquCommunity };

/**
 * How to touch each tenant table. `level` says which column makes a row someone else's; `row` builds a
 * new row belonging to a target; `touch` is a harmless assignment for UPDATE. A tenant table missing
 * here fails the coverage test below.
 */
const TABLES: Record<
  string,
  { level: 'district' | 'community'; row: (t: Target) => Record<string, unknown>; touch: string }
> = {
  districts: {
    level: 'district',
    row: () => ({ district_id: randomUUID(), name: `区${randomUUID()}` }),
    touch: 'name',
  },
  street_offices: {
    level: 'district',
    row: (t) => ({ district_id: t.districtId, name: `街道${randomUUID()}` }),
    touch: 'name',
  },
  partners: {
    level: 'district',
    row: (t) => ({ district_id: t.districtId, name: `伙伴${randomUUID()}`, kind: 'enterprise' }),
    touch: 'name',
  },
  communities: {
    level: 'community',
    row: (t) => ({ district_id: t.districtId, community_id: randomUUID(), name: `社区${randomUUID()}` }),
    touch: 'name',
  },
  ventures: {
    level: 'community',
    row: (t) => ({
      district_id: t.districtId,
      community_id: t.communityId,
      name: `项目${randomUUID()}`,
      category: 'other',
    }),
    touch: 'name',
  },
  memberships: {
    level: 'community',
    row: (t) => ({
      district_id: t.districtId,
      user_id: deterministicId('user:viewer@dongqu.demo'),
      role: 'community_reporter',
      community_id: t.communityId,
    }),
    touch: 'role',
  },
  audit_log: {
    level: 'community',
    row: (t) => ({
      district_id: t.districtId,
      community_id: t.communityId,
      action: 'forged',
      entity_type: 'test',
    }),
    touch: 'action',
  },
};

/** The community column of a table (communities are their own community). */
const communityColumn = (table: string) => (table === 'communities' ? 'community_id' : 'community_id');

/** Rows matching a target, counted by the connecting (owner/superuser) role: the ground truth. */
async function ownerCount(table: string, t: Target, level: 'district' | 'community') {
  const filter =
    level === 'community'
      ? sql`district_id = ${t.districtId} and ${sql.ref(communityColumn(table))} = ${t.communityId}`
      : sql`district_id = ${t.districtId}`;
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from ${sql.table(table)} where ${filter}`.execute(db);
  return r.rows[0]?.n ?? -1;
}

async function scopedCount(scope: DbScope, table: string, where = sql`true`) {
  return withTenantTransaction(db, scope, async (trx) => {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(trx);
    return r.rows[0]?.n ?? -1;
  });
}

/** Runs a write in scope; returns the affected row count, or 'refused' when the database raised an error. */
async function scopedWrite(scope: DbScope, statement: ReturnType<typeof sql>) {
  try {
    return await withTenantTransaction(db, scope, async (trx) => {
      const r = await statement.execute(trx);
      return Number(r.numAffectedRows ?? 0n);
    });
  } catch {
    return 'refused' as const;
  }
}

function insertStatement(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values (${sql.join(
    columns.map((c) => row[c]),
  )})`;
}

function targetFilter(table: string, t: Target, level: 'district' | 'community') {
  return level === 'community'
    ? sql`district_id = ${t.districtId} and ${sql.ref(communityColumn(table))} = ${t.communityId}`
    : sql`district_id = ${t.districtId}`;
}

describe('row-level security', () => {
  it('covers every table that has a tenant column', async () => {
    const r = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and column_name in ('district_id', 'community_id')
        and table_name not like 'kysely_%'`.execute(db);
    const tenantTables = r.rows.map((x) => x.table_name).sort();
    expect(tenantTables.length).toBeGreaterThan(0);
    expect(Object.keys(TABLES).sort()).toEqual(tenantTables);
  });

  for (const [table, spec] of Object.entries(TABLES)) {
    describe(table, () => {
      const targets: Array<[string, Target]> =
        spec.level === 'community'
          ? [
              ['another community of the district', B],
              ['another district', otherDistrict],
            ]
          : [['another district', otherDistrict]];

      for (const [label, target] of targets) {
        it(`community A cannot read, insert, update or delete rows of ${label}`, async () => {
          const before = await ownerCount(table, target, spec.level);
          expect(before).toBeGreaterThan(0); // there is something to protect

          expect(await scopedCount(A, table, targetFilter(table, target, spec.level))).toBe(0);

          const inserted = await scopedWrite(A, insertStatement(table, spec.row(target)));
          expect(inserted).toBe('refused');

          const touch = sql.ref(spec.touch);
          const updated = await scopedWrite(
            A,
            sql`update ${sql.table(table)} set ${touch} = ${touch} where ${targetFilter(table, target, spec.level)}`,
          );
          expect(updated === 'refused' || updated === 0).toBe(true);

          const deleted = await scopedWrite(
            A,
            sql`delete from ${sql.table(table)} where ${targetFilter(table, target, spec.level)}`,
          );
          expect(deleted === 'refused' || deleted === 0).toBe(true);

          expect(await ownerCount(table, target, spec.level)).toBe(before);
        });
      }

      it('no scope sees nothing and writes nothing', async () => {
        expect(await scopedCount({ kind: 'none' }, table)).toBe(0);
        expect(await scopedWrite({ kind: 'none' }, insertStatement(table, spec.row(B)))).toBe('refused');
      });

      it('a district scope sees its own district only', async () => {
        expect(await scopedCount(districtScope, table, sql`district_id <> ${DEMO_IDS.dongqu}`)).toBe(0);
        expect(await scopedCount(districtScope, table)).toBeGreaterThan(0);
        const other = await scopedWrite(districtScope, insertStatement(table, spec.row(otherDistrict)));
        expect(other).toBe('refused');
      });
    });
  }

  it('a community scope sees its own community rows', async () => {
    expect(await scopedCount(A, 'communities')).toBe(1);
    expect(await scopedCount(A, 'ventures')).toBe(2);
    expect(await scopedCount(A, 'audit_log')).toBe(1);
  });

  it('a partner operator sees the ventures it operates and their communities, nothing else', async () => {
    const ventures = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('ventures').select(['name', 'community_id']).execute(),
    );
    expect(ventures.map((v) => v.name)).toEqual(['金汇潮汐市场']);
    const communities = await withTenantTransaction(db, partnerScope, (trx) =>
      trx.selectFrom('communities').select('name').execute(),
    );
    expect(communities.map((c) => c.name)).toEqual(['金汇社区']);
  });

  it('a district scope writes inside its district', async () => {
    const n = await scopedWrite(
      districtScope,
      insertStatement('street_offices', { district_id: B.districtId, name: '新街道' }),
    );
    expect(n).toBe(1);
  });

  it('the audit log cannot be updated or deleted by the runtime role, even in its own scope', async () => {
    const update = await scopedWrite(districtScope, sql`update audit_log set action = 'rewritten'`);
    const remove = await scopedWrite(districtScope, sql`delete from audit_log`);
    expect(update).toBe('refused');
    expect(remove).toBe('refused');
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'rewritten'`.execute(db);
    expect(r.rows[0]?.n).toBe(0);
  });

  describe('identity tables', () => {
    const jinhuiUser = deterministicId('user:jinhui@dongqu.demo');
    it('a user sees only their own user row and memberships outside a district scope', async () => {
      const scope: DbScope = { kind: 'user', userId: jinhuiUser };
      const users = await withTenantTransaction(db, scope, (trx) =>
        trx.selectFrom('users').select('email').execute(),
      );
      expect(users.map((u) => u.email)).toEqual(['jinhui@dongqu.demo']);
      const m = await withTenantTransaction(db, scope, (trx) =>
        trx.selectFrom('memberships').select('user_id').execute(),
      );
      expect(m.every((x) => x.user_id === jinhuiUser)).toBe(true);
      expect(m.length).toBe(1);
    });

    it('login scope sees exactly the account being tried', async () => {
      const users = await withTenantTransaction(db, { kind: 'login', email: 'Dukou@dongqu.demo' }, (trx) =>
        trx.selectFrom('users').select('email').execute(),
      );
      expect(users.map((u) => u.email)).toEqual(['dukou@dongqu.demo']);
    });

    it('a community scope cannot read users of other communities', async () => {
      const users = await withTenantTransaction(db, A, (trx) =>
        trx.selectFrom('users').select('email').execute(),
      );
      expect(users.map((u) => u.email)).toEqual(['wangjiangjie@dongqu.demo']);
    });

    it('no scope sees no user, session or platform admin', async () => {
      for (const table of ['users', 'sessions', 'platform_admins']) {
        expect(await scopedCount({ kind: 'none' }, table)).toBe(0);
      }
    });

    it('a session scope sees its one session and no other', async () => {
      const own = 'aaaaaaaaaaaaaaaaaaaaaaaa';
      const other = 'bbbbbbbbbbbbbbbbbbbbbbbb';
      for (const [sessionId, email] of [
        [own, 'jinhui@dongqu.demo'],
        [other, 'dukou@dongqu.demo'],
      ] as const) {
        const userId = deterministicId(`user:${email}`);
        await withTenantTransaction(db, { kind: 'user', userId }, (trx) =>
          trx
            .insertInto('sessions')
            .values({
              session_id: sessionId,
              secret_hash: new Uint8Array(32),
              user_id: userId,
              expires_at: new Date(Date.now() + 3_600_000),
              absolute_expires_at: new Date(Date.now() + 7_200_000),
            })
            .execute(),
        );
      }
      const seen = await withTenantTransaction(db, { kind: 'session', sessionId: own }, (trx) =>
        trx.selectFrom('sessions').select('session_id').execute(),
      );
      expect(seen.map((s) => s.session_id)).toEqual([own]);
      const forged = await scopedWrite(
        { kind: 'user', userId: jinhuiUser },
        sql`delete from sessions where session_id = ${other}`,
      );
      expect(forged).toBe(0);
    });
  });
});
