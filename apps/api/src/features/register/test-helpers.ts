import { creditCodeCheckChar } from '@gongfu/domain';
import { sql } from 'kysely';
import type { TestApp } from '../../testing/test-app';

/** Shortcuts for the register's API tests: JSON requests as a demo account, and counts read as the owner. */
export function helpers(t: () => TestApp) {
  async function call(
    method: string,
    path: string,
    as?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await t().request(`/api/v1${path}`, {
      method,
      headers,
      ...(as ? { as } : {}),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  return {
    get: (path: string, as?: string, headers?: Record<string, string>) =>
      call('GET', path, as, undefined, headers),
    post: (path: string, as: string | undefined, body: unknown, headers?: Record<string, string>) =>
      call('POST', path, as, body, headers),
    patch: (path: string, as: string | undefined, body: unknown, headers?: Record<string, string>) =>
      call('PATCH', path, as, body, headers),
    put: (path: string, as: string | undefined, body: unknown, headers?: Record<string, string>) =>
      call('PUT', path, as, body, headers),
    del: (path: string, as?: string) => call('DELETE', path, as),
    /** rows of a table (or a join, written by the test) matching a condition, counted by the owner (no RLS) */
    async count(table: string, where: ReturnType<typeof sql> = sql`true`) {
      const r = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.raw(table)} where ${where}`.execute(t().handle.db);
      return r.rows[0]?.n ?? 0;
    },
    async auditActions(entityId: string) {
      const r = await sql<{
        action: string;
      }>`select action from audit_log where entity_id = ${entityId} order by created_at`.execute(
        t().handle.db,
      );
      return r.rows.map((row) => row.action);
    },
  };
}

/** A valid unified social credit code: 17 characters plus the check character the domain computes. */
export function creditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a wrong check character. */
export function withWrongCheck(code: string): string {
  const last = code.at(-1);
  return code.slice(0, 17) + (last === '0' ? '1' : '0');
}

export const DISTRICT_ADMIN = 'admin@dongqu.demo';
export const DISTRICT_VIEWER = 'viewer@dongqu.demo';
export const WANGJIANGJIE_ADMIN = 'wangjiangjie@dongqu.demo';
export const JINHUI_ADMIN = 'jinhui@dongqu.demo';
export const DUKOU_ADMIN = 'dukou@dongqu.demo';
export const JINHUI_REPORTER = 'reporter@jinhui.demo';
export const SOE_OPERATOR = 'soe@dongqu.demo';
export const XIQU_ADMIN = 'admin@xiqu.demo';
export const GELIPING_ADMIN = 'geliping@xiqu.demo';
export const PLATFORM_ADMIN = 'platform@gongfu.demo';
