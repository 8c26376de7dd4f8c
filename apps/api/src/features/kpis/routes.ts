import {
  fundFlowRoute,
  kpiLatestMonthRoute,
  kpiMixRoute,
  kpiOverviewRoute,
  kpiRankingRoute,
  kpiSeriesRoute,
  kpiStandingRoute,
  listKpiTargetsRoute,
  reportingMatrixRoute,
  updateKpiTargetsRoute,
} from '@gongfu/contract';
import { withTenantTransaction } from '@gongfu/db';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import { dbScopeOf } from '../../scope';
import * as service from './service';
import { standing } from './standing';
import { listTargets, updateTargets } from './targets';

/** /api/v1/kpis: every figure read in the caller's tenant transaction, under RLS. */
export const kpiRoutes = createRouter()
  .openapi(kpiLatestMonthRoute, async (c) => {
    const actor = requireActor(c);
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.latestMonth(trx, actor),
    );
    return c.json(result, 200);
  })
  .openapi(kpiOverviewRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.overview(trx, actor, query, c.get('lang')),
    );
    return c.json(result, 200);
  })
  .openapi(kpiSeriesRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.series(trx, actor, query, c.get('lang')),
    );
    return c.json(result, 200);
  })
  .openapi(kpiRankingRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.ranking(trx, actor, query, c.get('lang')),
    );
    return c.json(result, 200);
  })
  .openapi(reportingMatrixRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.reportingMatrix(trx, actor, query),
    );
    return c.json(result, 200);
  })
  .openapi(fundFlowRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.fundFlow(trx, actor, query, c.get('lang')),
    );
    return c.json(result, 200);
  })
  .openapi(kpiMixRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      service.mix(trx, actor, query),
    );
    return c.json(result, 200);
  })
  .openapi(kpiStandingRoute, async (c) => {
    const actor = requireActor(c);
    const query = c.req.valid('query');
    // opens its own (district, read-only) transaction: see standing.ts
    return c.json(await standing(c.get('deps').db, actor, query, c.get('lang')), 200);
  })
  .openapi(listKpiTargetsRoute, async (c) => {
    const actor = requireActor(c);
    const { year } = c.req.valid('query');
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      listTargets(trx, actor, year),
    );
    return c.json(result, 200);
  })
  .openapi(updateKpiTargetsRoute, async (c) => {
    const actor = requireActor(c);
    const input = c.req.valid('json');
    // one transaction: every change of the bulk edit lands, with its audit rows, or none does
    const result = await withTenantTransaction(c.get('deps').db, dbScopeOf(actor.scope), (trx) =>
      updateTargets(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 200);
  });
