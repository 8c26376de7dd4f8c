/**
 * The limit `pnpm bench` holds a list request to (issue 14): the least work a correct, RLS-scoped endpoint can
 * do, with no framework and no query builder — `node:http` and `postgres`. For each request it parses the
 * session cookie and, on one reserved connection, in ONE transaction and TWO round trips:
 *   1. writes at once `BEGIN` with the session scope (one simple-protocol message: `begin; select set_config(…)`)
 *      and the statement that reads the session, its user's state and the first membership and sets the
 *      membership's scope (role and settings, transaction-local) from the row it read;
 *   2. checks the secret (SHA-256, constant time) and the expiry — a refused session rolls back, nothing ran;
 *   3. writes at once the list's statements (BENCH_WORK: the very SQL the API ran for the request, captured) and
 *      `COMMIT`, as the API sends a page's rows and its count with its COMMIT (ADR 0030, ADR 0033);
 *   4. writes the rows as JSON: `{ items }` of the last statement, or with BENCH_SHAPE=page (a page of reports)
 *      `{ items, total }` from the first statement's rows and the last one's count `n`.
 * Until 2026-12-05 it used postgres.js's `sql.begin`, which makes `BEGIN`, the session scope, the check, the work
 * and `COMMIT` a round trip each (five): once the API made two, that was no longer the least (ADR 0033).
 * It must not skip the session check or the scope, and it does nothing else. Prints `{"port":…}` once listening.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import postgres from 'postgres';

interface Stmt {
  sql: string;
  params: unknown[];
}
const url = process.env.BENCH_DATABASE_URL;
const work = JSON.parse(process.env.BENCH_WORK ?? '[]') as Stmt[];
const page = process.env.BENCH_SHAPE === 'page';
if (!url || work.length === 0) throw new Error('BENCH_DATABASE_URL and BENCH_WORK are required');
const sql = postgres(url, {
  max: Number(process.env.BENCH_POOL ?? 10),
  onnotice: () => {},
  types: { bigint: postgres.BigInt },
});

const TOKEN = /(?:^|;\s*)gongfu_session=([a-z2-7]{32})\.([a-z2-7]{32})(?:;|$)/;
const SCOPE_ROLE: Record<string, string> = {
  district_admin: 'gongfu_district',
  district_viewer: 'gongfu_district',
  community_admin: 'gongfu_community',
  community_reporter: 'gongfu_community',
  partner_operator: 'gongfu_partner',
};

interface SessionRow {
  secret_hash: Uint8Array;
  expires_at: Date;
  absolute_expires_at: Date;
  disabled_at: Date | null;
  role: string | null;
}

class Refused extends Error {}

/** the session, its user's state, the first membership, and that membership's scope set from the row */
const CHECK = `select s.secret_hash, s.expires_at, s.absolute_expires_at, u.disabled_at, m.role,
        set_config('role', case m.role when 'district_admin' then 'gongfu_district' when 'district_viewer' then 'gongfu_district'
                            when 'partner_operator' then 'gongfu_partner' else 'gongfu_community' end, true),
        set_config('app.scope_kind', case when m.community_id is not null then 'community'
                                         when m.partner_id is not null then 'partner' else 'district' end, true),
        set_config('app.user_id', s.user_id::text, true),
        set_config('app.district_id', m.district_id::text, true),
        set_config('app.community_id', coalesce(m.community_id::text, ''), true),
        set_config('app.partner_id', coalesce(m.partner_id::text, ''), true)
   from sessions s join users u on u.user_id = s.user_id
   join lateral (select * from memberships m where m.user_id = s.user_id order by m.created_at, m.membership_id limit 1) m on true
  where s.session_id = $1`;

async function answer(cookie: string | undefined): Promise<Record<string, unknown>[][]> {
  const token = TOKEN.exec(cookie ?? '');
  if (!token) throw new Refused();
  const [, id, secret] = token as unknown as [string, string, string];
  const connection = await sql.reserve();
  try {
    // issued together: postgres.js writes both at once and the server runs them in order. The id matched
    // [a-z2-7]{32}: safe to splice into the simple-protocol message
    const [, [row]] = await Promise.all([
      connection.unsafe(
        `begin; select set_config('role', 'gongfu_app', true), set_config('app.scope_kind', 'session', true), set_config('app.session_id', '${id}', true)`,
      ),
      connection.unsafe<SessionRow[]>(CHECK, [id], { prepare: true }),
    ]);
    const now = Date.now();
    if (
      !row?.role ||
      !(row.role in SCOPE_ROLE) ||
      !timingSafeEqual(createHash('sha256').update(secret).digest(), Buffer.from(row.secret_hash)) ||
      now >= row.expires_at.getTime() ||
      now >= row.absolute_expires_at.getTime() ||
      row.disabled_at
    ) {
      throw new Refused(); // rolled back below: the scope set above ends with the transaction
    }
    // the work and COMMIT, issued together (a failed statement turns the COMMIT into a rollback)
    const results = await Promise.all([
      ...work.map((s) =>
        connection.unsafe<Record<string, unknown>[]>(s.sql, s.params as never[], { prepare: true }),
      ),
      connection.unsafe('commit'),
    ]);
    return results.slice(0, -1) as Record<string, unknown>[][];
  } catch (error) {
    await connection.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

const json = (value: unknown) =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : (v as unknown)));

const server = createServer((req, res) => {
  answer(req.headers.cookie).then(
    (results) => {
      const body = json(
        page ? { items: results[0], total: Number(results.at(-1)?.[0]?.n ?? 0) } : { items: results.at(-1) },
      );
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    (error) => {
      res.writeHead(error instanceof Refused ? 401 : 500, { 'content-type': 'application/json' });
      res.end(
        error instanceof Refused ? '{"error":{"code":"unauthenticated"}}' : '{"error":{"code":"internal"}}',
      );
    },
  );
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' ? address?.port : 0 })}\n`);
});
const stop = () => server.close(() => void sql.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
