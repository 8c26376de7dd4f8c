import {
  closeProposalRoute,
  createObjectionRoute,
  createPayoutRoute,
  createProposalRoute,
  deliberateProposalRoute,
  discloseProposalRoute,
  getProposalRoute,
  listProposalsRoute,
  resolveObjectionRoute,
  updateProposalRoute,
  withdrawProposalRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import { inScope } from './fund-routes';
import * as service from './proposal-service';

export const proposalRouter = createRouter()
  .openapi(listProposalsRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.listProposals(trx, actor, query)), 200);
  })
  .openapi(getProposalRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inScope(c, (trx, actor) => service.getProposal(trx, actor, id)), 200);
  })
  .openapi(createProposalRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createProposal(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateProposalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) =>
      service.updateProposal({ trx, actor, requestId }, id, input),
    );
    return c.json(result, 200);
  })
  .openapi(deliberateProposalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) => service.deliberate({ trx, actor, requestId }, id, input));
    return c.json(result, 200);
  })
  .openapi(discloseProposalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) => service.disclose({ trx, actor, requestId }, id, input));
    return c.json(result, 200);
  })
  .openapi(createObjectionRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) =>
      service.recordObjection({ trx, actor, requestId }, id, input),
    );
    return c.json(result, 201);
  })
  .openapi(resolveObjectionRoute, async (c) => {
    const { id, objectionId } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) =>
      service.resolveObjection({ trx, actor, requestId }, id, objectionId, input),
    );
    return c.json(result, 200);
  })
  .openapi(createPayoutRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) => service.payOut({ trx, actor, requestId }, id, input));
    return c.json(result, 201);
  })
  .openapi(closeProposalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) => service.close({ trx, actor, requestId }, id, input));
    return c.json(result, 200);
  })
  .openapi(withdrawProposalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('json');
    const requestId = c.get('requestId');
    const result = await inScope(c, (trx, actor) => service.withdraw({ trx, actor, requestId }, id, version));
    return c.json(result, 200);
  });
