import { hashPassword, LoginThrottle } from '@gongfu/auth';
import { type DatabaseHandle, DEMO_PASSWORD, seedDemo } from '@gongfu/db';
import { createTestDatabase } from '@gongfu/db/testing';
import pino from 'pino';
import { createApp, type Deps } from '../app';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  handle: DatabaseHandle;
  /** the session cookie of a demo account, logged in through the real endpoint (cached per account) */
  cookieOf(email: string): Promise<string>;
  /** drops a cached cookie (its session ended): the next request as that account logs in again */
  forgetCookie(email: string): void;
  /** makes `as: name` send `Authorization: Bearer <token>` instead of a cookie (API tokens, ADR 0026) */
  useBearer(name: string, token: string): void;
  request(path: string, init?: RequestInit & { as?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (PGlite, or PostgreSQL with DATABASE_URL) with the demo district; `onStatement`
 * sees every message the driver sends (to count a request's statements).
 */
export async function createTestApp(
  options: Pick<Deps, 'testClock' | 'adminDist' | 'apiTokenRateLimit'> & {
    onStatement?: (text: string) => void;
  } = {},
): Promise<TestApp> {
  const { onStatement, ...deps } = options;
  const handle = await createTestDatabase(onStatement ? { onStatement } : {});
  await seedDemo(handle.db, { hashPassword });
  const app = createApp({
    db: handle.db,
    dbKind: handle.kind,
    logger: pino({ level: 'silent' }),
    throttle: new LoginThrottle(),
    ...deps,
  });
  const cookies = new Map<string, string>();
  const bearers = new Map<string, string>();

  async function cookieOf(email: string) {
    const cached = cookies.get(email);
    if (cached) return cached;
    const res = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    cookies.set(email, cookie);
    return cookie;
  }

  async function request(path: string, init: RequestInit & { as?: string } = {}) {
    const { as, ...rest } = init;
    const headers = new Headers(rest.headers);
    const bearer = as ? bearers.get(as) : undefined;
    if (bearer) headers.set('authorization', `Bearer ${bearer}`);
    else if (as) headers.set('cookie', await cookieOf(as));
    if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return app.request(path, { ...rest, headers });
  }

  return {
    app,
    handle,
    cookieOf,
    forgetCookie: (email) => void cookies.delete(email),
    useBearer: (name, token) => void bearers.set(name, token),
    request,
    close: () => handle.close(),
  };
}

declare global {
  interface Response {
    /** tests read JSON bodies loosely; the API's own types are checked in the contract */
    // biome-ignore lint/suspicious/noExplicitAny: test-only loosening of Response.json()
    json(): Promise<any>;
  }
}
