import {
  createStreetOfficeRoute,
  deleteStreetOfficeRoute,
  getStreetOfficeRoute,
  listStreetOfficesRoute,
  updateStreetOfficeRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import { inScope } from './in-scope';
import * as service from './street-offices.service';

export const streetOfficeRoutes = createRouter()
  .openapi(listStreetOfficesRoute, async (c) => {
    const result = await inScope(c, (trx, actor) => service.listStreetOffices(trx, actor));
    return c.json(result, 200);
  })
  .openapi(getStreetOfficeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.getStreetOffice(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createStreetOfficeRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createStreetOffice(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateStreetOfficeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateStreetOffice(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deleteStreetOfficeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await inScope(c, (trx, actor) => service.deleteStreetOffice(trx, actor, id, version, c.get('requestId')));
    return c.body(null, 204);
  });
