import {
  createFundEntryRoute,
  createFundRoute,
  getFundRoute,
  listFundEntriesRoute,
  listFundsRoute,
} from '@gongfu/contract';
import type { ScopedTransaction } from '@gongfu/db';
import { withTenantTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import { dbScopeOf } from '../../scope';
import * as service from './fund-service';

/** Runs one service call in the actor's scoped transaction. */
export function inScope<T>(c: Context<AppEnv>, work: (trx: ScopedTransaction, actor: Actor) => Promise<T>) {
  const actor = requireActor(c);
  return withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) => work(trx, actor));
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
