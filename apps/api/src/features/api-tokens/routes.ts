import { createApiTokenRoute, listApiTokensRoute, revokeApiTokenRoute } from '@gongfu/contract';
import { foldsSession, inRequestScope } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import * as service from './service';

/** API tokens (ADR 0026), mounted under /api/v1: managed with a session only — a token cannot reach them. */
export const apiTokenRoutes = foldsSession(
  createRouter()
    .openapi(listApiTokensRoute, async (c) =>
      c.json(await inRequestScope(c, (trx, actor) => service.listTokens(trx, actor)), 200),
    )
    .openapi(createApiTokenRoute, async (c) => {
      const input = c.req.valid('json');
      const result = await inRequestScope(c, (trx, actor) =>
        service.createToken(trx, actor, input, c.get('requestId')),
      );
      // the token is shown once: no cache, and never replayed by the idempotency store
      c.header('Cache-Control', 'no-store');
      return c.json(result, 201);
    })
    .openapi(revokeApiTokenRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(
        await inRequestScope(c, (trx, actor) => service.revokeToken(trx, actor, id, c.get('requestId'))),
        200,
      );
    }),
);
