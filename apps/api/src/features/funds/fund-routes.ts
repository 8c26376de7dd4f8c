import {
  createFundEntryRoute,
  createFundRoute,
  getFundRoute,
  listFundEntriesRoute,
  listFundsRoute,
} from '@gongfu/contract';
import type { ScopedTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { inRequestScope } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import * as service from './fund-service';

/** Runs one service call in the request's one transaction, in the actor's scope (ADR 0022). */
export function inScope<T>(c: Context<AppEnv>, work: (trx: ScopedTransaction, actor: Actor) => Promise<T>) {
  return inRequestScope(c, work);
}

export const fundRouter = createRouter()
  .openapi(listFundsRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.listFunds(trx, actor, query)), 200);
  })
  .openapi(createFundRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createFund(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(getFundRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inScope(c, (trx, actor) => service.getFund(trx, actor, id)), 200);
  })
  .openapi(listFundEntriesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.listEntries(trx, actor, id, query)), 200);
  })
  .openapi(createFundEntryRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createEntry(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 201);
  });
