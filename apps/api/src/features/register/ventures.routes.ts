import {
  createVentureRoute,
  deleteVentureRoute,
  getVentureRoute,
  listVenturesRoute,
  updateVentureRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import { inScope } from './in-scope';
import * as service from './ventures.service';

export const ventureRoutes = createRouter()
  .openapi(listVenturesRoute, async (c) => {
    const query = c.req.valid('query');
    const result = await inScope(c, (trx, actor) => service.listVentures(trx, actor, query));
    return c.json(result, 200);
  })
  .openapi(getVentureRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.getVenture(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createVentureRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createVenture(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateVentureRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateVenture(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deleteVentureRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await inScope(c, (trx, actor) => service.deleteVenture(trx, actor, id, version, c.get('requestId')));
    return c.body(null, 204);
  });
