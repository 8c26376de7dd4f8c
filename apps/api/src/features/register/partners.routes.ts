import {
  createPartnerRoute,
  deletePartnerRoute,
  getPartnerRoute,
  listPartnersRoute,
  updatePartnerRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import { inScope } from './in-scope';
import * as service from './partners.service';

export const partnerRoutes = createRouter()
  .openapi(listPartnersRoute, async (c) => {
    const query = c.req.valid('query');
    const result = await inScope(c, (trx, actor) => service.listPartners(trx, actor, query));
    return c.json(result, 200);
  })
  .openapi(getPartnerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.getPartner(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createPartnerRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createPartner(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updatePartnerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updatePartner(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deletePartnerRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await inScope(c, (trx, actor) => service.deletePartner(trx, actor, id, version, c.get('requestId')));
    return c.body(null, 204);
  });
