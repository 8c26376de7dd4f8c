import {
  createCommunityRoute,
  deleteCommunityRoute,
  getCommunityRoute,
  listCommunitiesRoute,
  updateCommunityRoute,
} from '@gongfu/contract';
import { withTenantTransaction } from '@gongfu/db';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import { dbScopeOf } from '../../scope';
import * as service from './service';

export const communityRoutes = createRouter()
  .openapi(listCommunitiesRoute, async (c) => {
    const actor = requireActor(c);
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.listCommunities(trx, actor),
    );
    return c.json(result, 200);
  })
  .openapi(getCommunityRoute, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.getCommunity(trx, actor, id),
    );
    return c.json(result, 200);
  })
  .openapi(createCommunityRoute, async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid('json');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.createCommunity(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateCommunityRoute, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.updateCommunity(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deleteCommunityRoute, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.deleteCommunity(trx, actor, id, version, c.get('requestId')),
    );
    return c.body(null, 204);
  });
