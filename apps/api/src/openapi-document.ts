import { tokenScopeFor } from './middleware/api-token';

/**
 * What every operation of the OpenAPI document has in common, added in one place after the routes are
 * collected (issue 13): the session cookie as a security scheme and each operation's `security`, the error
 * answers the server's middleware can give to every request (not only those a route's handler names), an
 * operationId from the method and path, a description, the tags' list, and the integer formats. A route's
 * own declarations always win; nothing here promises an answer the server does not give.
 */

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is plain JSON, walked generically
type Json = any;

export const SESSION_SCHEME = 'sessionCookie';
export const API_TOKEN_SCHEME = 'apiToken';

/** Operations anyone may call, without a session: health, login, the public disclosure board. */
function isPublic(path: string): boolean {
  return !path.startsWith('/v1/') || path === '/v1/auth/login';
}
/** Logout ends the session it is given, and answers 204 without one too. */
const SESSION_OPTIONAL = new Set(['/v1/auth/logout']);

/** a path parameter's stand-in when asking which operations a token may call */
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

const TAGS: Record<string, string> = {
  operations: 'Liveness and readiness, for the operator’s probes',
  auth: 'Login, logout and the current user (the session cookie)',
  communities: 'The communities of a district',
  'street offices': 'Street offices (街道), which group communities',
  assets: 'The register’s collective assets',
  partners: 'Partner organisations of communities',
  companies: 'Collective companies of communities',
  agreements: 'Agreements between communities and partners',
  ventures: 'Joint ventures',
  district: 'District settings',
  reports: 'Monthly reports: drafts, submission, review, Excel templates and import',
  distribution: 'Distribution rules and their application',
  funds: 'Community funds and their ledger',
  proposals: 'Spending proposals on funds',
  pledges: 'Pledges to funds and their fulfilment',
  warnings: 'Early warnings',
  audit: 'The audit trail',
  kpis: 'Indicators, rankings and targets',
  users: 'Users and their memberships',
  platform: 'Districts, for the platform operator',
  exports: 'Exports of lists and reports (Excel, CSV, PDF)',
  public: 'The public disclosure board, without login',
  'api tokens': 'API tokens for company systems (managed with a session; a token cannot reach them)',
};

/** The header a retried write sends: its first answer is replayed, per session user or per API token. */
const IDEMPOTENCY_KEY = {
  in: 'header',
  name: 'Idempotency-Key',
  required: false,
  description:
    'Makes a retried write safe: the first answer to this key is kept (per user for a session, per API token for ' +
    'a token) and replayed with `Idempotent-Replayed: true`, without writing again; the same key with another ' +
    'body is 422 `idempotency_key_reused`, and while the first is still running 409 `idempotency_in_progress`.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,200}$', maxLength: 200 },
};

const errorRef = { $ref: '#/components/schemas/Error' };
const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorRef } },
});

/** `get /v1/communities/{id}/members` → `getCommunitiesByIdMembers` */
function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/v1\//, '/')
    .split(/[/\-_ ]+/)
    .filter(Boolean)
    .map((part) => {
      const param = /^\{(.+)\}$/.exec(part);
      const word = param ? `by-${param[1]}` : part;
      return word
        .split('-')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('');
    });
  return method + words.join('');
}

function withIntegerFormats(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) withIntegerFormats(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const isInteger = node.type === 'integer' || (Array.isArray(node.type) && node.type.includes('integer'));
  if (isInteger && node.format === undefined) {
    // zod's integers are safe integers: within int64 always, int32 when their bounds say so
    const int32 =
      typeof node.minimum === 'number' &&
      typeof node.maximum === 'number' &&
      node.minimum >= -(2 ** 31) &&
      node.maximum <= 2 ** 31 - 1;
    node.format = int32 ? 'int32' : 'int64';
  }
  for (const value of Object.values(node)) withIntegerFormats(value);
}

/**
 * The longest string an anchored pattern such as `^\\d{4}-(0[1-9]|1[0-2])$` matches: literals, escapes,
 * classes, groups with alternatives and bounded quantifiers. Undefined when unbounded (`*`, `+`, `{n,}`)
 * or not understood.
 */
export function patternMaxLength(pattern: string): number | undefined {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return undefined;
  let i = 1;
  const end = pattern.length - 1;
  // returns the longest match of an alternation up to `)` or the end
  const alternation = (): number | undefined => {
    let best = 0;
    let current = 0;
    while (i < end && pattern[i] !== ')') {
      if (pattern[i] === '|') {
        best = Math.max(best, current);
        current = 0;
        i++;
        continue;
      }
      let atom: number | undefined;
      const ch = pattern[i];
      if (ch === '\\') {
        atom = 1;
        i += 2;
      } else if (ch === '[') {
        i++;
        if (pattern[i] === '^') i++;
        if (pattern[i] === ']') i++;
        while (i < end && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
        if (pattern[i] !== ']') return undefined;
        i++;
        atom = 1;
      } else if (ch === '(') {
        i++;
        if (pattern.startsWith('?:', i)) i += 2;
        else if (pattern[i] === '?') return undefined;
        atom = alternation();
        if (atom === undefined || pattern[i] !== ')') return undefined;
        i++;
      } else if ('*+?{}^$.'.includes(ch ?? '')) {
        if (ch !== '.') return undefined;
        atom = 1;
        i++;
      } else {
        atom = 1;
        i++;
      }
      let times = 1;
      if (pattern[i] === '?') {
        i++;
      } else if (pattern[i] === '*' || pattern[i] === '+') {
        return undefined;
      } else if (pattern[i] === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
        if (!m) return undefined;
        if (m[2] !== undefined && m[3] === '') return undefined;
        times = Number(m[3] ?? m[1]);
        i += m[0].length;
      }
      current += atom * times;
    }
    return Math.max(best, current);
  };
  const max = alternation();
  return i === end ? max : undefined;
}

/** Formats whose check fixes the length: a uuid is 36 characters, a date (YYYY-MM-DD) 10. */
const FORMAT_LENGTH: Record<string, number> = { uuid: 36, date: 10 };

function withStringBounds(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) withStringBounds(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const isString = node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string'));
  if (isString && node.maxLength === undefined && node.enum === undefined && node.const === undefined) {
    const max =
      (typeof node.format === 'string' ? FORMAT_LENGTH[node.format] : undefined) ??
      (typeof node.pattern === 'string' ? patternMaxLength(node.pattern) : undefined);
    if (max !== undefined) node.maxLength = max;
  }
  for (const value of Object.values(node)) withStringBounds(value);
}

export function finishOpenApiDocument(doc: Json): Json {
  doc.components ??= {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    [SESSION_SCHEME]: {
      type: 'apiKey',
      in: 'cookie',
      name: 'gongfu_session',
      description:
        'The session set by POST /api/v1/auth/login: HttpOnly, SameSite=Lax; named `__Host-gongfu_session` ' +
        'over HTTPS. Writes from a browser must come from the same origin (scheme, host and port).',
    },
  };
  doc.components.securitySchemes[API_TOKEN_SCHEME] = {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token of a company system (`gft_…`), created under “API 令牌” by a community admin or a partner ' +
      'operator: `Authorization: Bearer <token>`. It acts as its creator’s membership and reaches only the ' +
      'operations that list it, each under one of its scopes (report:write, report:read, register:read); a token ' +
      'created for one venture reaches that venture’s ventures, reports and agreements only (`ventureId` of ' +
      'ApiToken). Writes honour `Idempotency-Key`, kept per token. Rate limited per token (429 with Retry-After). ' +
      'See docs/api-tokens.md.',
  };
  // the API serves the admin app and its users: not an internal-only service
  doc.servers = (doc.servers ?? []).map((server: Json) => ({ 'x-internal': false, ...server }));

  const used = new Set<string>();
  const ids = new Set<string>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (!METHODS.has(method)) continue;
      for (const tag of op.tags ?? []) used.add(tag);
      const open = isPublic(path);
      const optional = SESSION_OPTIONAL.has(path);
      op.security ??= open ? [] : optional ? [{ [SESSION_SCHEME]: [] }, {}] : [{ [SESSION_SCHEME]: [] }];
      // the operations an API token may call (ADR 0026) take it as the alternative to the session
      const tokenScope = tokenScopeFor(method.toUpperCase(), path.replaceAll(/\{[^}]+\}/g, SAMPLE_ID));
      if (tokenScope) {
        op.security = [...op.security, { [API_TOKEN_SCHEME]: [] }];
        op['x-api-token-scope'] = tokenScope;
        op.responses ??= {};
        op.responses['429'] ??= error('Too many requests with this API token (`api_token_rate_limited`)');
      }

      let id = op.operationId ?? operationIdOf(method, path);
      while (ids.has(id)) id += '_';
      ids.add(id);
      op.operationId = id;

      if (!op.description) {
        const who = open
          ? 'No session needed.'
          : optional
            ? 'With or without a session.'
            : 'Needs a session; the role and scope of its active membership decide what it reads and may change.';
        op.description = op.summary ? `${op.summary.replace(/[.。]$/, '')}. ${who}` : who;
      }

      op.responses ??= {};
      const responses = op.responses;
      const add = (status: string, response: Json) => {
        if (!responses[status]) responses[status] = response;
      };
      // every write with a session or a token honours Idempotency-Key (middleware/idempotency.ts)
      if (path.startsWith('/v1/') && WRITES.has(method) && !open) {
        op.parameters ??= [];
        if (!op.parameters.some((p: Json) => p.in === 'header' && /^idempotency-key$/i.test(p.name)))
          op.parameters.push(structuredClone(IDEMPOTENCY_KEY));
      }
      const hasInput = Boolean(op.requestBody) || (op.parameters?.length ?? 0) > 0;
      const v1 = path.startsWith('/v1/');
      if (hasInput) add('400', error('Invalid request; `fields` names each invalid field'));
      if (!open && !optional) add('401', error('No valid session'));
      if (v1 && WRITES.has(method)) {
        add('403', error('The role does not allow this, or a cross-site request (`cross_site_request`)'));
        add('409', error('A retry with the same Idempotency-Key while the first is running, or a duplicate'));
        add('422', error('An Idempotency-Key reused with another body'));
      } else if (!open && !optional) {
        add('403', error('The role does not allow this'));
      }
      if (op.requestBody) add('413', error('The body is larger than the limit (`payload_too_large`)'));
      // the login throttle's and the API tokens' refusals say when to try again
      if (responses['429'] && !responses['429'].headers?.['Retry-After']) {
        responses['429'].headers = {
          ...responses['429'].headers,
          'Retry-After': {
            description: 'Seconds until another attempt is counted',
            schema: { type: 'integer', minimum: 1, maximum: 86400 },
          },
        };
      }
      if (path !== '/health') add('503', error('The database is unavailable or the statement took too long'));
      add('500', error('An unexpected error (`internal_error`); logged with the request id'));
    }
  }
  doc.tags = [
    ...(doc.tags ?? []),
    ...[...used]
      .filter((name) => !(doc.tags ?? []).some((tag: Json) => tag.name === name))
      .map((name) => ({ name, description: TAGS[name] ?? name })),
  ];
  withIntegerFormats(doc);
  // bounds the schema's format or pattern already enforces, written out as maxLength
  withStringBounds(doc);
  return doc;
}
