import {
  createAgreementRoute,
  deleteAgreementRoute,
  getAgreementRoute,
  listAgreementsRoute,
  updateAgreementRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import * as service from './agreements.service';
import { inScope } from './in-scope';

export const agreementRoutes = createRouter()
  .openapi(listAgreementsRoute, async (c) => {
    const query = c.req.valid('query');
    const result = await inScope(c, (trx, actor) => service.listAgreements(trx, actor, query));
    return c.json(result, 200);
  })
  .openapi(getAgreementRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.getAgreement(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createAgreementRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createAgreement(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateAgreementRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateAgreement(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deleteAgreementRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await inScope(c, (trx, actor) => service.deleteAgreement(trx, actor, id, version, c.get('requestId')));
    return c.body(null, 204);
  });
