import {
  createCompanyRoute,
  deleteCompanyRoute,
  getCompanyRoute,
  listCompaniesRoute,
  listShareholdingsRoute,
  replaceShareholdingsRoute,
  updateCompanyRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import * as service from './companies.service';
import { inScope } from './in-scope';

export const companyRoutes = createRouter()
  .openapi(listCompaniesRoute, async (c) => {
    const query = c.req.valid('query');
    const result = await inScope(c, (trx, actor) => service.listCompanies(trx, actor, query));
    return c.json(result, 200);
  })
  .openapi(getCompanyRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.getCompany(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createCompanyRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createCompany(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateCompanyRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateCompany(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deleteCompanyRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await inScope(c, (trx, actor) => service.deleteCompany(trx, actor, id, version, c.get('requestId')));
    return c.body(null, 204);
  });

/** A company's shareholdings, read and replaced as one set. */
export const shareholdingRoutes = createRouter()
  .openapi(listShareholdingsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.listShareholdings(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(replaceShareholdingsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.replaceShareholdings(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  });
