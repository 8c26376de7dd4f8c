import {
  createCommunityRoute,
  deleteCommunityRoute,
  getCommunityRoute,
  listCommunitiesRoute,
  updateCommunityRoute,
} from '@gongfu/contract';
import { foldsSession, inRequestScope } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import * as service from './service';

export const communityRoutes = foldsSession(
  createRouter()
    .openapi(listCommunitiesRoute, async (c) => {
      const result = await inRequestScope(c, (trx, actor) => service.listCommunities(trx, actor));
      return c.json(result, 200);
    })
    .openapi(getCommunityRoute, async (c) => {
      const { id } = c.req.valid('param');
      const result = await inRequestScope(c, (trx, actor) => service.getCommunity(trx, actor, id));
      return c.json(result, 200);
    })
    .openapi(createCommunityRoute, async (c) => {
      const input = c.req.valid('json');
      const result = await inRequestScope(c, (trx, actor) =>
        service.createCommunity(trx, actor, input, c.get('requestId')),
      );
      return c.json(result, 201);
    })
    .openapi(updateCommunityRoute, async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      const result = await inRequestScope(c, (trx, actor) =>
        service.updateCommunity(trx, actor, id, input, c.get('requestId')),
      );
      return c.json(result, 200);
    })
    .openapi(deleteCommunityRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { version } = c.req.valid('query');
      await inRequestScope(c, (trx, actor) =>
        service.deleteCommunity(trx, actor, id, version, c.get('requestId')),
      );
      return c.body(null, 204);
    }),
);
