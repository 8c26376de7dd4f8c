import type {
  Agreement,
  Asset,
  AuditEntry,
  Community,
  Company,
  DistrictUserList,
  ExportView,
  FundFlow,
  FundList,
  KpiDefinition,
  KpiFigure,
  KpiMix,
  KpiOverview,
  KpiRanking,
  KpiSeries,
  LedgerEntryList,
  Partner,
  PledgeList,
  ProposalList,
  ReportingMatrix,
  ReportList,
  StreetOffice,
  Venture,
  WarningList,
} from '@gongfu/contract';
import {
  AGREEMENT_TERMS_LABELS,
  ASSET_KIND_LABELS,
  ASSET_STATUS_LABELS,
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
  auditObjectName,
  COMMUNITY_KIND_LABELS,
  FUND_KIND_LABELS,
  KPI_DEFINITIONS,
  type KpiKey,
  type KpiUnit,
  LEDGER_ENTRY_KIND_LABELS,
  type LocalizedText,
  OPERATING_MODEL_LABELS,
  PARTNER_KIND_LABELS,
  PLEDGE_KIND_LABELS,
  PRICE_TIER_LABELS,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_USE_CATEGORY_LABELS,
  REPORT_STATUS_LABELS,
  ROLE_LABELS,
  USER_STATUS_LABELS,
  VENTURE_CATEGORY_LABELS,
  VENTURE_STATUS_LABELS,
  WARNING_KIND_LABELS,
  WARNING_SEVERITY_LABELS,
  WARNING_STATUS_LABELS,
} from '@gongfu/domain';
import type { Lang } from '../../i18n/messages';
import { type Cell, money, points, rate } from './table';

const L = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** What a view needs while it is built: the language and reads of other objects' names, in the caller's scope. */
export interface ExportContext {
  lang: Lang;
  t(text: LocalizedText): string;
  /** an enum value's label, or the value itself when there is none */
  label(labels: Readonly<Record<string, LocalizedText>>, value: string | null | undefined): string;
  /** GET a route under /api/v1 as the caller (same session, membership and language) */
  get<T>(path: string): Promise<T>;
  /** names of the caller's communities / funds by id (the id itself when it cannot read the name) */
  communityName(id: string | null | undefined): Promise<string>;
  fundName(id: string | null | undefined): Promise<string>;
}

export interface BuiltView {
  info?: Array<[LocalizedText, string]>;
  columns: LocalizedText[];
  rows: Cell[][];
  definitions?: Array<[string, string]>;
  /** the view's own data date (数据截至), when it has one (the KPI views) */
  dataDate?: string;
}

/** How a list is paged: the export walks every page (up to EXPORT_MAX_ROWS). */
type Paging =
  | { kind: 'none' }
  | { kind: 'page'; size: number }
  | { kind: 'offset'; size: number }
  | { kind: 'cursor'; size: number };

export interface ViewDefinition {
  title: LocalizedText;
  /** the view's route under /v1, or null when a required parameter is missing (the export answers 400) */
  path(query: URLSearchParams): string | null;
  /** the parameter a null path lacks */
  requires?: string;
  paging: Paging;
  // biome-ignore lint/suspicious/noExplicitAny: each view reads its own route's answer, typed where it is used
  build(data: any, ctx: ExportContext): Promise<BuiltView>;
}

// ─── shared pieces

const MONEY_NOTE = L(
  '金额单位：元，保留两位小数（由系统中以分记录的精确金额换算）',
  'Amounts in yuan with two decimals (converted from the exact amounts kept in fen)',
);
const RATE_NOTE = L('比率以百分比表示', 'Rates are shown as percentages');

const UNIT_LABELS: Record<KpiUnit, LocalizedText> = {
  fen: L('元', 'yuan'),
  people: L('人次', 'people'),
  jobs: L('个', 'jobs'),
  reports: L('份', 'reports'),
  requests: L('件', 'requests'),
  transactions: L('笔', 'transactions'),
  communities: L('个', 'communities'),
  ratio: L('%', '%'),
};

/** A KPI value as a cell of its unit. */
function kpiCell(unit: KpiUnit, value: number | null | undefined): Cell {
  if (value == null) return null;
  // a median of an even count of amounts may fall on half a fen: to the fen, half away from zero
  if (unit === 'fen') return money(Math.sign(value) * Math.round(Math.abs(value)));
  if (unit === 'ratio') return rate(value);
  return value;
}

/** 环比 / 同比: amounts and counts by a share of the earlier value (none without a positive base), ratios in points. */
function changeCell(definition: KpiDefinition, current: KpiFigure | null, earlier: KpiFigure | null): Cell {
  if (current?.value == null || earlier?.value == null) return null;
  if (definition.unit === 'ratio') return points(Math.round((current.value - earlier.value) * 10_000) / 100);
  if (earlier.value <= 0) return null;
  return rate((current.value - earlier.value) / earlier.value);
}

function kpiDefinitions(definitions: readonly KpiDefinition[], ctx: ExportContext): Array<[string, string]> {
  return definitions.map((d) => [ctx.t(d.name), ctx.t(d.formula)]);
}

const common = (ctx: ExportContext, ...notes: LocalizedText[]): Array<[string, string]> =>
  notes.map((note) => [ctx.lang === 'en' ? 'Units' : '单位', ctx.t(note)]);

const yesNo = (ctx: ExportContext, value: boolean) => (value ? ctx.t(L('是', 'yes')) : ctx.t(L('否', 'no')));

/**
 * Who made an audit entry, as the audit screen says it: 系统 for an entry with no user, the warning rules in a check
 * a person ran (预警规则（… 发起检查）), the API token a company's system acted with beside its user; the user's id
 * where the caller may not read the name (to match rows).
 */
function auditActor(entry: AuditEntry, ctx: ExportContext): string {
  if (entry.actorUserId === null) return ctx.t(L('系统', 'System'));
  const who = auditActorLabel(entry.action, entry.actorName ?? entry.actorUserId, ctx.lang);
  if (!entry.apiTokenName) return who;
  return `${who} · ${ctx.lang === 'en' ? `via API token “${entry.apiTokenName}”` : `经 API 令牌“${entry.apiTokenName}”`}`;
}

/** An instant as Asia/Shanghai wall time, 2026-11-05 10:00. */
export function shanghaiTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

const REPORTING_STATE_LABELS: Record<string, LocalizedText> = {
  on_time: L('按时', 'On time'),
  late: L('逾期报送', 'Late'),
  missing: L('未报', 'Missing'),
  returned: L('退回待改', 'Returned'),
  not_due: L('未到期', 'Not due'),
  none: L('无需报送', 'Nothing expected'),
};

export const GROUP_BY_LABELS: Record<string, LocalizedText> = {
  district: L('全区', 'District'),
  street_office: L('按街道', 'By street office'),
  community: L('按社区', 'By community'),
  operating_model: L('按经营模式', 'By operating model'),
  venture_category: L('按项目类别', 'By venture category'),
};

const simple = (path: string) => () => path;

// ─── the registry

export const VIEWS: Record<ExportView, ViewDefinition> = {
  'kpi-overview': {
    title: L('指标总览', 'KPI overview'),
    path: simple('/kpis/overview'),
    paging: { kind: 'none' },
    async build(data: KpiOverview, ctx) {
      return {
        dataDate: data.dataDate,
        info: [
          [L('统计期', 'Period'), ctx.t(data.period.label)],
          [L('统计至', 'Through'), data.through],
          [L('上期', 'Previous period'), ctx.t(data.previousPeriod.label)],
          [L('去年同期', 'Same period last year'), ctx.t(data.samePeriodLastYear.label)],
        ],
        columns: [
          L('指标', 'KPI'),
          L('单位', 'Unit'),
          L('本期', 'This period'),
          L('上期', 'Previous period'),
          L('环比', 'vs previous'),
          L('去年同期', 'Same period last year'),
          L('同比', 'vs last year'),
          L('说明', 'Note'),
        ],
        rows: data.items.map((item) => [
          ctx.t(item.definition.name),
          ctx.t(UNIT_LABELS[item.definition.unit]),
          kpiCell(item.definition.unit, item.current?.value),
          kpiCell(item.definition.unit, item.previous?.value),
          changeCell(item.definition, item.current, item.previous),
          kpiCell(item.definition.unit, item.samePeriodLastYear?.value),
          changeCell(item.definition, item.current, item.samePeriodLastYear),
          item.available ? '' : (item.unavailableReason?.message ?? ''),
        ]),
        definitions: [
          ...kpiDefinitions(
            data.items.map((i) => i.definition),
            ctx,
          ),
          [
            ctx.t(L('环比 / 同比', 'vs previous / vs last year')),
            ctx.t(
              L(
                '金额和数量：与上期（去年同期）相比的增减百分比，上期为零或负数时不计算；比率：相差的百分点',
                'Amounts and counts: the change as a percentage of the earlier figure (none when it is zero or negative); rates: the difference in percentage points',
              ),
            ),
          ],
          ...common(ctx, MONEY_NOTE, RATE_NOTE),
        ],
      };
    },
  },

  'kpi-series': {
    title: L('指标走势', 'KPI trend'),
    path: simple('/kpis/series'),
    paging: { kind: 'none' },
    async build(data: KpiSeries, ctx) {
      const byMonth = data.series.map((s) => new Map(s.points.map((p) => [p.month, p.value])));
      return {
        dataDate: data.dataDate,
        info: [
          [L('指标', 'KPI'), ctx.t(data.kpi.name)],
          [L('分组', 'Grouped'), ctx.label(GROUP_BY_LABELS, data.groupBy)],
          ...(data.available
            ? []
            : [[L('说明', 'Note'), data.unavailableReason?.message ?? ''] as [LocalizedText, string]]),
        ],
        columns: [L('月份', 'Month'), ...data.series.map((s) => s.label)],
        rows: data.months.map((month) => [
          month,
          ...byMonth.map((values) => kpiCell(data.kpi.unit, values.get(month))),
        ]),
        definitions: [...kpiDefinitions([data.kpi], ctx), ...common(ctx, MONEY_NOTE, RATE_NOTE)],
      };
    },
  },

  'kpi-ranking': {
    title: L('社区排名', 'Community ranking'),
    path: simple('/kpis/ranking'),
    paging: { kind: 'none' },
    async build(data: KpiRanking, ctx) {
      const { unit, numeratorUnit, denominatorUnit } = data.kpi;
      const ratio = unit === 'ratio';
      return {
        dataDate: data.dataDate,
        info: [
          [L('指标', 'KPI'), ctx.t(data.kpi.name)],
          [L('统计期', 'Period'), ctx.t(data.period.label)],
          [L('统计至', 'Through'), data.through],
          [L('中位数', 'Median'), cellString(kpiCell(unit, data.median))],
          [L('合计', 'Total'), cellString(kpiCell(unit, data.total?.value))],
        ],
        columns: [
          L('排名', 'Rank'),
          L('社区', 'Community'),
          L('街道', 'Street office'),
          L(`${ctx.t(data.kpi.name)}`, `${ctx.t(data.kpi.name)}`),
          ...(ratio ? [L('分子', 'Numerator'), L('分母', 'Denominator')] : []),
        ],
        rows: data.items.map((item) => [
          item.rank,
          item.communityName,
          item.streetOfficeName ?? '',
          kpiCell(unit, item.value),
          ...(ratio
            ? [
                kpiCell(numeratorUnit, item.numerator),
                denominatorUnit ? kpiCell(denominatorUnit, item.denominator) : null,
              ]
            : []),
        ]),
        definitions: [
          ...kpiDefinitions([data.kpi], ctx),
          [
            ctx.t(L('排名', 'Rank')),
            ctx.t(
              data.judged
                ? L(
                    '按指标方向排序，1 为最好；数值相同名次相同；无数值（分母为零）的社区不参与排名',
                    'Ordered by the KPI’s direction, 1 is best; equal values share a rank; a community without a value (no base) is unranked',
                  )
                : L(
                    '该指标无好坏之分，仅按数值从高到低排列',
                    'This KPI is neutral: ordered highest first, no rank is better or worse',
                  ),
            ),
          ],
          ...common(ctx, MONEY_NOTE, RATE_NOTE),
        ],
      };
    },
  },

  'reporting-matrix': {
    title: L('报送情况', 'Reporting'),
    path: simple('/kpis/reporting-matrix'),
    paging: { kind: 'none' },
    async build(data: ReportingMatrix, ctx) {
      const names = new Map(data.communities.map((c) => [c.communityId, c.name]));
      return {
        dataDate: data.dataDate,
        info: [
          [L('月份', 'Months'), `${data.from} – ${data.to}`],
          [L('每月截止日', 'Due day'), String(data.dueDay)],
        ],
        columns: [
          L('社区', 'Community'),
          L('月份', 'Month'),
          L('状态', 'State'),
          L('应报', 'Expected'),
          L('已报', 'Received'),
          L('按时', 'On time'),
          L('已审核', 'Approved'),
          L('逾期', 'Late'),
          L('未报', 'Missing'),
          L('退回', 'Returned'),
          L('未到期', 'Not due'),
          L('报送率', 'Reporting rate'),
        ],
        rows: data.cells.map((cell) => [
          names.get(cell.communityId) ?? cell.communityId,
          cell.month,
          ctx.label(REPORTING_STATE_LABELS, cell.state),
          cell.expected,
          cell.received,
          cell.receivedOnTime,
          cell.approved,
          cell.late,
          cell.missing,
          cell.returned,
          cell.notDue,
          cell.expected > 0 ? rate(cell.received / cell.expected) : null,
        ]),
        definitions: [
          [
            ctx.t(L('状态', 'State')),
            ctx.t(
              L(
                '社区各项目中最差的状态：未报 > 退回 > 逾期 > 按时 > 未到期',
                'The worst state of the community’s ventures: missing > returned > late > on time > not due',
              ),
            ),
          ],
          [
            ctx.t(L('按时', 'On time')),
            ctx.t(
              L(
                '在截止日前首次报送的月报（之后被退回再报的仍计为按时）',
                'Reports first submitted by the deadline (a later return and resubmission stays on time)',
              ),
            ),
          ],
          [ctx.t(L('报送率', 'Reporting rate')), ctx.t(L('已报 ÷ 应报', 'Received ÷ expected'))],
        ],
      };
    },
  },

  'fund-flow': {
    title: L('资金流向', 'Fund flow'),
    path: simple('/kpis/fund-flow'),
    paging: { kind: 'none' },
    async build(data: FundFlow, ctx) {
      const labels = new Map(data.nodes.map((n) => [n.name, ctx.t(n.label)]));
      return {
        dataDate: data.dataDate,
        info: [
          [L('统计期', 'Period'), ctx.t(data.period.label)],
          [L('统计至', 'Through'), data.through],
          [L('流入合计（元）', 'Inflows (yuan)'), cellString(money(data.inflowFen))],
          [L('流出合计（元）', 'Outflows (yuan)'), cellString(money(data.outflowFen))],
          ...(data.available
            ? []
            : [[L('说明', 'Note'), data.unavailableReason?.message ?? ''] as [LocalizedText, string]]),
        ],
        columns: [L('来源', 'From'), L('去向', 'To'), L('金额（元）', 'Amount (yuan)')],
        rows: data.links.map((link) => [
          labels.get(link.source) ?? link.source,
          labels.get(link.target) ?? link.target,
          money(link.value),
        ]),
        definitions: [
          [
            ctx.t(L('资金流向', 'Fund flow')),
            ctx.t(
              L(
                '统计期内的资金来源 → 基金 → 用途类别 → 议题（拨付），按净额计；冲正多于原分录的来源与去向不列出',
                'Sources → funds → use categories → proposals (payouts) in the period, net of reversals; a pair with more reversed than booked is left out',
              ),
            ),
          ],
          ...common(ctx, MONEY_NOTE),
        ],
      };
    },
  },

  'kpi-mix': {
    title: L('经营结构', 'Mix'),
    path: simple('/kpis/mix'),
    paging: { kind: 'none' },
    async build(data: KpiMix, ctx) {
      const bucketRows = (dimension: LocalizedText, buckets: KpiMix['operatingModels']): Cell[][] =>
        buckets.map((b) => [
          ctx.t(dimension),
          ctx.t(b.label),
          b.ventures,
          money(b.revenueFen),
          money(b.netProfitFen),
          b.serviceTransactions,
          b.residentsServed,
          rate(b.revenueShare.value),
          rate(b.transactionShare.value),
        ]);
      return {
        dataDate: data.dataDate,
        info: [
          [L('统计期', 'Period'), ctx.t(data.period.label)],
          [L('统计至', 'Through'), data.through],
        ],
        columns: [
          L('维度', 'Dimension'),
          L('分类', 'Bucket'),
          L('项目数', 'Ventures'),
          L('营业收入', 'Revenue'),
          L('净利润', 'Net profit'),
          L('服务人次', 'Service visits'),
          L('服务居民数', 'Residents served'),
          L('收入占比', 'Revenue share'),
          L('服务人次占比', 'Transaction share'),
        ],
        rows: [
          ...bucketRows(L('经营模式', 'Operating model'), data.operatingModels),
          ...bucketRows(L('价格档位', 'Price tier'), data.priceTiers),
        ],
        definitions: [
          [
            ctx.t(L('收入占比', 'Revenue share')),
            ctx.t(L('该分类营业收入 ÷ 全部营业收入', 'This bucket’s revenue ÷ all revenue')),
          ],
          [
            ctx.t(L('服务人次占比', 'Transaction share')),
            ctx.t(L('该分类服务人次 ÷ 全部服务人次', 'This bucket’s transactions ÷ all transactions')),
          ],
          ...common(ctx, MONEY_NOTE, RATE_NOTE),
        ],
      };
    },
  },

  // ─── lists

  communities: {
    title: L('社区', 'Communities'),
    path: simple('/communities'),
    paging: { kind: 'none' },
    async build(data: { items: Community[] }, ctx) {
      return {
        columns: [
          L('社区', 'Community'),
          L('街道', 'Street office'),
          L('区划代码', 'Division code'),
          L('类型', 'Kind'),
          L('转制年份', 'Converted in'),
          L('成立日期', 'Founded on'),
          L('人口', 'Population'),
          L('户数', 'Households'),
          L('有老人户数', 'Households with seniors'),
          L('负责单位', 'Responsible organisation'),
          L('监督反馈', 'Feedback channel'),
        ],
        rows: data.items.map((c) => [
          c.name,
          c.streetOfficeName ?? '',
          c.adminCode ?? '',
          ctx.label(COMMUNITY_KIND_LABELS, c.kind),
          c.convertedYear,
          c.foundedOn ?? '',
          c.population,
          c.households,
          c.householdsWithSeniors,
          c.responsibleOrg ?? '',
          c.feedbackChannel ?? '',
        ]),
      };
    },
  },

  reports: {
    title: L('月报', 'Monthly reports'),
    path: simple('/reports'),
    paging: { kind: 'page', size: 500 },
    async build(data: ReportList, ctx) {
      return {
        columns: [
          L('月份', 'Month'),
          L('社区', 'Community'),
          L('项目', 'Venture'),
          L('版本', 'Revision'),
          L('状态', 'Status'),
          L('营业收入', 'Revenue'),
          L('运营成本', 'Operating cost'),
          L('稳定就业', 'Stable jobs'),
          L('临时就业', 'Temporary jobs'),
          L('服务居民数', 'Residents served'),
          L('服务人次', 'Service visits'),
          L('服务老人', 'Elders served'),
          L('服务儿童', 'Children served'),
          L('应交社区', 'Remittance due'),
          L('实交社区', 'Remittance received'),
          L('服务请求', 'Service requests'),
          L('承诺时限内响应', 'Within promise'),
          L('异常提示', 'Flags'),
          L('报送时间', 'Submitted at'),
          L('审核时间', 'Reviewed at'),
          L('审核意见', 'Review comment'),
        ],
        rows: data.items.map((r) => [
          r.month,
          r.communityName,
          r.ventureName,
          r.revision,
          ctx.label(REPORT_STATUS_LABELS, r.status),
          money(r.revenueFen),
          money(r.operatingCostFen),
          r.stableJobs,
          r.temporaryJobs,
          r.residentsServed,
          r.serviceTransactions,
          r.eldersServed,
          r.childrenServed,
          money(r.remittanceDueFen),
          money(r.remittanceReceivedFen),
          r.serviceRequests,
          r.requestsWithinPromise,
          r.flags.length,
          shanghaiTime(r.submittedAt),
          shanghaiTime(r.reviewedAt),
          r.reviewComment ?? '',
        ]),
        definitions: [
          [
            ctx.t(L('异常提示', 'Flags')),
            ctx.t(
              L(
                '最近一次报送时系统发现的超出常规范围的数字个数',
                'How many figures were outside their usual range when the report was last submitted',
              ),
            ),
          ],
          ...common(ctx, MONEY_NOTE),
        ],
      };
    },
  },

  funds: {
    title: L('基金', 'Funds'),
    path: simple('/funds'),
    paging: { kind: 'none' },
    async build(data: FundList, ctx) {
      const rows: Cell[][] = [];
      for (const f of data.items) {
        rows.push([
          await ctx.communityName(f.communityId),
          f.name,
          ctx.label(FUND_KIND_LABELS, f.kind),
          f.purpose ?? '',
          yesNo(ctx, f.isPublic),
          money(f.balanceFen),
        ]);
      }
      return {
        columns: [
          L('社区', 'Community'),
          L('基金', 'Fund'),
          L('类型', 'Kind'),
          L('用途', 'Purpose'),
          L('公示', 'Public'),
          L('余额', 'Balance'),
        ],
        rows,
        definitions: [...common(ctx, MONEY_NOTE)],
      };
    },
  },

  ledger: {
    title: L('资金台账', 'Fund ledger'),
    path: (query) => {
      const fundId = query.get('fundId');
      return fundId && /^[0-9a-f-]{36}$/i.test(fundId) ? `/funds/${fundId}/entries` : null;
    },
    requires: 'fundId',
    paging: { kind: 'offset', size: 1000 },
    async build(data: LedgerEntryList, ctx) {
      return {
        info: [
          [L('基金', 'Fund'), data.fund.name],
          [L('期初余额（元）', 'Opening balance (yuan)'), cellString(money(data.totals.openingBalanceFen))],
          [L('流入（元）', 'Inflows (yuan)'), cellString(money(data.totals.inflowFen))],
          [L('流出（元）', 'Outflows (yuan)'), cellString(money(data.totals.outflowFen))],
          [L('期末余额（元）', 'Closing balance (yuan)'), cellString(money(data.totals.closingBalanceFen))],
        ],
        columns: [
          L('记账时间', 'Booked at'),
          L('拨付日期', 'Paid on'),
          L('所属月份', 'Month'),
          L('类型', 'Kind'),
          L('收支', 'In / out'),
          L('金额', 'Amount'),
          L('余额', 'Balance after'),
          L('摘要', 'Memo'),
          L('已冲正', 'Reversed'),
        ],
        rows: data.items.map((e) => [
          shanghaiTime(e.createdAt),
          e.paidOn ?? '', // a payout's own day, which a backdated payout books later than
          e.month,
          ctx.label(LEDGER_ENTRY_KIND_LABELS, e.kind),
          e.direction === 1 ? ctx.t(L('收入', 'In')) : ctx.t(L('支出', 'Out')),
          money(e.amountFen),
          money(e.balanceAfterFen),
          e.memo ?? '',
          yesNo(ctx, e.reversedByEntryId !== null),
        ]),
        definitions: [
          [
            ctx.t(L('拨付日期', 'Paid on')),
            ctx.t(
              L(
                '支出的资金实际拨付日，由社区录入，可早于记账时间；公示栏按此日期列出支出',
                'The day a payout’s money left the fund, as the community entered it; it may be before the booking time. The public board lists payouts by this day',
              ),
            ),
          ],
          [
            ctx.t(L('余额', 'Balance after')),
            ctx.t(
              L(
                '该笔分录记账后的基金余额（按记账顺序）',
                'The fund’s balance right after the entry, in booking order',
              ),
            ),
          ],
          ...common(ctx, MONEY_NOTE),
        ],
      };
    },
  },

  proposals: {
    title: L('居民议事', 'Resident proposals'),
    path: simple('/proposals'),
    paging: { kind: 'none' },
    async build(data: ProposalList, ctx) {
      const rows: Cell[][] = [];
      for (const p of data.items) {
        const d = p.deliberation;
        rows.push([
          await ctx.communityName(p.communityId),
          await ctx.fundName(p.fundId),
          p.title,
          ctx.label(PROPOSAL_USE_CATEGORY_LABELS, p.useCategory),
          ctx.label(PROPOSAL_STATUS_LABELS, p.status),
          money(p.amountFen),
          money(p.paidFen),
          money(p.remainingFen),
          d?.meetingOn ?? '',
          d ? `${d.votesFor} / ${d.votesAgainst} / ${d.votesAbstain}` : '',
          p.disclosure ? `${p.disclosure.startsOn} – ${p.disclosure.endsOn}` : '',
          p.closeResult ?? '',
          shanghaiTime(p.createdAt),
        ]);
      }
      return {
        columns: [
          L('社区', 'Community'),
          L('基金', 'Fund'),
          L('议题', 'Proposal'),
          L('用途类别', 'Use category'),
          L('状态', 'Status'),
          L('申请金额', 'Amount'),
          L('已拨付', 'Paid'),
          L('可拨付', 'Remaining'),
          L('议事日期', 'Meeting on'),
          L('赞成 / 反对 / 弃权', 'For / against / abstain'),
          L('公示期', 'Disclosure'),
          L('结项结果', 'Close result'),
          L('提出时间', 'Created at'),
        ],
        rows,
        definitions: [
          [
            ctx.t(L('可拨付', 'Remaining')),
            ctx.t(
              L(
                '公示期满后尚可拨付的金额；公示期满前为 0',
                'What may still be paid out once the disclosure period is over; 0 before',
              ),
            ),
          ],
          ...common(ctx, MONEY_NOTE),
        ],
      };
    },
  },

  pledges: {
    title: L('承诺捐赠', 'Pledges'),
    path: simple('/pledges'),
    paging: { kind: 'none' },
    async build(data: PledgeList, ctx) {
      const rows: Cell[][] = [];
      for (const p of data.items) {
        rows.push([
          await ctx.communityName(p.communityId),
          p.partnerName ?? '',
          ctx.label(PLEDGE_KIND_LABELS, p.kind),
          p.description,
          money(p.amountFen),
          money(p.fulfilledFen),
          money(p.outstandingFen),
          money(p.awaitingConfirmationFen),
          p.dueOn,
          p.status === 'fulfilled' ? ctx.t(L('已兑现', 'Fulfilled')) : ctx.t(L('进行中', 'Open')),
          yesNo(ctx, p.overdue),
        ]);
      }
      return {
        info: [
          [L('承诺合计（元）', 'Pledged (yuan)'), cellString(money(data.totals.amountFen))],
          [L('已兑现合计（元）', 'Fulfilled (yuan)'), cellString(money(data.totals.fulfilledFen))],
        ],
        columns: [
          L('社区', 'Community'),
          L('合作方', 'Partner'),
          L('类型', 'Kind'),
          L('内容', 'Description'),
          L('承诺金额', 'Pledged'),
          L('已兑现', 'Fulfilled'),
          L('未兑现', 'Outstanding'),
          L('待确认入账', 'Awaiting confirmation'),
          L('到期日', 'Due on'),
          L('状态', 'Status'),
          L('逾期', 'Overdue'),
        ],
        rows,
        definitions: [
          [
            ctx.t(L('已兑现', 'Fulfilled')),
            ctx.t(
              L(
                '非现金兑现按申报估值计；现金兑现在社区确认入账后计入',
                'In-kind fulfilments at their declared value; cash ones once the community has booked them',
              ),
            ),
          ],
          ...common(ctx, MONEY_NOTE),
        ],
      };
    },
  },

  warnings: {
    title: L('预警', 'Warnings'),
    path: simple('/warnings'),
    paging: { kind: 'offset', size: 500 },
    async build(data: WarningList, ctx) {
      return {
        columns: [
          L('严重程度', 'Severity'),
          L('类型', 'Kind'),
          L('社区', 'Community'),
          L('期间', 'Period'),
          L('状态', 'Status'),
          L('持续起始日', 'Condition since'),
          L('发现时间', 'Detected at'),
          L('处理时间', 'Resolved at'),
          L('处理说明', 'Resolution'),
        ],
        rows: data.items.map((w) => [
          ctx.label(WARNING_SEVERITY_LABELS, w.severity),
          ctx.label(WARNING_KIND_LABELS, w.kind),
          w.communityName ?? '',
          w.period,
          ctx.label(WARNING_STATUS_LABELS, w.status),
          // the day the condition began (ADR 0040): how long it has held, which detection does not say
          w.conditionSince,
          shanghaiTime(w.detectedAt),
          shanghaiTime(w.resolvedAt),
          w.resolution ?? '',
        ]),
      };
    },
  },

  audit: {
    title: L('审计日志', 'Audit log'),
    path: simple('/audit'),
    paging: { kind: 'cursor', size: 200 },
    async build(data: { items: AuditEntry[] }, ctx) {
      const rows: Cell[][] = [];
      for (const a of data.items) {
        rows.push([
          shanghaiTime(a.createdAt),
          auditActor(a, ctx),
          auditActionLabel(a.action, ctx.lang),
          auditEntityLabel(a.entityType, ctx.lang),
          // named as the audit screen names it, from what the entry logged; the id beside it to match rows
          auditObjectName(a.entityType, a.before, a.after, ctx.lang) ?? '',
          a.entityId ?? '',
          a.communityId ? await ctx.communityName(a.communityId) : '',
          a.requestId ?? '',
        ]);
      }
      return {
        columns: [
          L('时间', 'At'),
          L('操作人', 'Actor'),
          L('操作', 'Action'),
          L('对象类型', 'Object type'),
          L('对象', 'Object'),
          L('对象编号', 'Object id'),
          L('社区', 'Community'),
          L('请求编号', 'Request id'),
        ],
        rows,
      };
    },
  },

  ventures: {
    title: L('经营项目', 'Ventures'),
    path: simple('/ventures'),
    paging: { kind: 'none' },
    async build(data: { items: Venture[] }, ctx) {
      return {
        columns: [
          L('社区', 'Community'),
          L('项目', 'Venture'),
          L('类别', 'Category'),
          L('价格档位', 'Price tier'),
          L('运营方', 'Operator'),
          L('开始日期', 'Started on'),
          L('报送起始月', 'Reporting from'),
          L('状态', 'Status'),
          L('承诺响应（分钟）', 'Promised response (minutes)'),
        ],
        rows: data.items.map((v) => [
          v.communityName,
          v.name,
          ctx.label(VENTURE_CATEGORY_LABELS, v.category),
          ctx.label(PRICE_TIER_LABELS, v.priceTier),
          v.operatorPartnerName ?? '',
          v.startedOn ?? '',
          v.reportingStartMonth ?? '',
          ctx.label(VENTURE_STATUS_LABELS, v.status),
          v.promisedResponseMinutes,
        ]),
      };
    },
  },

  companies: {
    title: L('社区公司', 'Companies'),
    path: simple('/companies'),
    paging: { kind: 'none' },
    async build(data: { items: Company[] }, ctx) {
      const rows: Cell[][] = [];
      for (const c of data.items) {
        rows.push([
          await ctx.communityName(c.communityId),
          c.legalName,
          c.creditCode,
          c.foundedOn ?? '',
          ctx.label(OPERATING_MODEL_LABELS, c.operatingModel),
          money(c.registeredCapitalFen),
        ]);
      }
      return {
        columns: [
          L('社区', 'Community'),
          L('公司名称', 'Legal name'),
          L('统一社会信用代码', 'Credit code'),
          L('成立日期', 'Founded on'),
          L('经营模式', 'Operating model'),
          L('注册资本', 'Registered capital'),
        ],
        rows,
        definitions: [...common(ctx, MONEY_NOTE)],
      };
    },
  },

  assets: {
    title: L('资产', 'Assets'),
    path: simple('/assets'),
    paging: { kind: 'none' },
    async build(data: { items: Asset[] }, ctx) {
      const rows: Cell[][] = [];
      for (const a of data.items) {
        rows.push([
          await ctx.communityName(a.communityId),
          a.name,
          ctx.label(ASSET_KIND_LABELS, a.kind),
          a.areaM2,
          a.location ?? '',
          a.title ?? '',
          ctx.label(ASSET_STATUS_LABELS, a.status),
          money(a.latestAppraisal?.valueFen),
          a.latestAppraisal?.appraisedOn ?? '',
        ]);
      }
      return {
        columns: [
          L('社区', 'Community'),
          L('资产', 'Asset'),
          L('类型', 'Kind'),
          L('面积（㎡）', 'Area (m²)'),
          L('位置', 'Location'),
          L('权属', 'Title'),
          L('状态', 'Status'),
          L('最新评估值', 'Latest appraisal'),
          L('评估日期', 'Appraised on'),
        ],
        rows,
        definitions: [...common(ctx, MONEY_NOTE)],
      };
    },
  },

  partners: {
    title: L('合作方', 'Partners'),
    path: simple('/partners'),
    paging: { kind: 'none' },
    async build(data: { items: Partner[] }, ctx) {
      return {
        columns: [
          L('名称', 'Name'),
          L('类型', 'Kind'),
          L('统一社会信用代码', 'Credit code'),
          L('联系人', 'Contact'),
          L('联系电话', 'Phone'),
        ],
        rows: data.items.map((p) => [
          p.name,
          ctx.label(PARTNER_KIND_LABELS, p.kind),
          p.creditCode ?? '',
          p.contactName ?? '',
          p.contactPhone ?? '',
        ]),
      };
    },
  },

  agreements: {
    title: L('运营协议', 'Operator agreements'),
    path: simple('/agreements'),
    paging: { kind: 'none' },
    async build(data: { items: Agreement[] }, ctx) {
      const rows: Cell[][] = [];
      for (const a of data.items) {
        rows.push([
          await ctx.communityName(a.communityId),
          a.ventureName,
          a.partnerName,
          a.startsOn,
          a.endsOn,
          ctx.label(AGREEMENT_TERMS_LABELS, a.terms),
          rate(a.operatorShareBp / 10_000),
          money(a.feeFen),
          money(a.guaranteedMinRemittanceFen),
        ]);
      }
      return {
        columns: [
          L('社区', 'Community'),
          L('项目', 'Venture'),
          L('合作方', 'Partner'),
          L('起始日', 'Starts on'),
          L('到期日', 'Ends on'),
          L('合作方式', 'Terms'),
          L('运营方分成', 'Operator share'),
          L('每月固定费用', 'Monthly fixed fee'),
          L('每月保底上交', 'Guaranteed monthly remittance'),
        ],
        rows,
        definitions: [...common(ctx, MONEY_NOTE, RATE_NOTE)],
      };
    },
  },

  'street-offices': {
    title: L('街道', 'Street offices'),
    path: simple('/street-offices'),
    paging: { kind: 'none' },
    async build(data: { items: StreetOffice[] }) {
      return {
        columns: [L('街道', 'Street office'), L('区划代码', 'Division code'), L('社区数', 'Communities')],
        rows: data.items.map((s) => [s.name, s.adminCode ?? '', s.communityCount]),
      };
    },
  },

  // ─── administration

  users: {
    title: L('用户与权限', 'Users & access'),
    path: simple('/users'),
    paging: { kind: 'none' },
    // the list route answers what the users page shows — never a password, its hash or a session
    async build(data: DistrictUserList, ctx) {
      const rows: Cell[][] = [];
      for (const u of data.items) {
        const account = (role: Cell, unit: Cell, grantedAt: Cell): Cell[] => [
          u.displayName,
          u.email,
          role,
          unit,
          grantedAt,
          ctx.label(USER_STATUS_LABELS, u.status),
          // a disabled account cannot log in: it has no password to change (as the page shows)
          yesNo(ctx, u.mustChangePassword && u.status === 'active'),
          shanghaiTime(u.disabledAt),
          u.lastLoginAt ? shanghaiTime(u.lastLoginAt) : ctx.t(L('从未登录', 'Never')),
          shanghaiTime(u.createdAt),
          u.id,
        ];
        // one row per role, so that a filter on the role column counts who holds it; an account without a role
        // still has its row
        if (u.memberships.length === 0) rows.push(account('', '', ''));
        for (const m of u.memberships) {
          rows.push(
            account(
              ctx.label(ROLE_LABELS, m.role),
              m.communityName ?? m.partnerName ?? '',
              shanghaiTime(m.createdAt),
            ),
          );
        }
      }
      const disabled = data.items.filter((u) => u.status === 'disabled').length;
      return {
        info: [
          [L('账号数', 'Accounts'), String(data.items.length)],
          [L('其中已停用', 'Of which disabled'), String(disabled)],
        ],
        columns: [
          L('姓名', 'Name'),
          L('登录邮箱', 'Login email'),
          L('角色', 'Role'),
          L('所属社区 / 合作方', 'Community / partner'),
          L('授权时间', 'Role granted at'),
          L('状态', 'Status'),
          L('需改密', 'Must change password'),
          L('停用时间', 'Disabled at'),
          L('最近登录', 'Last login'),
          L('创建时间', 'Created at'),
          L('账号编号', 'Account id'),
        ],
        rows,
        definitions: [
          [
            ctx.t(L('行', 'Rows')),
            ctx.t(
              L(
                '每个账号的每个角色一行：有多个角色的账号占多行，没有角色的账号占一行（角色为空）',
                'One row per role of each account: an account with several roles has several rows, one without a role has one row (role empty)',
              ),
            ),
          ],
          [
            ctx.t(L('所属社区 / 合作方', 'Community / partner')),
            ctx.t(
              L(
                '社区角色所属的社区、合作运营方所属的合作方；区级角色为空（全区）',
                'The community of a community role, the partner of a partner operator; empty for district roles (the whole district)',
              ),
            ),
          ],
          [
            ctx.t(L('筛选', 'Filters')),
            ctx.t(
              L(
                '按角色或社区 / 合作方筛选时，导出有符合条件的角色的账号（两项都选时须是同一个角色），每个账号仍列出其全部角色',
                'Filtered by role or by community / partner: the accounts with a matching role (both chosen: one role matching both), each still with all its roles',
              ),
            ),
          ],
          [
            ctx.t(L('需改密', 'Must change password')),
            ctx.t(
              L(
                '“是”：密码由管理员设置（新建账号或重置密码），本人尚未修改；下次登录须先修改密码',
                '“yes”: the password was set by an admin (new account or reset) and its owner has not changed it yet; they must at their next login',
              ),
            ),
          ],
          [
            ctx.t(L('最近登录', 'Last login')),
            ctx.t(
              L(
                '最近一次成功登录的时间；“从未登录”表示账号创建后尚未登录',
                'The last successful login; “Never” when the account has not logged in since it was created',
              ),
            ),
          ],
          [ctx.t(L('时间', 'Times')), ctx.t(L('北京时间（UTC+8）', 'Beijing time (UTC+8)'))],
          [
            ctx.t(L('账号编号', 'Account id')),
            ctx.t(
              L(
                '与审计日志中“对象编号”一致，可据此查该账号的变更记录',
                'The same as the audit log’s “Object id”: the account’s changes can be looked up by it',
              ),
            ),
          ],
          [
            ctx.t(L('密码', 'Passwords')),
            ctx.t(
              L(
                '不导出密码、密码摘要或任何密钥；初始密码只在创建或重置时显示一次',
                'No password, password hash or other secret is exported; an initial password is shown once, when it is set',
              ),
            ),
          ],
        ],
      };
    },
  },
};

/** A cell as text in an info line (money in yuan with two decimals, rates in percent). */
function cellString(cell: Cell): string {
  if (cell === null) return '—';
  if (typeof cell === 'object') {
    if ('fen' in cell) {
      const abs = Math.abs(cell.fen);
      return `${cell.fen < 0 ? '-' : ''}${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
    }
    if ('rate' in cell) return `${(cell.rate * 100).toFixed(2)}%`;
    return cell.points.toFixed(2);
  }
  return String(cell);
}

/** KPI keys are the domain's: a series or ranking names its KPI in the filters line. */
export function kpiName(key: string, ctx: ExportContext): string {
  const definition = (KPI_DEFINITIONS as Record<string, KpiDefinition>)[key as KpiKey];
  return definition ? ctx.t(definition.name) : key;
}
