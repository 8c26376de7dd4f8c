import { type ApiTokenScope, apiTokenIdOf, withRequestToken } from '@gongfu/auth';
import type { RequestScope, ScopedTransaction } from '@gongfu/db';
import { isRole, scopeOf } from '@gongfu/domain';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Actor, AppEnv } from '../context';
import { ApiError, errorBody } from '../errors';
import { dbScopeOf } from '../scope';

/**
 * Requests with `Authorization: Bearer <API token>` (ADR 0026). A token reaches only the operations below, each
 * under one of its scopes; anything else — approving, paying out, users, tokens, exports — is 403 before any SQL.
 * The request then runs in the scope of the token's creator's membership (`inTokenScope`, called by
 * `inRequestScope`), so RLS is exactly the creator's — narrowed to one venture for a token limited to one. A bearer request's cookie is ignored entirely
 * (`readSessionToken` answers nothing when a bearer is present): no mix of the two can act as the session.
 */
const ID = '[0-9a-fA-F-]{36}';
const REGISTER = '(ventures|companies|partners|agreements|assets|street-offices|communities)';
const RULES: ReadonlyArray<{ method: string; path: RegExp; scope: ApiTokenScope }> = [
  { method: 'POST', path: /^\/v1\/reports$/, scope: 'report:write' },
  { method: 'PATCH', path: new RegExp(`^/v1/reports/${ID}$`), scope: 'report:write' },
  { method: 'POST', path: new RegExp(`^/v1/reports/${ID}/submit$`), scope: 'report:write' },
  { method: 'GET', path: /^\/v1\/reports(\/status|\/history)?$/, scope: 'report:read' },
  { method: 'GET', path: new RegExp(`^/v1/reports/${ID}$`), scope: 'report:read' },
  { method: 'GET', path: new RegExp(`^/v1/${REGISTER}(/${ID})?$`), scope: 'register:read' },
];

/** The operation's required scope, or undefined when no token may call it. */
export function tokenScopeFor(method: string, apiPath: string): ApiTokenScope | undefined {
  return RULES.find((r) => r.method === method && r.path.test(apiPath))?.scope;
}

export interface TokenRateLimit {
  requests: number;
  windowMs: number;
}
/** 120 requests a minute per token: a month's reports for every venture of a community fit many times over. */
export const DEFAULT_TOKEN_RATE_LIMIT: TokenRateLimit = { requests: 120, windowMs: 60_000 };
const MAX_WINDOWS = 10_000;

export interface BearerRequest {
  token: string;
  scope: ApiTokenScope;
}

/**
 * Reads the bearer token, refuses it early (malformed 401, an operation no token may call 403, over its rate
 * 429 with Retry-After) and leaves it on the context for `inRequestScope`. The rate is counted per token id in
 * this process, in fixed windows, before the database is asked: a flood costs no statement.
 */
export function bearerToken(limit: TokenRateLimit = DEFAULT_TOKEN_RATE_LIMIT) {
  const windows = new Map<string, { start: number; count: number }>();
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('bearer', undefined);
    const header = c.req.header('authorization');
    if (header === undefined) return next();
    const token = /^Bearer +(\S+)$/i.exec(header.trim())?.[1];
    const tokenId = token ? apiTokenIdOf(token) : null;
    if (!token || !tokenId) {
      c.header('WWW-Authenticate', 'Bearer');
      return c.json(errorBody(c, 'api_token_invalid'), 401);
    }
    const now = Date.now();
    let window = windows.get(tokenId);
    if (!window || now - window.start >= limit.windowMs) {
      if (!window && windows.size >= MAX_WINDOWS) {
        for (const [id, w] of windows) if (now - w.start >= limit.windowMs) windows.delete(id);
      }
      window = { start: now, count: 0 };
      windows.set(tokenId, window);
    }
    window.count += 1;
    if (window.count > limit.requests) {
      const seconds = Math.max(1, Math.ceil((window.start + limit.windowMs - now) / 1000));
      c.header('Retry-After', String(seconds));
      return c.json(errorBody(c, 'api_token_rate_limited', undefined, { seconds }), 429);
    }
    const scope = tokenScopeFor(c.req.method, c.req.path.replace(/^\/api/, ''));
    if (!scope) return c.json(errorBody(c, 'api_token_route_not_allowed'), 403);
    c.set('bearer', { token, scope });
    await next();
  });
}

/**
 * The request's one transaction under its API token: the token checked, the operation's scope required, the
 * creator's membership made the scope, `work` run with `app.api_token_id` set (the audit trigger names the
 * token). Any refusal of the token itself is one 401.
 */
export async function inTokenScope<T>(
  c: Context<AppEnv>,
  bearer: BearerRequest,
  work: (trx: ScopedTransaction, actor: Actor) => Promise<T>,
): Promise<T> {
  const result = await withRequestToken(
    c.get('deps').db,
    bearer.token,
    {},
    (token) => {
      if (!token.scopes.includes(bearer.scope)) {
        throw new ApiError(403, 'api_token_scope_missing', undefined, { scope: bearer.scope });
      }
      const { membership } = token;
      if (!isRole(membership.role)) throw new ApiError(403, 'forbidden');
      const actor: Actor = {
        userId: token.user.id,
        scope: scopeOf(token.user.id, {
          id: membership.membershipId,
          role: membership.role,
          districtId: membership.districtId,
          communityId: membership.communityId,
          partnerId: membership.partnerId,
        }),
      };
      c.set('actor', actor);
      c.set('apiToken', { id: token.tokenId, name: token.name, ventureId: token.ventureId });
      const scope = dbScopeOf(actor.scope) as RequestScope;
      // a token for one venture: the venture-keyed tables' policies keep that venture's rows only
      // (migration 2026-12-07T1000); a token's creator is a community's or a partner's, never a district's
      if (token.ventureId !== null) {
        if (scope.kind !== 'community' && scope.kind !== 'partner') throw new ApiError(403, 'forbidden');
        return { scope: { ...scope, ventureId: token.ventureId }, context: actor };
      }
      return { scope, context: actor };
    },
    (trx, actor) => work(trx, actor),
  );
  if (result.ok) return result.value;
  c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
  throw new ApiError(401, 'api_token_invalid');
}
