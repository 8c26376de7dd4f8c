/**
 * The KPI endpoints for msw, answering from `kpi-fixtures.ts`. Every query the admin sends is checked against
 * the contract's query schema (a malformed one gets the API's 400), and every answer against the response
 * schema before it is sent, so a fixture that drifted from the contract fails the test that uses it.
 */

import { isDeepStrictEqual } from 'node:util';
import {
  FundFlow,
  KpiMix,
  KpiOverview,
  KpiOverviewQuery,
  KpiPeriodQuery,
  KpiRanking,
  KpiRankingQuery,
  KpiSeries,
  KpiSeriesQuery,
  ReportingMatrix,
  ReportingMatrixQuery,
} from '@gongfu/contract';
import type { PeriodKind } from '@gongfu/domain';
import { HttpResponse, http } from 'msw';
import { fundFlow, kpiMix, kpiOverview, kpiRanking, kpiSeries, reportingMatrix } from './kpi-fixtures';
import { api, errorBody, server } from './server';

export type KpiEndpoint = 'overview' | 'series' | 'ranking' | 'reporting-matrix' | 'fund-flow' | 'mix';

export interface KpiRequest {
  endpoint: KpiEndpoint;
  query: Record<string, string>;
  /** whether the cockpit's page had mounted when the request came (its period picker was on screen) */
  pageMounted: boolean;
}

type Answer<T> = (query: Record<string, string>) => T | HttpResponse<never>;

export interface KpiAnswers {
  overview?: Answer<KpiOverview>;
  series?: Answer<KpiSeries>;
  ranking?: Answer<KpiRanking>;
  reportingMatrix?: Answer<ReportingMatrix>;
  fundFlow?: Answer<FundFlow>;
  mix?: Answer<KpiMix>;
  /** The newest month with approved figures (null: none yet — the cockpit opens on last month). */
  latestMonth?: string | null;
}

/** What the tests need of a contract's zod schema (the admin does not depend on zod itself). */
interface Schema<T = unknown> {
  parse(data: unknown): T;
  safeParse(data: unknown): { success: boolean };
}

/** Parses like the contract does, and fails loudly when the data and the schema disagree in either way. */
export function conforms<T>(schema: Schema<T>, data: unknown): T {
  const parsed = schema.parse(data);
  // zod drops unknown keys: a fixture carrying a field the contract does not have differs after parsing
  if (!isDeepStrictEqual(parsed, data)) {
    throw new Error(
      `fixture has fields the contract does not declare:\n${JSON.stringify(data).slice(0, 400)}`,
    );
  }
  return parsed;
}

const kind = (q: Record<string, string>) => (q.period ?? 'month') as PeriodKind;

/** Registers the six KPI endpoints; returns the list of requests they received, in order. */
export function givenKpiApi(answers: KpiAnswers = {}): KpiRequest[] {
  const requests: KpiRequest[] = [];
  const route = <T>(
    endpoint: KpiEndpoint,
    querySchema: Schema,
    responseSchema: Schema<T>,
    answer: Answer<T>,
  ) =>
    http.get(api(`/kpis/${endpoint}`), ({ request }) => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      requests.push({
        endpoint,
        query,
        pageMounted: document.querySelector('[data-period-picker]') !== null,
      });
      if (!querySchema.safeParse(query).success) {
        return HttpResponse.json(errorBody('validation_failed', '请求内容有误'), { status: 400 });
      }
      const result = answer(query);
      if (result instanceof Response) return result;
      return HttpResponse.json(conforms(responseSchema, result) as Record<string, unknown>);
    });
  server.use(
    http.get(api('/kpis/latest-month'), () =>
      HttpResponse.json({
        month: answers.latestMonth ?? null,
        dataDate: answers.latestMonth ?? '2026-10',
        latestApprovedMonth: answers.latestMonth ?? null,
      }),
    ),
    route(
      'overview',
      KpiOverviewQuery,
      KpiOverview,
      answers.overview ?? ((q) => kpiOverview(kind(q), q.month)),
    ),
    route(
      'series',
      KpiSeriesQuery,
      KpiSeries,
      answers.series ??
        ((q) => kpiSeries(q.kpi as never, q.groupBy === 'street_office' ? 'street_office' : 'district')),
    ),
    route('ranking', KpiRankingQuery, KpiRanking, answers.ranking ?? ((q) => kpiRanking(kind(q), q.month))),
    route(
      'reporting-matrix',
      ReportingMatrixQuery,
      ReportingMatrix,
      answers.reportingMatrix ?? ((q) => reportingMatrix(q.from, q.to)),
    ),
    route('fund-flow', KpiPeriodQuery, FundFlow, answers.fundFlow ?? ((q) => fundFlow(kind(q), q.month))),
    route('mix', KpiPeriodQuery, KpiMix, answers.mix ?? ((q) => kpiMix(kind(q), q.month))),
    // the cockpit's warnings card (its own tests are in features/warnings): none open
    http.get(api('/warnings'), () => HttpResponse.json({ items: [], total: 0 })),
  );
  return requests;
}

/** The API's error answer, as a KPI endpoint would give it. */
export function kpiError(status: number, code: string, message: string): HttpResponse<never> {
  return HttpResponse.json(errorBody(code, message), { status }) as unknown as HttpResponse<never>;
}
