import type { LoginThrottle } from '@gongfu/auth';
import type { Database, DatabaseKind } from '@gongfu/db';
import type { Scope } from '@gongfu/domain';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Lang } from './i18n/messages';

export interface Deps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  logger: Logger;
  throttle: LoginThrottle;
  /** built admin app to serve at `/`; absent in API-only tests */
  adminDist?: string | undefined;
  trustProxy?: boolean;
  /** the origin people reach the server at (PUBLIC_ORIGIN), for the CSRF check; else the request's URL */
  publicOrigin?: string | undefined;
  /** mounts `/api/test/clock` (browser flows; never in production — see env.ts) */
  testClock?: boolean;
  /** requests per window per API token (ADR 0026); the default when absent */
  apiTokenRateLimit?: import('./middleware/api-token').TokenRateLimit;
}

export interface SessionInfo {
  sessionId: string;
  user: {
    id: string;
    email: string;
    displayName: string;
    locale: 'zh-CN' | 'en';
    mustChangePassword?: boolean;
  };
}

/** Who acts on this request: the user and the one membership whose scope the request runs in. */
export interface Actor {
  userId: string;
  scope: Scope;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    lang: Lang;
    log: Logger;
    session: SessionInfo | undefined;
    memberships: import('@gongfu/domain').MembershipLike[];
    actor: Actor | undefined;
    /** an API token's request (ADR 0026): the token and the scope its operation needs */
    bearer: import('./middleware/api-token').BearerRequest | undefined;
    apiToken: { id: string; name: string; ventureId: string | null } | undefined;
  };
};
