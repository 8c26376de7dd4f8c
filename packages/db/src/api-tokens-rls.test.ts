/**
 * The token scope of ADR 0026, RLS alone: the check's narrow scope reaches one token, its creator's account and the
 * one membership it acts as — nothing of any tenant — and the audit trigger names the token whatever an insert says.
 * Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect';
import type { Database } from './schema';
import { DEMO_IDS, seedDemo } from './seed/demo';
import { deterministicId } from './seed/deterministic-id';
import { type DbScope, type ScopedTransaction, withTenantTransaction, withTokenTransaction } from './tenant';
import { createTestDatabase } from './testing';

let handle: DatabaseHandle;
let db: Kysely<Database>;
const jinhuiAdmin = deterministicId('user:jinhui@dongqu.demo');
const wangAdmin = deterministicId('user:wangjiangjie@dongqu.demo');
const jinhuiToken = randomUUID();
const wangToken = randomUUID();
let jinhuiMembership: string;

const jinhuiScope = (): DbScope => ({
  kind: 'community',
  userId: jinhuiAdmin,
  districtId: DEMO_IDS.dongqu,
  communityId: DEMO_IDS.jinhui,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { hashPassword: async () => 'not-a-real-hash' });
  const membershipOf = async (userId: string) =>
    (
      await sql<{
        membership_id: string;
      }>`select membership_id from memberships where user_id = ${userId}`.execute(db)
    ).rows[0]?.membership_id as string;
  jinhuiMembership = await membershipOf(jinhuiAdmin);
  // the creator's own scope inserts its token (the insert policy)
  await withTenantTransaction(db, jinhuiScope(), (trx) =>
    trx
      .insertInto('api_tokens')
      .values({
        district_id: DEMO_IDS.dongqu,
        token_id: jinhuiToken,
        membership_id: jinhuiMembership,
        created_by: jinhuiAdmin,
        community_id: DEMO_IDS.jinhui,
        partner_id: null,
        name: '金汇 令牌',
        scopes: ['report:read'],
        secret_hash: new Uint8Array(32),
        expires_at: new Date('2030-01-01T00:00:00Z'),
        last_used_at: null,
        revoked_at: null,
        revoked_by: null,
      })
      .execute(),
  );
  await withTenantTransaction(
    db,
    { kind: 'community', userId: wangAdmin, districtId: DEMO_IDS.dongqu, communityId: DEMO_IDS.wangjiangjie },
    (trx) =>
      trx
        .insertInto('api_tokens')
        .values({
          district_id: DEMO_IDS.dongqu,
          token_id: wangToken,
          membership_id: randomUUID(),
          created_by: wangAdmin,
          community_id: DEMO_IDS.wangjiangjie,
          partner_id: null,
          name: '望江街 令牌',
          scopes: ['report:read'],
          secret_hash: new Uint8Array(32),
          expires_at: new Date('2030-01-01T00:00:00Z'),
          last_used_at: null,
          revoked_at: null,
          revoked_by: null,
        })
        .execute(),
  );
});
afterAll(async () => handle?.close());

describe('the token scope', () => {
  it('reaches its token, its creator and the one membership, and no tenant row', async () => {
    const seen = await withTenantTransaction(db, { kind: 'token', tokenId: jinhuiToken }, async (trx) => ({
      tokens: (await trx.selectFrom('api_tokens').select('token_id').execute()).map((r) => r.token_id),
      users: (await trx.selectFrom('users').select('user_id').execute()).map((r) => r.user_id),
      memberships: (await trx.selectFrom('memberships').select('membership_id').execute()).map(
        (r) => r.membership_id,
      ),
      sessions: await trx.selectFrom('sessions').select('session_id').execute(),
      reports: await trx.selectFrom('monthly_reports').select('report_id').execute(),
      communities: await trx.selectFrom('communities').select('community_id').execute(),
      audit: await trx.selectFrom('audit_log').select('audit_id').execute(),
    }));
    expect(seen).toEqual({
      tokens: [jinhuiToken],
      users: [jinhuiAdmin],
      memberships: [jinhuiMembership],
      sessions: [],
      reports: [],
      communities: [],
      audit: [],
    });
  });

  it('stamps only its own token’s last use, and cannot create or revoke tokens', async () => {
    const touched = await withTenantTransaction(db, { kind: 'token', tokenId: jinhuiToken }, async (trx) => {
      const r = await trx.updateTable('api_tokens').set({ last_used_at: new Date() }).executeTakeFirst();
      return Number(r.numUpdatedRows);
    });
    expect(touched).toBe(1);
    const insert = withTenantTransaction(db, { kind: 'token', tokenId: jinhuiToken }, (trx) =>
      sql`insert into api_tokens (district_id, community_id, membership_id, created_by, name, scopes, secret_hash, expires_at)
          values (${DEMO_IDS.dongqu}, ${DEMO_IDS.jinhui}, ${jinhuiMembership}, ${jinhuiAdmin}, 'x', '{report:read}', '\\x00', now())`.execute(
        trx,
      ),
    );
    await expect(insert).rejects.toThrow();
  });

  it('a community cannot insert a token for another community or as another user', async () => {
    for (const row of [
      { community_id: DEMO_IDS.wangjiangjie, created_by: jinhuiAdmin },
      { community_id: DEMO_IDS.jinhui, created_by: wangAdmin },
    ]) {
      const insert = withTenantTransaction(db, jinhuiScope(), (trx) =>
        sql`insert into api_tokens (district_id, community_id, membership_id, created_by, name, scopes, secret_hash, expires_at)
            values (${DEMO_IDS.dongqu}, ${row.community_id}, ${jinhuiMembership}, ${row.created_by}, 'x', '{report:read}', '\\x00', now())`.execute(
          trx,
        ),
      );
      await expect(insert).rejects.toThrow();
    }
  });

  it('the request after the check runs in the creator’s scope, and its audit rows name the token whatever the insert says', async () => {
    const result = await withTokenTransaction(
      db,
      jinhuiToken,
      (row) => {
        expect(row?.name).toBe('金汇 令牌');
        expect(row?.membership_id).toBe(jinhuiMembership);
        return { scope: jinhuiScope() as Extract<DbScope, { kind: 'community' }>, context: null };
      },
      async (trx) => {
        const communities = await trx.selectFrom('communities').select('community_id').execute();
        await sql`insert into audit_log (district_id, community_id, action, entity_type, api_token_id, api_token_name)
                  values (${DEMO_IDS.dongqu}, ${DEMO_IDS.jinhui}, 'test.token', 'test', ${wangToken}, '伪造')`.execute(
          trx,
        );
        return communities.map((c) => c.community_id);
      },
    );
    expect(result).toEqual({ ok: true, value: [DEMO_IDS.jinhui] });
    const audit = await sql<{ api_token_id: string; api_token_name: string }>`
      select api_token_id, api_token_name from audit_log where action = 'test.token'`.execute(db);
    expect(audit.rows).toEqual([{ api_token_id: jinhuiToken, api_token_name: '金汇 令牌' }]);

    // without a token, a forged value is cleared too
    await withTenantTransaction(db, jinhuiScope(), (trx) =>
      sql`insert into audit_log (district_id, community_id, action, entity_type, api_token_id, api_token_name)
          values (${DEMO_IDS.dongqu}, ${DEMO_IDS.jinhui}, 'test.session', 'test', ${wangToken}, '伪造')`.execute(
        trx,
      ),
    );
    const plain = await sql<{ api_token_id: string | null; api_token_name: string | null }>`
      select api_token_id, api_token_name from audit_log where action = 'test.session'`.execute(db);
    expect(plain.rows).toEqual([{ api_token_id: null, api_token_name: null }]);
  });

  it('an unknown token id finds nothing; a malformed one is refused before any SQL', async () => {
    const unknown = await withTokenTransaction(
      db,
      randomUUID(),
      (row) =>
        row
          ? { scope: jinhuiScope() as Extract<DbScope, { kind: 'community' }>, context: 1 }
          : { refused: 'none' },
      async () => 'ran',
    );
    expect(unknown).toEqual({ ok: false, refused: 'none' });
    await expect(
      withTokenTransaction(
        db,
        "x'; drop table users; --",
        () => ({ refused: 'none' }),
        async () => 'ran',
      ),
    ).rejects.toThrow(/not a UUID/);
  });
});

/** Tokens for one venture and a token's own idempotency keys (migration 2026-12-07T1000). */
describe('a token for one venture', () => {
  const tidalMarket = DEMO_IDS.tidalMarket;
  const insertToken = (scope: DbScope, row: Record<string, unknown>) =>
    withTenantTransaction(db, scope, (trx) =>
      sql`insert into api_tokens (district_id, community_id, partner_id, venture_id, membership_id, created_by, name, scopes, secret_hash, expires_at)
          values (${DEMO_IDS.dongqu}, ${row.community_id ?? null}, ${row.partner_id ?? null}, ${row.venture_id},
                  ${jinhuiMembership}, ${row.created_by}, 'v', '{report:read}', '\\x00', '2030-01-01T00:00:00Z')
          returning token_id`.execute(trx),
    );
  const soe = deterministicId('user:soe@dongqu.demo');
  const soeScope: DbScope = {
    kind: 'partner',
    userId: soe,
    districtId: DEMO_IDS.dongqu,
    partnerId: DEMO_IDS.soe,
  };

  it('names a venture of the creator’s own community, or one the partner operates, and no other', async () => {
    await expect(
      insertToken(jinhuiScope(), {
        community_id: DEMO_IDS.jinhui,
        venture_id: tidalMarket,
        created_by: jinhuiAdmin,
      }),
    ).resolves.toBeDefined();
    // a venture of another community of the district, or of no district at all
    for (const venture of [DEMO_IDS.readingRoom, randomUUID()]) {
      await expect(
        insertToken(jinhuiScope(), {
          community_id: DEMO_IDS.jinhui,
          venture_id: venture,
          created_by: jinhuiAdmin,
        }),
      ).rejects.toThrow();
    }
    // the SOE operates Jinhui's tidal market, nothing in 望江街
    await expect(
      insertToken(soeScope, { partner_id: DEMO_IDS.soe, venture_id: tidalMarket, created_by: soe }),
    ).resolves.toBeDefined();
    await expect(
      insertToken(soeScope, { partner_id: DEMO_IDS.soe, venture_id: DEMO_IDS.readingRoom, created_by: soe }),
    ).rejects.toThrow();
    const n = await sql<{ n: number }>`
      select count(*)::int as n from api_tokens where venture_id is not null`.execute(db);
    expect(n.rows[0]?.n).toBe(2);
  });

  it('the check answers the token’s venture', async () => {
    const id = randomUUID();
    await withTenantTransaction(db, jinhuiScope(), (trx) =>
      trx
        .insertInto('api_tokens')
        .values({
          district_id: DEMO_IDS.dongqu,
          token_id: id,
          membership_id: jinhuiMembership,
          created_by: jinhuiAdmin,
          community_id: DEMO_IDS.jinhui,
          venture_id: tidalMarket,
          name: '金汇 潮汐市场',
          scopes: ['report:read'],
          secret_hash: new Uint8Array(32),
          expires_at: new Date('2030-01-01T00:00:00Z'),
        })
        .execute(),
    );
    const result = await withTokenTransaction(
      db,
      id,
      (row) => ({
        scope: jinhuiScope() as Extract<DbScope, { kind: 'community' }>,
        context: row?.venture_id,
      }),
      async (_trx, venture) => venture,
    );
    expect(result).toEqual({ ok: true, value: tidalMarket });
  });
});

describe('idempotency keys of a token', () => {
  const KEY = 'retry-1';
  /** a row written under the token's request scope, as the idempotency middleware does */
  const asToken = <T>(tokenId: string, work: Parameters<typeof withTokenTransaction<null, string, T>>[3]) =>
    withTokenTransaction<null, string, T>(
      db,
      tokenId,
      () => ({ scope: jinhuiScope() as Extract<DbScope, { kind: 'community' }>, context: null }),
      work,
    );
  const keysSeen = (rows: Array<{ idempotency_key: string; request_hash: string }>) =>
    rows.map((r) => `${r.idempotency_key}:${r.request_hash}`).sort();

  it('a token’s stored answers are its own: not its creator’s session’s, not another token’s', async () => {
    const other = randomUUID();
    await withTenantTransaction(db, jinhuiScope(), (trx) =>
      trx
        .insertInto('api_tokens')
        .values({
          district_id: DEMO_IDS.dongqu,
          token_id: other,
          membership_id: jinhuiMembership,
          created_by: jinhuiAdmin,
          community_id: DEMO_IDS.jinhui,
          name: '金汇 另一个',
          scopes: ['report:write'],
          secret_hash: new Uint8Array(32),
          expires_at: new Date('2030-01-01T00:00:00Z'),
        })
        .execute(),
    );
    const write = (tokenId: string, hash: string) =>
      asToken(tokenId, (trx) =>
        trx
          .insertInto('idempotency_keys')
          .values({
            user_id: jinhuiAdmin,
            api_token_id: tokenId,
            idempotency_key: KEY,
            request_hash: hash,
            method: 'POST',
            path: '/api/v1/reports',
          })
          .execute(),
      );
    await write(jinhuiToken, 'token-a');
    await write(other, 'token-b');
    // the creator's session (the user scope the cookie path uses) with the same key
    await withTenantTransaction(db, { kind: 'user', userId: jinhuiAdmin }, (trx) =>
      trx
        .insertInto('idempotency_keys')
        .values({
          user_id: jinhuiAdmin,
          idempotency_key: KEY,
          request_hash: 'session',
          method: 'POST',
          path: '/x',
        })
        .execute(),
    );
    const read = (trx: ScopedTransaction) =>
      trx.selectFrom('idempotency_keys').select(['idempotency_key', 'request_hash']).execute();
    expect(await asToken(jinhuiToken, read)).toEqual({
      ok: true,
      value: [{ idempotency_key: KEY, request_hash: 'token-a' }],
    });
    expect(await asToken(other, read)).toEqual({
      ok: true,
      value: [{ idempotency_key: KEY, request_hash: 'token-b' }],
    });
    expect(keysSeen(await withTenantTransaction(db, { kind: 'user', userId: jinhuiAdmin }, read))).toEqual([
      `${KEY}:session`,
    ]);
    // a token cannot write a row as another token, nor as the session
    for (const forged of [other, '00000000-0000-0000-0000-000000000000']) {
      await expect(
        asToken(jinhuiToken, (trx) =>
          trx
            .insertInto('idempotency_keys')
            .values({
              user_id: jinhuiAdmin,
              api_token_id: forged,
              idempotency_key: 'forged',
              request_hash: 'x',
              method: 'POST',
              path: '/x',
            })
            .execute(),
        ),
      ).rejects.toThrow();
    }
    const all = await sql<{ n: number }>`select count(*)::int as n from idempotency_keys`.execute(db);
    expect(all.rows[0]?.n).toBe(3);
  });
});
