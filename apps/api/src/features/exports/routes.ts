import { type AuditActorList, EXPORT_MAX_ROWS, type ExportView, exportRoute } from '@gongfu/contract';
import {
  ASSET_KIND_LABELS,
  ASSET_STATUS_LABELS,
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  LEDGER_ENTRY_KIND_LABELS,
  type LocalizedText,
  OPERATING_MODEL_LABELS,
  PARTNER_KIND_LABELS,
  PLEDGE_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  ROLE_LABELS,
  USER_STATUS_LABELS,
  VENTURE_CATEGORY_LABELS,
  VENTURE_STATUS_LABELS,
  WARNING_KIND_LABELS,
  WARNING_SEVERITY_LABELS,
  WARNING_STATUS_LABELS,
} from '@gongfu/domain';
import { clock } from '../../clock';
import { ApiError } from '../../errors';
import type { Lang } from '../../i18n/messages';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import { toCsv, toXlsx } from './render';
import type { ExportTable } from './table';
import {
  type ExportContext,
  GROUP_BY_LABELS,
  kpiName,
  shanghaiTime,
  VIEWS,
  type ViewDefinition,
} from './views';

/** Answers one request of the API in-process: the export reads a view through its own route. */
export type Dispatch = (request: Request) => Response | Promise<Response>;

/** A view's answer other than 200: the export answers the same (401, 403, 404, 400 naming the field…). */
class ViewRefused extends Error {
  constructor(readonly response: Response) {
    super(`view answered ${response.status}`);
  }
}

/** Parameters the export ignores: it takes every page itself. */
const PAGING = new Set(['format', 'page', 'pageSize', 'limit', 'offset', 'cursor']);

const L = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

const PARAM_LABELS: Record<string, LocalizedText> = {
  q: L('搜索', 'Search'),
  kpi: L('指标', 'KPI'),
  period: L('统计周期', 'Period'),
  month: L('月份', 'Month'),
  from: L('起', 'From'),
  to: L('止', 'To'),
  monthFrom: L('起始月份', 'From month'),
  monthTo: L('截止月份', 'To month'),
  groupBy: L('分组', 'Grouped'),
  streetOfficeId: L('街道', 'Street office'),
  communityId: L('社区', 'Community'),
  ventureId: L('项目', 'Venture'),
  fundId: L('基金', 'Fund'),
  partnerId: L('合作方', 'Partner'),
  operatingModel: L('经营模式', 'Operating model'),
  ventureCategory: L('项目类别', 'Venture category'),
  category: L('类别', 'Category'),
  status: L('状态', 'Status'),
  role: L('角色', 'Role'),
  severity: L('严重程度', 'Severity'),
  kind: L('类型', 'Kind'),
  current: L('仅当前版本', 'Current revisions only'),
  flagged: L('有异常提示', 'Flagged'),
  sort: L('排序', 'Sort'),
  order: L('顺序', 'Order'),
  entityType: L('对象类型', 'Object type'),
  entityId: L('对象编号', 'Object id'),
  action: L('操作', 'Action'),
  actorUserId: L('操作人', 'Actor'),
  expiringWithinDays: L('天内到期', 'Expiring within days'),
  overdue: L('逾期', 'Overdue'),
};

const PERIOD_LABELS: Record<string, LocalizedText> = {
  month: L('月度', 'Month'),
  quarter: L('季度', 'Quarter'),
  year: L('年度', 'Year'),
  ytd: L('年初至今', 'Year to date'),
};

type ValueLabels = ReadonlyArray<Readonly<Record<string, LocalizedText>>>;

/** Enum values of filters, looked up in the label sets of the views that have such a parameter. */
const VALUE_LABELS: Record<string, ValueLabels> = {
  period: [PERIOD_LABELS],
  groupBy: [GROUP_BY_LABELS],
  operatingModel: [OPERATING_MODEL_LABELS],
  ventureCategory: [VENTURE_CATEGORY_LABELS],
  category: [VENTURE_CATEGORY_LABELS],
  severity: [WARNING_SEVERITY_LABELS],
  action: [AUDIT_ACTION_LABELS],
  entityType: [AUDIT_ENTITY_LABELS],
  kind: [
    LEDGER_ENTRY_KIND_LABELS,
    WARNING_KIND_LABELS,
    ASSET_KIND_LABELS,
    PARTNER_KIND_LABELS,
    PLEDGE_KIND_LABELS,
  ],
  status: [
    REPORT_STATUS_LABELS,
    PROPOSAL_STATUS_LABELS,
    WARNING_STATUS_LABELS,
    VENTURE_STATUS_LABELS,
    ASSET_STATUS_LABELS,
  ],
};

/**
 * A view's own words for its parameters' values, looked up before the shared ones: an account's `active` is 在用,
 * whatever another view's `active` would be called.
 */
const VIEW_VALUE_LABELS: Partial<Record<ExportView, Record<string, ValueLabels>>> = {
  users: { status: [USER_STATUS_LABELS], role: [ROLE_LABELS] },
};

/** Filters naming an object: printed with the object's name, read in the caller's scope. */
const NAMED_OBJECTS: Record<string, string> = {
  streetOfficeId: '/street-offices/',
  ventureId: '/ventures/',
  partnerId: '/partners/',
};

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * GET /api/v1/exports/{view}: the view read through its own route with the caller's session, membership and
 * language — the same scope, RLS, permission and filters as the screen (ADR 0018) — and written as a file.
 */
export function createExportRoutes(dispatch: Dispatch) {
  return createRouter().openapi(exportRoute, async (c) => {
    requireActor(c);
    const { view } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const lang = c.get('lang');
    const definition = VIEWS[view];
    const url = new URL(c.req.url);
    const query = new URLSearchParams();
    for (const [key, value] of url.searchParams) if (!PAGING.has(key)) query.append(key, value);
    const path = definition.path(query);
    if (path === null) {
      throw new ApiError(400, 'validation_failed', {
        [definition.requires ?? 'view']: 'export_parameter_required',
      });
    }

    const headers = new Headers(c.req.raw.headers);
    // the view's plain JSON: never compressed, never a 304 to the browser's cached copy of the screen
    for (const name of ['accept-encoding', 'if-none-match', 'if-modified-since', 'range'])
      headers.delete(name);
    headers.set('accept', 'application/json');
    headers.set('x-request-id', c.get('requestId'));
    const ctx = exportContext(lang, async (target) => {
      const response = await dispatch(new Request(`${url.origin}/v1${target}`, { headers }));
      if (response.status !== 200) throw new ViewRefused(response);
      return response.json();
    });

    let table: ExportTable;
    try {
      const data = await readAll(definition, path, query, ctx);
      const built = await definition.build(data, ctx);
      if (built.rows.length > EXPORT_MAX_ROWS) throw tooLarge();
      const now = clock.now();
      const exportedAt = shanghaiTime(now.toISOString());
      const filters = await filterText(view, query, ctx);
      table = {
        title: ctx.t(definition.title),
        info: [
          [ctx.t(L('数据截至', 'Data as of')), built.dataDate ?? exportedAt],
          [ctx.t(L('导出时间', 'Exported at')), exportedAt],
          [ctx.t(L('筛选条件', 'Filters')), filters || ctx.t(L('无', 'none'))],
          ...(built.info ?? []).map(([label, value]) => [ctx.t(label), value] as [string, string]),
          [ctx.t(L('行数', 'Rows')), String(built.rows.length)],
        ],
        columns: built.columns.map((column) => ctx.t(column)),
        rows: built.rows,
        definitions: [
          ...(built.definitions ?? []),
          [
            ctx.t(L('数据截至', 'Data as of')),
            ctx.t(
              built.dataDate
                ? L(
                    '最近一个报送截止日已过的月份；之后的月份仍在报送中，不计入',
                    'The last month whose reporting deadline has passed; later months are still being reported and are not counted',
                  )
                : L('导出时的数据', 'The data at the time of the export'),
            ),
          ],
        ],
      };
      const stem = `${table.title}-${(built.dataDate ?? exportedAt.slice(0, 10)).replace(/\s.*$/, '')}`;
      const body = format === 'xlsx' ? await toXlsx(table, lang, now) : toCsv(table);
      return c.body(body as never, 200, {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': contentDisposition(`${stem}.${format}`, view, format),
        'Cache-Control': 'private, no-store',
      });
    } catch (error) {
      if (error instanceof ViewRefused) {
        return c.body(await error.response.text(), error.response.status as 400, {
          'Content-Type': 'application/json; charset=utf-8',
        });
      }
      throw error;
    }
  });
}

function tooLarge() {
  return new ApiError(422, 'export_too_large', undefined, { max: EXPORT_MAX_ROWS });
}

/** Every page of the view, merged into its first answer (items appended), refused beyond EXPORT_MAX_ROWS. */
async function readAll(
  definition: ViewDefinition,
  path: string,
  query: URLSearchParams,
  ctx: ExportContext,
  // biome-ignore lint/suspicious/noExplicitAny: the view's own answer, typed by its build()
): Promise<any> {
  const paging = definition.paging;
  const at = (extra: Record<string, string>) => {
    const params = new URLSearchParams(query);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    const text = params.toString();
    return `${path}${text ? `?${text}` : ''}`;
  };
  if (paging.kind === 'none') return ctx.get(at({}));
  // biome-ignore lint/suspicious/noExplicitAny: a list page: { items, total? , nextCursor? }
  let first: any = null;
  // biome-ignore lint/suspicious/noExplicitAny: the list's items
  const items: any[] = [];
  let cursor: string | null = null;
  for (let page = 1; ; page++) {
    const extra: Record<string, string> =
      paging.kind === 'page'
        ? { page: String(page), pageSize: String(paging.size) }
        : paging.kind === 'offset'
          ? { limit: String(paging.size), offset: String(items.length) }
          : { limit: String(paging.size), ...(cursor ? { cursor } : {}) };
    // biome-ignore lint/suspicious/noExplicitAny: a list page
    const data: any = await ctx.get(at(extra));
    first ??= data;
    if (typeof data.total === 'number' && data.total > EXPORT_MAX_ROWS) throw tooLarge();
    items.push(...data.items);
    if (items.length > EXPORT_MAX_ROWS) throw tooLarge();
    if (paging.kind === 'cursor') {
      cursor = data.nextCursor ?? null;
      if (!cursor) break;
    } else if (
      data.items.length < paging.size ||
      (typeof data.total === 'number' && items.length >= data.total)
    ) {
      break;
    }
  }
  return { ...first, items };
}

function exportContext(lang: Lang, get: <T>(path: string) => Promise<T>): ExportContext {
  const t = (text: LocalizedText) => text[lang];
  let communities: Promise<Map<string, string>> | null = null;
  let funds: Promise<Map<string, string>> | null = null;
  // a role that cannot list them (a partner operator and the funds) gets the ids, not a refused export
  const namesOf = async (path: string, nameOf: (item: { name?: string }) => string | undefined) => {
    try {
      const data = await get<{ items: Array<{ id: string; name?: string }> }>(path);
      return new Map(data.items.map((item) => [item.id, nameOf(item) ?? item.id]));
    } catch (error) {
      if (error instanceof ViewRefused) return new Map<string, string>();
      throw error;
    }
  };
  return {
    lang,
    t,
    label: (labels, value) => (value ? (labels[value]?.[lang] ?? value) : ''),
    get,
    async communityName(id) {
      if (!id) return '';
      communities ??= namesOf('/communities', (item) => item.name);
      return (await communities).get(id) ?? id;
    },
    async fundName(id) {
      if (!id) return '';
      funds ??= namesOf('/funds', (item) => item.name);
      return (await funds).get(id) ?? id;
    },
  };
}

/** 筛选条件: each parameter of the view's query with its label and a readable value. */
async function filterText(view: ExportView, query: URLSearchParams, ctx: ExportContext): Promise<string> {
  const parts: string[] = [];
  for (const [key, value] of query) {
    const label = PARAM_LABELS[key] ? ctx.t(PARAM_LABELS[key]) : key;
    parts.push(`${label}${ctx.lang === 'en' ? ': ' : '：'}${await filterValue(view, key, value, ctx)}`);
  }
  return parts.join(ctx.lang === 'en' ? '; ' : '；');
}

async function filterValue(
  view: ExportView,
  key: string,
  value: string,
  ctx: ExportContext,
): Promise<string> {
  if (key === 'kpi') return kpiName(value, ctx);
  if (value === 'true' || value === 'false') return ctx.t(value === 'true' ? L('是', 'yes') : L('否', 'no'));
  if (key === 'communityId') return ctx.communityName(value);
  if (key === 'fundId') return ctx.fundName(value);
  if (key === 'actorUserId') return actorName(value, ctx);
  const objects = NAMED_OBJECTS[key];
  if (objects) {
    try {
      return (await ctx.get<{ name: string }>(`${objects}${encodeURIComponent(value)}`)).name;
    } catch (error) {
      if (error instanceof ViewRefused) return value;
      throw error;
    }
  }
  for (const labels of [...(VIEW_VALUE_LABELS[view]?.[key] ?? []), ...(VALUE_LABELS[key] ?? [])]) {
    const text = labels[value];
    if (text) return ctx.t(text);
  }
  return value;
}

/** The audit log's "who" filter by the user's name, as its picker shows it (the id where the name is hidden). */
async function actorName(userId: string, ctx: ExportContext): Promise<string> {
  try {
    const actors = await ctx.get<AuditActorList>('/audit/actors');
    return actors.items.find((a) => a.userId === userId)?.name ?? userId;
  } catch (error) {
    if (error instanceof ViewRefused) return userId;
    throw error;
  }
}

/** An ASCII fallback name and the real one as RFC 5987 UTF-8 (every browser in use reads filename*). */
function contentDisposition(filename: string, view: ExportView, format: string): string {
  const ascii = `gongfu-${view}.${format}`;
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
