import {
  confirmFulfilmentRoute,
  createFulfilmentRoute,
  createPledgeRoute,
  getPledgeRoute,
  listPledgesRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import { inScope } from './fund-routes';
import * as service from './pledge-service';

export const pledgeRouter = createRouter()
  .openapi(listPledgesRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.listPledges(trx, actor, query)), 200);
  })
  .openapi(getPledgeRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inScope(c, (trx, actor) => service.getPledge(trx, actor, id)), 200);
  })
  .openapi(createPledgeRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createPledge(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(createFulfilmentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.recordFulfilment(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(confirmFulfilmentRoute, async (c) => {
    const { id, fulfilmentId } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) =>
      service.confirmFulfilment(trx, actor, id, fulfilmentId, c.get('requestId')),
    );
    return c.json(result, 200);
  });
