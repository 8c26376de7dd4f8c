import {
  amendReportRoute,
  approvalPreviewRoute,
  approveReportRoute,
  createDistributionRuleRoute,
  createReportRoute,
  getReportRoute,
  listDistributionRulesRoute,
  listPeriodLocksRoute,
  listReportsRoute,
  lockPeriodRoute,
  lockReportRoute,
  previewDistributionRuleRoute,
  type ReportTransition,
  reportHistoryRoute,
  reportStatusRoute,
  returnReportRoute,
  submitReportRoute,
  updateReportRoute,
} from '@gongfu/contract';
import type { ScopedTransaction } from '@gongfu/db';
import type { Context } from 'hono';
import type { Actor, AppEnv } from '../../context';
import { foldsSession, inRequestScope } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import { previewDistributionRule } from './distribution-preview';
import * as rules from './distribution-rules-service';
import * as service from './service';

/** Runs one service call in the request's one transaction, in the actor's scope (ADR 0022). */
function inScope<T>(c: Context<AppEnv>, work: (trx: ScopedTransaction, actor: Actor) => Promise<T>) {
  return inRequestScope(c, work);
}

/** A transition's body is optional: no body is `{}`. */
async function transitionBody(c: Context<AppEnv>): Promise<ReportTransition> {
  const valid = (c.req.valid as (target: 'json') => ReportTransition | undefined)('json');
  return valid ?? {};
}

// reads first: /reports/status must be registered before /reports/{id}
const reads = createRouter()
  .openapi(listReportsRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.listReports(trx, actor, query)), 200);
  })
  .openapi(reportStatusRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.reportStatus(trx, actor, query)), 200);
  })
  .openapi(reportHistoryRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.reportHistory(trx, actor, query)), 200);
  })
  .openapi(listPeriodLocksRoute, async (c) => {
    const { month } = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => service.listPeriodLocks(trx, actor, month)), 200);
  })
  .openapi(approvalPreviewRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inScope(c, (trx, actor) => service.approvalPreview(trx, actor, id)), 200);
  })
  .openapi(getReportRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inScope(c, (trx, actor) => service.getReport(trx, actor, id)), 200);
  });

const writes = createRouter()
  .openapi(createReportRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createReport(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateReportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateReport(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(lockPeriodRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.lockPeriod(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  });

const workflow = createRouter();
for (const [route, action] of [
  [submitReportRoute, 'submit'],
  [returnReportRoute, 'return'],
  [approveReportRoute, 'approve'],
  [lockReportRoute, 'lock'],
] as const) {
  workflow.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const input = await transitionBody(c);
    const result = await inScope(c, (trx, actor) =>
      service.transition(trx, actor, id, action, input, c.get('requestId')),
    );
    return c.json(result, 200);
  });
}
workflow.openapi(amendReportRoute, async (c) => {
  const { id } = c.req.valid('param');
  const input = c.req.valid('json');
  const result = await inScope(c, (trx, actor) =>
    service.amendReport(trx, actor, id, input, c.get('requestId')),
  );
  return c.json(result, 201);
});

const distribution = createRouter()
  .openapi(previewDistributionRuleRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => previewDistributionRule(trx, actor, query)), 200);
  })
  .openapi(listDistributionRulesRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inScope(c, (trx, actor) => rules.listDistributionRules(trx, actor, query)), 200);
  })
  .openapi(createDistributionRuleRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      rules.createDistributionRule(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  });

/** The reports feature's routers, mounted under /api/v1 by app.ts. */
export const reportRoutes = foldsSession(
  createRouter().route('/', reads).route('/', writes).route('/', workflow).route('/', distribution),
);
