import {
  getWarningRoute,
  listAuditActorsRoute,
  listAuditRoute,
  listWarningsRoute,
  refreshWarningsRoute,
  resolveWarningRoute,
  updateWarningRoute,
} from '@gongfu/contract';
import type { ScopedTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { foldsSession, inRequestScope } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import * as auditService from './audit-service';
import * as warnings from './warnings-service';

/** A runner of work in the request's one transaction: session checked, actor's scope set (ADR 0022). */
function scoped(c: Context<AppEnv>) {
  return <T>(work: (trx: ScopedTransaction, actor: Actor) => Promise<T>) => inRequestScope(c, work);
}

const warningRoutes = createRouter()
  .openapi(listWarningsRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await scoped(c)((trx, actor) => warnings.listWarnings(trx, actor, query)), 200);
  })
  .openapi(refreshWarningsRoute, async (c) => {
    // the body is optional: no body means "as of today"
    const input = c.req.valid('json') ?? {};
    return c.json(
      await scoped(c)((trx, actor) =>
        warnings.refreshWarnings(trx, actor, input, c.get('requestId'), c.get('lang')),
      ),
      200,
    );
  })
  .openapi(getWarningRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await scoped(c)((trx, actor) => warnings.getWarning(trx, actor, id)), 200);
  })
  .openapi(resolveWarningRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(
      await scoped(c)((trx, actor) => warnings.resolveWarning(trx, actor, id, input, c.get('requestId'))),
      200,
    );
  })
  .openapi(updateWarningRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    return c.json(
      await scoped(c)((trx, actor) => warnings.updateWarning(trx, actor, id, input, c.get('requestId'))),
      200,
    );
  });

const auditRoutes = createRouter()
  .openapi(listAuditRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await scoped(c)((trx, actor) => auditService.listAudit(trx, actor, query)), 200);
  })
  .openapi(listAuditActorsRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await scoped(c)((trx, actor) => auditService.listAuditActors(trx, actor, query)), 200);
  });

/** The oversight feature's routers, mounted under /api/v1 by app.ts. Sub-routers are added here with .route(). */
export const oversightRoutes = foldsSession(createRouter().route('/', warningRoutes).route('/', auditRoutes));
