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
import { foldsSession, inRequestScope } from '../../middleware/request-scope';
import { taggedJson } from '../../middleware/revalidate';
import { createRouter } from '../../router';
import * as service from './service';
import { standing } from './standing';
import { listTargets, updateTargets } from './targets';

/** /api/v1/kpis: every figure read in the request's one transaction (ADR 0022), in the caller's scope, under RLS. */
export const kpiRoutes = foldsSession(
  createRouter()
    .openapi(kpiLatestMonthRoute, async (c) => {
      const result = await inRequestScope(c, (trx, actor) => service.latestMonth(trx, actor));
      return taggedJson(c, result);
    })
    .openapi(kpiOverviewRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) =>
        service.overview(trx, actor, query, c.get('lang')),
      );
      return taggedJson(c, result);
    })
    .openapi(kpiSeriesRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) =>
        service.series(trx, actor, query, c.get('lang')),
      );
      return taggedJson(c, result);
    })
    .openapi(kpiRankingRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) =>
        service.ranking(trx, actor, query, c.get('lang')),
      );
      return taggedJson(c, result);
    })
    .openapi(reportingMatrixRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) => service.reportingMatrix(trx, actor, query));
      return taggedJson(c, result);
    })
    .openapi(fundFlowRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) =>
        service.fundFlow(trx, actor, query, c.get('lang')),
      );
      return taggedJson(c, result);
    })
    .openapi(kpiMixRoute, async (c) => {
      const query = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) => service.mix(trx, actor, query));
      return taggedJson(c, result);
    })
    .openapi(kpiStandingRoute, async (c) => {
      const query = c.req.valid('query');
      // the session checked in the caller's own scope first; the standing then opens its own (district,
      // read-only) transaction: see standing.ts
      const actor = await inRequestScope(c, async (_trx, actor) => actor);
      const result = await standing(c.get('deps').db, actor, query, c.get('lang'));
      return taggedJson(c, result);
    })
    .openapi(listKpiTargetsRoute, async (c) => {
      const { year } = c.req.valid('query');
      const result = await inRequestScope(c, (trx, actor) =>
        listTargets(trx, actor, year, { endsTransaction: true }),
      );
      return taggedJson(c, result);
    })
    .openapi(updateKpiTargetsRoute, async (c) => {
      const input = c.req.valid('json');
      // one transaction: every change of the bulk edit lands, with its audit rows, or none does
      const result = await inRequestScope(c, (trx, actor) =>
        updateTargets(trx, actor, input, c.get('requestId')),
      );
      return c.json(result, 200);
    }),
);
