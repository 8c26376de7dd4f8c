/**
 * The isolation matrix, built from the OpenAPI document (GET /api/openapi.json) so that a new route is
 * covered without anyone remembering to add it here.
 *
 * 1. Every operation under /v1 with a path parameter (an object by id, and its sub-resources) is called
 *    by every demo role with the id of an object of ANOTHER COMMUNITY (community and partner roles; for
 *    district-level resources — partners, street offices — there is no other community) and of ANOTHER
 *    DISTRICT (every role). The object comes from FIXTURES: one per resource, keyed by the path's first
 *    segment (`/companies/{id}/shareholdings` → `/companies`), created in setup for 金汇 and 望江街
 *    (each the other community of the other), for 格里坪 and for a second 西区 community.
 *    A path whose first segment has no fixture FAILS, asking for one: new resources cannot slip through.
 *    Further path parameters take the named fixture when there is one (`objectionId`), else a random UUID.
 * 2. The rule for the answer:
 *      - 404 or 403: isolated;
 *      - 400 (the body — `{ "version": 1 }` for POST/PATCH/PUT — was refused before the object was looked
 *        up): accepted ONLY IF the same role's `GET /<resource>/{id}` for the same id answers 404 or 403,
 *        which proves the object unreachable; without such a GET in the document, the 400 fails;
 *      - anything else (2xx, 409, 422, 5xx…) fails.
 * 3. Nothing changed: around each (operation, role) the owner connection takes, for every table except
 *    sessions and idempotency keys (which a request legitimately touches), `count(*)` and an md5 of all
 *    rows in a fixed order; the two snapshots must be equal.
 * 4. Every GET under /v1 without path parameters (the lists) is called by every role: no object in the
 *    answer, at any depth, may carry another district's `districtId`, or a `communityId` (for
 *    /communities, an item's `id`) outside the role's reach — its own community for community roles, the
 *    communities of the ventures it operates for a partner operator, none at all for the platform operator.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ExportView } from '@gongfu/contract';
import { type DbScope, DEMO_IDS, deterministicId, withTenantTransaction } from '@gongfu/db';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';

// ─── the document, read before the tests are declared, so every route becomes a test case

// API tokens (ADR 0026) take part below; the matrix makes far more requests than a token's default rate allows
const t = await createTestApp({ apiTokenRateLimit: { requests: 1_000_000, windowMs: 60_000 } });
afterAll(async () => t.close());

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** as in the document, e.g. /v1/companies/{id}/shareholdings */
  path: string;
  params: string[];
  /** the first path segment after /v1, e.g. /companies */
  prefix: string;
  /** its query parameters, as the document declares them */
  query: Array<{ name: string; required: boolean }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
  paths: Record<
    string,
    Partial<
      Record<
        (typeof METHODS)[number],
        { parameters?: Array<{ in: string; name: string; required?: boolean }> }
      >
    >
  >;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m] && path.startsWith('/v1/')).map((method) => ({
    method,
    path,
    params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
    prefix: `/${path.split('/')[2]}`,
    query: (item[method]?.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => ({ name: p.name, required: p.required === true })),
  })),
);
// an export's path parameter names a view, not an object: exports have their own section below, which runs
// every view for every role and searches the files for other tenants' markers
const byId = operations.filter((op) => op.params.length > 0 && op.prefix !== '/exports');
// the monthly report template answers a workbook, not JSON: its own section below reads the file's venture ids
const BINARY_LISTS = new Set(['/v1/reports/workbook/template']);
const lists = operations.filter(
  (op) =>
    op.method === 'get' && op.params.length === 0 && op.prefix !== '/auth' && !BINARY_LISTS.has(op.path),
);
const hasGet = new Set(operations.filter((op) => op.method === 'get').map((op) => op.path));

// ─── who calls, and whose objects they must not reach

type TargetName = 'jinhui' | 'wangjiangjie' | 'geliping' | 'xiqu2';
interface Role {
  email: string;
  districtId: string | null;
  /** community roles: their community; partner: null (see partnerCommunities) */
  communityId: string | null;
  partner: boolean;
  /** another community of the same district (not for district roles) */
  otherCommunity: TargetName | null;
  otherDistrict: TargetName;
  /**
   * An API token for one venture (migration 2026-12-07T1000): that venture, and the community whose fixtures hang
   * on another venture of the same community — out of reach for the venture-keyed resources (VENTURE_LEVEL)
   */
  venture?: { id: string; sameCommunity: TargetName };
}
const ROLES: Role[] = [
  {
    email: 'admin@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: null,
    partner: false,
    otherCommunity: null,
    otherDistrict: 'geliping',
  },
  {
    email: 'viewer@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: null,
    partner: false,
    otherCommunity: null,
    otherDistrict: 'geliping',
  },
  {
    email: 'wangjiangjie@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: DEMO_IDS.wangjiangjie,
    partner: false,
    otherCommunity: 'jinhui',
    otherDistrict: 'geliping',
  },
  {
    email: 'jinhui@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: DEMO_IDS.jinhui,
    partner: false,
    otherCommunity: 'wangjiangjie',
    otherDistrict: 'geliping',
  },
  {
    email: 'reporter@jinhui.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: DEMO_IDS.jinhui,
    partner: false,
    otherCommunity: 'wangjiangjie',
    otherDistrict: 'geliping',
  },
  // the SOE operates 金汇's tidal market and nothing in 望江街
  {
    email: 'soe@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: null,
    partner: true,
    otherCommunity: 'wangjiangjie',
    otherDistrict: 'geliping',
  },
  {
    email: 'admin@xiqu.demo',
    districtId: DEMO_IDS.xiqu,
    communityId: null,
    partner: false,
    otherCommunity: null,
    otherDistrict: 'jinhui',
  },
  {
    email: 'geliping@xiqu.demo',
    districtId: DEMO_IDS.xiqu,
    communityId: DEMO_IDS.xiquCommunity,
    partner: false,
    otherCommunity: 'xiqu2',
    otherDistrict: 'jinhui',
  },
  // no district at all: every district is another district
  {
    email: 'platform@gongfu.demo',
    districtId: null,
    communityId: null,
    partner: false,
    otherCommunity: 'geliping',
    otherDistrict: 'jinhui',
  },
];

/** Resources that belong to a district, not a community: only another district's are out of reach. */
const DISTRICT_LEVEL = new Set(['/partners', '/street-offices', '/users']);
/** Resources that belong to one venture: a token for another venture of the same community does not reach them. */
const VENTURE_LEVEL = new Set(['/ventures', '/reports', '/agreements']);

/** Path prefix → the fixture key of its object. A route under a prefix missing here fails the matrix. */
const FIXTURES: Record<string, string> = {
  '/communities': 'community',
  '/street-offices': 'streetOffice',
  '/partners': 'partner',
  '/assets': 'asset',
  '/companies': 'company',
  '/agreements': 'agreement',
  '/ventures': 'venture',
  '/reports': 'report',
  '/funds': 'fund',
  '/proposals': 'proposal',
  '/pledges': 'pledge',
  '/warnings': 'warning',
  '/users': 'user',
  '/api-tokens': 'apiToken',
};
/** Further path parameters with an object of their own. */
const PARAM_FIXTURES: Record<string, string> = {
  objectionId: 'objection',
  attachmentId: 'attachment',
  appraisalId: 'appraisal',
  entryId: 'ledgerEntry',
  fulfilmentId: 'fulfilment',
  membershipId: 'membership',
};

const XIQU2 = deterministicId('test:isolation:xiqu-second-community');
const fixtures = {} as Record<TargetName, Record<string, string>>;

function districtScope(districtId: string, email: string): DbScope {
  return { kind: 'district', districtId, userId: deterministicId(`user:${email}`) };
}

function creditCode() {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  return Array.from({ length: 18 }, () => chars[Math.floor(Math.random() * chars.length)]).join('');
}

/** One object of every resource in a community, written directly (the routes are others' work). */
async function createFixtures(
  name: TargetName,
  scope: DbScope,
  districtId: string,
  communityId: string,
  district: { partnerId: string; streetOfficeId: string },
) {
  fixtures[name] = await withTenantTransaction(t.handle.db, scope, async (trx) => {
    const base = { district_id: districtId, community_id: communityId };
    const tag = `隔离测试-${name}`;
    const asset = await trx
      .insertInto('assets')
      .values({ ...base, kind: 'premises', name: `${tag}场地` })
      .returning('asset_id')
      .executeTakeFirstOrThrow();
    const appraisal = await trx
      .insertInto('asset_appraisals')
      .values({
        ...base,
        asset_id: asset.asset_id,
        method: 'market',
        appraiser: '测试评估所',
        appraised_on: '2026-01-01',
        value_fen: 100_000_00,
      })
      .returning('appraisal_id')
      .executeTakeFirstOrThrow();
    const company = await trx
      .insertInto('companies')
      .values({
        ...base,
        legal_name: `${tag}公司`,
        credit_code: creditCode(),
        operating_model: 'asset_lease',
      })
      .returning('company_id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('shareholdings')
      .values({
        ...base,
        company_id: company.company_id,
        holder_kind: 'community',
        holder_name: '社区',
        contribution_kind: 'cash',
        share_bp: 10_000,
      })
      .execute();
    const venture = await trx
      .insertInto('ventures')
      .values({ ...base, name: `${tag}驿站`, category: 'service_station', company_id: company.company_id })
      .returning('venture_id')
      .executeTakeFirstOrThrow();
    const agreement = await trx
      .insertInto('operator_agreements')
      .values({
        ...base,
        venture_id: venture.venture_id,
        partner_id: district.partnerId,
        starts_on: '2026-01-01',
        ends_on: '2027-12-31',
        terms: 'fixed_fee',
      })
      .returning('agreement_id')
      .executeTakeFirstOrThrow();
    // submitted: approve and return would be legal transitions, were the report reachable
    const report = await trx
      .insertInto('monthly_reports')
      .values({
        ...base,
        venture_id: venture.venture_id,
        month: '2026-10',
        status: 'submitted',
        revenue_fen: 1_000_00,
        submitted_at: '2026-11-05T10:00:00+08:00',
      })
      .returning('report_id')
      .executeTakeFirstOrThrow();
    const pdf = new TextEncoder().encode(`%PDF-1.4\n% ${tag}\n%%EOF\n`);
    const attachment = await trx
      .insertInto('report_attachments')
      .values({
        ...base,
        report_id: report.report_id,
        venture_id: venture.venture_id,
        file_name: `${tag}发票.pdf`,
        kind: 'pdf',
        media_type: 'application/pdf',
        byte_size: pdf.byteLength,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        content: pdf,
        uploaded_by: deterministicId('user:admin@dongqu.demo'),
      })
      .returning('attachment_id')
      .executeTakeFirstOrThrow();
    const fund = await trx
      .insertInto('funds')
      .values({ ...base, kind: 'other', name: `${tag}基金`, balance_fen: 500_00 })
      .returning('fund_id')
      .executeTakeFirstOrThrow();
    const entry = await trx
      .insertInto('ledger_entries')
      .values({
        ...base,
        fund_id: fund.fund_id,
        kind: 'grant',
        direction: 1,
        amount_fen: 500_00,
        month: '2026-10',
      })
      .returning('entry_id')
      .executeTakeFirstOrThrow();
    const proposal = await trx
      .insertInto('proposals')
      .values({
        ...base,
        fund_id: fund.fund_id,
        title: `${tag}议题`,
        purpose: '测试',
        use_category: 'environment',
        amount_fen: 100_00,
      })
      .returning('proposal_id')
      .executeTakeFirstOrThrow();
    const objection = await trx
      .insertInto('proposal_objections')
      .values({ ...base, proposal_id: proposal.proposal_id, content: '异议', raised_on: '2026-10-02' })
      .returning('objection_id')
      .executeTakeFirstOrThrow();
    const pledge = await trx
      .insertInto('pledges')
      .values({
        ...base,
        partner_id: district.partnerId,
        kind: 'cash',
        description: `${tag}捐赠`,
        amount_fen: 1_000_00,
        due_on: '2026-12-31',
      })
      .returning('pledge_id')
      .executeTakeFirstOrThrow();
    const fulfilment = await trx
      .insertInto('pledge_fulfilments')
      .values({
        ...base,
        pledge_id: pledge.pledge_id,
        partner_id: district.partnerId,
        value_fen: 100_00,
        fulfilled_on: '2026-10-01',
      })
      .returning('fulfilment_id')
      .executeTakeFirstOrThrow();
    const warning = await trx
      .insertInto('warnings')
      .values({
        ...base,
        kind: 'report_overdue',
        severity: 'red',
        subject_type: 'venture',
        subject_id: venture.venture_id,
        period: '2026-09',
      })
      .returning('warning_id')
      .executeTakeFirstOrThrow();
    // a locked month of the community (the lock list must not show it to another community or district)
    const lock = await trx
      .insertInto('report_period_locks')
      .values({
        ...base,
        month: '2024-01',
        locked_by: scope.kind === 'district' ? scope.userId : randomUUID(),
      })
      .returning('lock_id')
      .executeTakeFirstOrThrow();
    // a yearly KPI target of the community (GET /kpis/targets must not show it to another community or district)
    await trx
      .insertInto('kpi_targets')
      .values({
        ...base,
        year: 2026,
        kpi: 'operating_revenue',
        value: 1_000_000_00,
        updated_by: scope.kind === 'district' ? scope.userId : randomUUID(),
      })
      .execute();
    // an account of the district (its home) with a role in the community: user administration's object
    const user = await trx
      .insertInto('users')
      .values({
        email: `isolation-${name}@test.invalid`,
        display_name: `${tag}用户`,
        password_hash: 'not-a-real-hash',
        home_district_id: districtId,
      })
      .returning('user_id')
      .executeTakeFirstOrThrow();
    const membership = await trx
      .insertInto('memberships')
      .values({ ...base, user_id: user.user_id, role: 'community_reporter' })
      .returning('membership_id')
      .executeTakeFirstOrThrow();
    return {
      user: user.user_id,
      apiToken: '',
      membership: membership.membership_id,
      lock: lock.lock_id,
      community: communityId,
      streetOffice: district.streetOfficeId,
      partner: district.partnerId,
      asset: asset.asset_id,
      appraisal: appraisal.appraisal_id,
      company: company.company_id,
      venture: venture.venture_id,
      agreement: agreement.agreement_id,
      report: report.report_id,
      attachment: attachment.attachment_id,
      fund: fund.fund_id,
      ledgerEntry: entry.entry_id,
      proposal: proposal.proposal_id,
      objection: objection.objection_id,
      pledge: pledge.pledge_id,
      fulfilment: fulfilment.fulfilment_id,
      warning: warning.warning_id,
    };
  });
}

/** An API token of the fixture account, in its community's scope (only a creator's scope inserts one). */
async function createTokenFixture(name: TargetName, districtId: string, communityId: string) {
  const set = fixtures[name];
  const userId = set.user as string;
  const scope: DbScope = { kind: 'community', userId, districtId, communityId };
  set.apiToken = await withTenantTransaction(t.handle.db, scope, async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        district_id: districtId,
        token_id: randomUUID(),
        membership_id: set.membership as string,
        created_by: userId,
        community_id: communityId,
        name: `隔离测试-${name}令牌`,
        scopes: ['report:write', 'report:read', 'register:read'],
        secret_hash: new Uint8Array(32),
        expires_at: new Date('2030-01-01T00:00:00Z'),
      })
      .returning('token_id')
      .executeTakeFirstOrThrow();
    return row.token_id;
  });
}

/**
 * API tokens as callers (ADR 0026): a community admin's and a partner operator's, with every scope. A token acts as
 * its creator's membership, so the same targets and the same rules apply; `as: email` sends the bearer instead of
 * the cookie (test-app's useBearer).
 */
const TOKEN_ROLES: Role[] = [
  {
    email: 'token:jinhui@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: DEMO_IDS.jinhui,
    partner: false,
    otherCommunity: 'wangjiangjie',
    otherDistrict: 'geliping',
  },
  {
    email: 'token:soe@dongqu.demo',
    districtId: DEMO_IDS.dongqu,
    communityId: null,
    partner: true,
    otherCommunity: 'wangjiangjie',
    otherDistrict: 'geliping',
  },
  // 金汇's token for its tidal market alone: the 金汇 fixtures' venture, report and agreement are another venture's
  {
    email: 'token:jinhui@dongqu.demo#tidal-market',
    districtId: DEMO_IDS.dongqu,
    communityId: DEMO_IDS.jinhui,
    partner: false,
    otherCommunity: 'wangjiangjie',
    otherDistrict: 'geliping',
    venture: { id: DEMO_IDS.tidalMarket, sameCommunity: 'jinhui' },
  },
];
const MATRIX_ROLES = [...ROLES, ...TOKEN_ROLES];

/** Which community each community id belongs to, and where the partner operates (for list checks). */
const districtOfCommunity = new Map<string, string>();
let partnerCommunities = new Set<string>();

beforeAll(async () => {
  const dongqu = districtScope(DEMO_IDS.dongqu, 'admin@dongqu.demo');
  const xiqu = districtScope(DEMO_IDS.xiqu, 'admin@xiqu.demo');
  await withTenantTransaction(t.handle.db, xiqu, (trx) =>
    trx
      .insertInto('communities')
      .values({
        district_id: DEMO_IDS.xiqu,
        community_id: XIQU2,
        name: '隔离测试第二社区',
        kind: 'urban',
        street_office_id: null,
        admin_code: null,
        converted_year: null,
        founded_on: null,
        population: null,
        households: null,
        households_with_seniors: null,
        deleted_at: null,
      })
      .execute(),
  );
  const dongquDistrict = {
    partnerId: DEMO_IDS.tusStar,
    streetOfficeId: deterministicId('street:dongqu-bingcaogang'),
  };
  const xiquDistrict = {
    partnerId: deterministicId('partner:xiqu-social-org'),
    streetOfficeId: deterministicId('street:xiqu-qingxiangping'),
  };
  await createFixtures('jinhui', dongqu, DEMO_IDS.dongqu, DEMO_IDS.jinhui, dongquDistrict);
  await createFixtures('wangjiangjie', dongqu, DEMO_IDS.dongqu, DEMO_IDS.wangjiangjie, dongquDistrict);
  await createFixtures('geliping', xiqu, DEMO_IDS.xiqu, DEMO_IDS.xiquCommunity, xiquDistrict);
  await createFixtures('xiqu2', xiqu, DEMO_IDS.xiqu, XIQU2, xiquDistrict);
  await createTokenFixture('jinhui', DEMO_IDS.dongqu, DEMO_IDS.jinhui);
  await createTokenFixture('wangjiangjie', DEMO_IDS.dongqu, DEMO_IDS.wangjiangjie);
  await createTokenFixture('geliping', DEMO_IDS.xiqu, DEMO_IDS.xiquCommunity);
  await createTokenFixture('xiqu2', DEMO_IDS.xiqu, XIQU2);

  // each district's district-wide lock: every scope of that district reads it, no other district's
  for (const scope of [dongqu, xiqu]) {
    if (scope.kind !== 'district') continue;
    await withTenantTransaction(t.handle.db, scope, (trx) =>
      trx
        .insertInto('report_period_locks')
        .values({
          district_id: scope.districtId,
          community_id: null,
          month: '2024-02',
          locked_by: scope.userId,
        })
        .execute(),
    );
  }

  const communities = await sql<{ community_id: string; district_id: string }>`
    select community_id, district_id from communities`.execute(t.handle.db);
  for (const row of communities.rows) districtOfCommunity.set(row.community_id, row.district_id);
  const operated = await sql<{ community_id: string }>`
    select distinct community_id from ventures where operator_partner_id = ${DEMO_IDS.soe}`.execute(
    t.handle.db,
  );
  partnerCommunities = new Set(operated.rows.map((r) => r.community_id));
  // log everyone in once, before any snapshot
  for (const role of ROLES) await t.cookieOf(role.email);
  for (const role of TOKEN_ROLES) {
    const creator = role.email.slice('token:'.length).replace(/#.*$/, '');
    const res = await t.request('/api/v1/api-tokens', {
      method: 'POST',
      as: creator,
      body: JSON.stringify({
        name: `矩阵 ${role.email}`,
        scopes: ['report:write', 'report:read', 'register:read'],
        expiresInDays: 1,
        ...(role.venture ? { ventureId: role.venture.id } : {}),
      }),
    });
    if (res.status !== 201) throw new Error(`token of ${creator}: ${res.status} ${await res.text()}`);
    t.useBearer(role.email, (await res.json()).token);
  }
});

// ─── nothing changed

const UNTRACKED = new Set(['sessions', 'idempotency_keys', 'kysely_migration', 'kysely_migration_lock']);
let snapshotQuery: ReturnType<typeof sql.raw> | undefined;

/** count(*) and an md5 of every row, per table, as the owner connection (no RLS, no scope). */
async function snapshot(): Promise<Record<string, string>> {
  if (!snapshotQuery) {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
       where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.handle.db);
    const parts = tables.rows
      .map((r) => r.table_name)
      .filter((name) => !UNTRACKED.has(name))
      .map(
        (name) =>
          // a token's request stamps its last use (at most once a minute): that column is not a change
          `select '${name}' as t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${
            name === 'api_tokens'
              ? '(select district_id, token_id, membership_id, created_by, community_id, partner_id, venture_id, name, scopes, secret_hash, expires_at, revoked_at, revoked_by, created_at from api_tokens)'
              : `"${name}"`
          } x`,
      );
    snapshotQuery = sql.raw(parts.join(' union all '));
  }
  const result = await sql<{ t: string; h: string }>`${snapshotQuery}`.execute(t.handle.db);
  return Object.fromEntries(result.rows.map((r) => [r.t, r.h]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>) {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}

// ─── calling an operation

function urlOf(op: Operation, target: TargetName): string {
  const set = fixtures[target];
  const resource = FIXTURES[op.prefix] as string;
  return `/api${op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === op.params[0]) return set[resource] as string;
    const key = PARAM_FIXTURES[name];
    return (key && set[key]) || randomUUID();
  })}`;
}

async function call(op: Operation, role: Role, target: TargetName) {
  const url = urlOf(op, target);
  const write = op.method === 'post' || op.method === 'put' || op.method === 'patch';
  const res = await t.request(url, {
    method: op.method.toUpperCase(),
    as: role.email,
    ...(write ? { body: JSON.stringify({ version: 1 }) } : {}),
  });
  return { url, status: res.status, body: await res.text() };
}

/** The GET of the object itself, same role, same id: 404/403 proves the object unreachable. */
async function provenUnreachable(op: Operation, role: Role, target: TargetName): Promise<string | null> {
  const getPath = `/v1${op.prefix}/{${op.params[0]}}`;
  if (!hasGet.has(getPath)) return `no GET ${getPath} in the document to prove the object unreachable`;
  const res = await t.request(urlOf({ ...op, method: 'get', path: getPath }, target), { as: role.email });
  return res.status === 404 || res.status === 403 ? null : `GET ${getPath} answered ${res.status}`;
}

function targetsOf(op: Operation, role: Role): TargetName[] {
  const targets: TargetName[] = [role.otherDistrict];
  if (role.otherCommunity && !DISTRICT_LEVEL.has(op.prefix)) targets.unshift(role.otherCommunity);
  if (role.venture && VENTURE_LEVEL.has(op.prefix)) targets.unshift(role.venture.sameCommunity);
  return targets;
}

describe('the document is the matrix', () => {
  it('has the operations the matrix is meant to cover', () => {
    const names = byId.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(names).toContain('GET /v1/communities/{id}');
    expect(names).toContain('POST /v1/warnings/{id}/resolve');
    expect(lists.map((op) => op.path)).toContain('/v1/audit');
  });
});

/**
 * Positive control: the fixtures are real objects of their resource. The owning district's admin GETs each
 * of them (and their sub-resources) with 200; otherwise every 404 above could come from a wrong id.
 */
const OWNER: Record<TargetName, string> = {
  jinhui: 'admin@dongqu.demo',
  wangjiangjie: 'admin@dongqu.demo',
  geliping: 'admin@xiqu.demo',
  xiqu2: 'admin@xiqu.demo',
};
const readable = byId.filter(
  (op) => op.method === 'get' && FIXTURES[op.prefix] && op.params.slice(1).every((p) => PARAM_FIXTURES[p]),
);
describe.each(readable.map((op) => [`GET ${op.path}`, op] as const))('%s (positive control)', (_, op) => {
  it.each(Object.keys(OWNER) as TargetName[])(
    'the owning district admin reads the %s fixture',
    async (target) => {
      const url = urlOf(op, target);
      const res = await t.request(url, { as: OWNER[target] });
      expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
    },
  );
});

describe.each(byId.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', (_, op) => {
  if (!FIXTURES[op.prefix]) {
    it('has a fixture for its resource', () => {
      expect.fail(
        `no fixture for "${op.prefix}": add one to FIXTURES (and createFixtures) in apps/api/src/isolation-matrix.test.ts so this route is tested for isolation`,
      );
    });
    return;
  }
  it.each(MATRIX_ROLES.map((role) => [role.email, role] as const))(
    '%s cannot reach another community’s or district’s object, and nothing changes',
    async (_email, role) => {
      const before = await snapshot();
      const failures: string[] = [];
      for (const target of targetsOf(op, role)) {
        const { url, status, body } = await call(op, role, target);
        if (status === 404 || status === 403) continue;
        if (status === 400) {
          const why = await provenUnreachable(op, role, target);
          if (!why) continue;
          failures.push(`${op.method.toUpperCase()} ${url} (${target}) → 400, not accepted: ${why}`);
          continue;
        }
        failures.push(`${op.method.toUpperCase()} ${url} (${target}) → ${status} ${body.slice(0, 200)}`);
      }
      const changed = changedTables(before, await snapshot());
      expect(failures, 'answers other than 404/403 (or a proven 400)').toEqual([]);
      expect(changed, 'tables changed by refused requests').toEqual([]);
    },
  );
});

/** Every id in an answer that says where it belongs, wherever it is nested. */
function placesIn(value: unknown, isCommunityList: boolean, depth = 0): Array<{ key: string; id: string }> {
  if (!value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v) => placesIn(v, isCommunityList, depth + 1));
  const found: Array<{ key: string; id: string }> = [];
  for (const [key, v] of Object.entries(value)) {
    if ((key === 'districtId' || key === 'communityId') && typeof v === 'string') found.push({ key, id: v });
    // the items of the community list are communities: their id says where they belong
    else if (isCommunityList && depth === 2 && key === 'id' && typeof v === 'string')
      found.push({ key: 'communityId', id: v });
    else found.push(...placesIn(v, isCommunityList, depth + 1));
  }
  return found;
}

/**
 * For a token limited to one venture: the ventures an answer names other than the token's — every `ventureId`,
 * wherever it is nested, and the items of the venture list (their `id`).
 */
function otherVentures(role: Role, value: unknown, path: string): string[] {
  if (!role.venture) return [];
  const found: string[] = [];
  const walk = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    for (const [key, v] of Object.entries(node)) {
      if (key === 'ventureId' && typeof v === 'string') found.push(v);
      else if (path === '/v1/ventures' && depth === 2 && key === 'id' && typeof v === 'string') found.push(v);
      else walk(v, depth + 1);
    }
  };
  walk(value, 0);
  const own = role.venture.id;
  return [...new Set(found.filter((id) => id !== own))];
}

function outOfReach(role: Role, place: { key: string; id: string }): boolean {
  if (place.key === 'districtId') return place.id !== role.districtId;
  const district = districtOfCommunity.get(place.id);
  if (district !== undefined && district !== role.districtId) return true;
  if (role.communityId) return place.id !== role.communityId;
  if (role.partner) return !partnerCommunities.has(place.id);
  return role.districtId === null;
}

describe.each(lists.map((op) => [`GET ${op.path}`, op] as const))('%s (a list)', (_, op) => {
  it.each(MATRIX_ROLES.map((role) => [role.email, role] as const))(
    '%s sees nothing of another district or community',
    async (_email, role) => {
      const before = await snapshot();
      const res = await t.request(`/api${op.path}${defaultQuery(op)}`, { as: role.email });
      expect(res.status, await res.clone().text()).toBeLessThan(500);
      if (res.ok) {
        const answer = await res.json();
        const leaks = placesIn(answer, op.path === '/v1/communities')
          .filter((place) => outOfReach(role, place))
          .map((place) => `${place.key} ${place.id}`);
        expect([...new Set(leaks)], 'ids out of the role’s reach').toEqual([]);
        expect(otherVentures(role, answer, op.path), 'ventures other than the token’s').toEqual([]);
      }
      expect(changedTables(before, await snapshot()), 'tables changed by a read').toEqual([]);
    },
  );
});

/**
 * Query parameters that name an object, and the fixture to name: a list filtered by another community's or
 * district's object must answer 404/403, or 200 with nothing out of the role's reach — a filter narrows the scope,
 * it never replaces it. Required parameters that name nothing take QUERY_DEFAULTS; an operation whose other
 * required parameters have no default is left to its feature's tests (counted below).
 */
const ID_QUERIES: Record<string, string> = {
  communityId: 'community',
  ventureId: 'venture',
  companyId: 'company',
  fundId: 'fund',
  proposalId: 'proposal',
  pledgeId: 'pledge',
  reportId: 'report',
};
// the distribution-rule preview's proposed split sums to 10,000 bp
const QUERY_DEFAULTS: Record<string, string> = {
  month: '2026-10',
  year: '2026',
  governanceFundBp: '4000',
  reserveBp: '5000',
  otherBp: '1000',
};

function defaultQuery(op: Operation, named: Record<string, string> = {}): string {
  const params = new URLSearchParams(named);
  for (const q of op.query) {
    const value = QUERY_DEFAULTS[q.name];
    if (q.required && !params.has(q.name) && value) params.set(q.name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const filterable = lists.flatMap((op) =>
  op.query
    .filter((q) => ID_QUERIES[q.name])
    .filter(() =>
      op.query.every((other) => !other.required || ID_QUERIES[other.name] || QUERY_DEFAULTS[other.name]),
    )
    .map((q) => ({ op, param: q.name })),
);

describe.each(filterable.map(({ op, param }) => [`GET ${op.path}?${param}=`, op, param] as const))(
  '%s another community’s or district’s object',
  (_, op, param) => {
    it.each(MATRIX_ROLES.map((role) => [role.email, role] as const))(
      '%s gets 404/403 or nothing out of its reach',
      async (_email, role) => {
        const failures: string[] = [];
        for (const target of targetsOf(op, role)) {
          const id = fixtures[target][ID_QUERIES[param] as string] as string;
          // every required parameter that names an object names the target's (history: ventureId and month)
          const named = Object.fromEntries(
            op.query
              .filter((q) => q.name === param || (q.required && ID_QUERIES[q.name]))
              .map((q) => [q.name, fixtures[target][ID_QUERIES[q.name] as string] as string]),
          );
          const url = `/api${op.path}${defaultQuery(op, { ...named, [param]: id })}`;
          const res = await t.request(url, { as: role.email });
          if (res.status === 404 || res.status === 403) continue;
          if (res.status !== 200) {
            failures.push(`${url} (${target}) → ${res.status} ${(await res.text()).slice(0, 200)}`);
            continue;
          }
          const answer = await res.json();
          const leaks = placesIn(answer, op.path === '/v1/communities').filter((place) =>
            outOfReach(role, place),
          );
          if (leaks.length > 0)
            failures.push(`${url} (${target}) → 200 with ${leaks.length} ids out of reach`);
          const ventures = otherVentures(role, answer, op.path);
          if (ventures.length > 0)
            failures.push(
              `${url} (${target}) → 200 naming ${ventures.length} ventures other than the token’s`,
            );
        }
        expect(failures).toEqual([]);
      },
    );
  },
);

/**
 * Exports (ADR 0018): every view, for every role, as CSV (the same rows as the xlsx). Nothing named after an
 * object out of the role's reach — the fixtures' `隔离测试-<target>` names, the second 西区 community's name — may
 * be in the file, and a refusal is the view's own (403/404/400, never 5xx). The ledger is exported with each
 * target's fund: out of reach, 404/403.
 */
// every view but the ledger (below, with each target's fund): a view missing here does not typecheck
const EXPORT_QUERIES: Record<Exclude<ExportView, 'ledger'>, string> = {
  'kpi-overview': 'month=2026-10',
  'kpi-series': 'kpi=operating_revenue&from=2025-11&to=2026-10&groupBy=community',
  'kpi-ranking': 'kpi=operating_revenue&month=2026-10',
  'reporting-matrix': 'from=2026-01&to=2026-10',
  'fund-flow': 'period=year&month=2026-10',
  'kpi-mix': 'month=2026-10',
  communities: '',
  reports: '',
  funds: '',
  proposals: '',
  pledges: '',
  warnings: '',
  audit: '',
  ventures: '',
  companies: '',
  assets: '',
  partners: '',
  agreements: '',
  'street-offices': '',
  users: '',
};
const TARGETS: TargetName[] = ['jinhui', 'wangjiangjie', 'geliping', 'xiqu2'];

describe.each(ROLES.map((role) => [role.email, role] as const))('exports as %s', (_email, role) => {
  const unreachable = () =>
    TARGETS.filter((target) =>
      outOfReach(role, { key: 'communityId', id: fixtures[target].community as string }),
    );
  const markersOf = (targets: TargetName[]) =>
    targets.flatMap((target) => [`隔离测试-${target}`, ...(target === 'xiqu2' ? ['隔离测试第二社区'] : [])]);

  it('no view’s file holds another community’s or district’s rows', async () => {
    const markers = markersOf(unreachable());
    expect(markers.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let exported = 0;
    let all = '';
    for (const [view, query] of Object.entries(EXPORT_QUERIES)) {
      const res = await t.request(`/api/v1/exports/${view}?format=csv&${query}`, { as: role.email });
      const text = await res.text();
      if (res.status >= 500) failures.push(`${view} → ${res.status}`);
      if (res.status !== 200) continue;
      exported++;
      all += text;
      const leaked = markers.filter((marker) => text.includes(marker));
      if (leaked.length > 0) failures.push(`${view} holds ${leaked.join(', ')}`);
    }
    expect(failures).toEqual([]);
    // the platform operator reads no business data; every other role exports something
    if (role.districtId) expect(exported).toBeGreaterThan(0);
    // positive control: a district role's files do hold its own district's markers, so their absence above means something
    if (role.districtId && !role.communityId && !role.partner) {
      const own = markersOf(TARGETS.filter((target) => !unreachable().includes(target)));
      expect(own.filter((marker) => !all.includes(marker))).toEqual([]);
    }
  });

  it('the ledger of an unreachable fund is refused; a district role exports its own district’s', async () => {
    for (const target of TARGETS) {
      const res = await t.request(`/api/v1/exports/ledger?format=csv&fundId=${fixtures[target].fund}`, {
        as: role.email,
      });
      const text = await res.text();
      if (unreachable().includes(target)) {
        expect([403, 404], `${target}: ${res.status}`).toContain(res.status);
      } else if (role.districtId && !role.communityId && !role.partner) {
        // the positive control: a district role exports its own district's fund ledgers
        expect(res.status, `${target}: ${text.slice(0, 200)}`).toBe(200);
        expect(text.split('\r\n')[0]).toBe('记账时间,拨付日期,所属月份,类型,收支,金额,余额,摘要,已冲正');
      } else {
        // its own community's fund, for a role that may or may not read funds (a reporter, a partner)
        expect([200, 403, 404], `${target}: ${res.status} ${text.slice(0, 200)}`).toContain(res.status);
      }
    }
  });
});

describe('POST /v1/reports/locks naming another community or district', () => {
  it.each(ROLES.map((role) => [role.email, role] as const))(
    '%s gets 404/403 and nothing changes',
    async (_email, role) => {
      const before = await snapshot();
      for (const target of [role.otherCommunity ?? role.otherDistrict, role.otherDistrict]) {
        const res = await t.request('/api/v1/reports/locks', {
          method: 'POST',
          as: role.email,
          body: JSON.stringify({ month: '2024-04', communityId: fixtures[target].community }),
        });
        expect([403, 404], `${target}: ${await res.clone().text()}`).toContain(res.status);
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
    },
  );
});

describe('PUT /v1/kpis/targets naming another community or district', () => {
  it.each(ROLES.map((role) => [role.email, role] as const))(
    '%s gets 404/403 and nothing changes',
    async (_email, role) => {
      const before = await snapshot();
      for (const target of [role.otherCommunity ?? role.otherDistrict, role.otherDistrict]) {
        const res = await t.request('/api/v1/kpis/targets', {
          method: 'PUT',
          as: role.email,
          body: JSON.stringify({
            year: 2026,
            changes: [
              { communityId: fixtures[target].community, kpi: 'operating_revenue', value: 1, version: 1 },
            ],
          }),
        });
        expect([403, 404], `${target}: ${await res.clone().text()}`).toContain(res.status);
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
    },
  );
});

describe('POST /v1/distribution-rules and its preview naming another community or district', () => {
  it.each(ROLES.map((role) => [role.email, role] as const))(
    '%s gets 404/403 and nothing changes',
    async (_email, role) => {
      const before = await snapshot();
      const split = { governanceFundBp: 4000, reserveBp: 5000, otherBp: 1000 };
      for (const target of [role.otherCommunity ?? role.otherDistrict, role.otherDistrict]) {
        const communityId = fixtures[target].community as string;
        const created = await t.request('/api/v1/distribution-rules', {
          method: 'POST',
          as: role.email,
          body: JSON.stringify({ communityId, effectiveFrom: '2027-01', ...split }),
        });
        expect([403, 404], `${target}: ${await created.clone().text()}`).toContain(created.status);
        const query = new URLSearchParams({
          communityId,
          governanceFundBp: '4000',
          reserveBp: '5000',
          otherBp: '1000',
        });
        const preview = await t.request(`/api/v1/distribution-rules/preview?${query}`, { as: role.email });
        expect([403, 404], `${target}: ${await preview.clone().text()}`).toContain(preview.status);
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
    },
  );
});

/**
 * Excel in (issue 15): the template of every role lists only ventures within its reach, and a filled file naming
 * another community's or district's venture is refused as unknown by the dry run and by both imports, nothing changed.
 */
describe('Excel in: the template and the import', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const ID_HEADER = '系统编号（请勿修改）';

  it.each(ROLES.map((role) => [role.email, role] as const))(
    '%s downloads a template of its own ventures only',
    async (_email, role) => {
      const res = await t.request('/api/v1/reports/workbook/template?month=2026-10', { as: role.email });
      if (role.districtId === null) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status, await res.clone().text()).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const ids: string[] = [];
      for (const sheet of workbook.worksheets) {
        let column = 0;
        sheet.getRow(1).eachCell((cell, n) => {
          if (cell.value === ID_HEADER) column = n;
        });
        if (!column) continue;
        sheet.eachRow((row, n) => {
          if (n > 1) ids.push(String(row.getCell(column).value));
        });
      }
      const places = await sql<{
        venture_id: string;
        community_id: string;
        district_id: string;
        operator_partner_id: string | null;
      }>`
        select venture_id, community_id, district_id, operator_partner_id from ventures`.execute(t.handle.db);
      const byVenture = new Map(places.rows.map((r) => [r.venture_id, r]));
      const outside = ids.filter((id) => {
        const v = byVenture.get(id);
        if (!v || v.district_id !== role.districtId) return true;
        if (role.communityId) return v.community_id !== role.communityId;
        if (role.partner) return v.operator_partner_id !== DEMO_IDS.soe;
        return false;
      });
      expect(outside, 'ventures out of the role’s reach in its template').toEqual([]);
    },
  );

  async function fileNaming(ventureIds: string[]): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('月报');
    const figures = [
      '营业收入',
      '运营成本',
      '稳定就业岗位',
      '临时就业岗位',
      '服务居民人数',
      '服务人次',
      '服务老年人',
      '服务儿童',
      '应上缴社区',
      '实际上缴社区',
      '服务请求数',
      '承诺时限内响应数',
    ];
    sheet.addRow([ID_HEADER, '月份', ...figures]);
    for (const id of ventureIds) sheet.addRow([id, '2026-10', 100, 50, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it.each(ROLES.map((role) => [role.email, role] as const))(
    '%s cannot report on another community’s or district’s venture by file, and nothing changes',
    async (_email, role) => {
      const targets = [role.otherCommunity, role.otherDistrict].filter((x): x is TargetName => x !== null);
      const file = await fileNaming(targets.map((target) => fixtures[target].venture as string));
      const before = await snapshot();
      for (const path of ['check', 'import?mode=draft', 'import?mode=submit']) {
        const res = await t.request(`/api/v1/reports/workbook/${path}`, {
          method: 'POST',
          as: role.email,
          body: file as RequestInit['body'],
          headers: { 'Content-Type': XLSX },
        });
        const body = await res.json();
        if (res.status === 403) continue;
        expect([200, 422], `${path}: ${JSON.stringify(body).slice(0, 300)}`).toContain(res.status);
        const check = path === 'check' ? body : body.check;
        expect(check.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual(
          targets.map((_, i) => [i + 2, 'import_unknown_venture']),
        );
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
    },
  );
});

describe('the matrix ran', () => {
  it('covered every operation by id for every role', () => {
    // printed so a run says how much it covered
    console.info(
      `isolation matrix: ${byId.length} operations by id × ${MATRIX_ROLES.length} roles = ${byId.length * MATRIX_ROLES.length} cases; ` +
        `${lists.length} lists × ${MATRIX_ROLES.length} roles; ${filterable.length} list filters naming an object × ${MATRIX_ROLES.length} roles`,
    );
    expect(byId.length).toBeGreaterThan(0);
    // the reports' filters and the venture history are among them
    const covered = filterable.map(({ op, param }) => `${op.path}?${param}`);
    expect(covered).toEqual(
      expect.arrayContaining([
        '/v1/reports?communityId',
        '/v1/reports?ventureId',
        '/v1/reports/status?communityId',
        '/v1/reports/history?ventureId',
        '/v1/distribution-rules/preview?communityId',
      ]),
    );
  });
});
