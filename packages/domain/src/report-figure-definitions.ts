import type { LocalizedText } from './labels';
import { REPORT_FIGURE_FIELDS, type ReportFigures } from './report-figures';

/** How a figure is entered: money in 元 with at most two decimals (stored in fen), or a whole count. */
export type ReportFigureKind = 'money' | 'count';

export interface ReportFigureDefinition {
  readonly kind: ReportFigureKind;
  readonly label: LocalizedText;
  readonly unit: LocalizedText;
  /** What the figure counts (统计口径): printed on the template's help sheet and wherever a figure is explained. */
  readonly definition: LocalizedText;
}

const YUAN: LocalizedText = { 'zh-CN': '元', en: 'yuan' };
const PEOPLE: LocalizedText = { 'zh-CN': '人', en: 'people' };
const JOBS: LocalizedText = { 'zh-CN': '个', en: 'jobs' };
const TIMES: LocalizedText = { 'zh-CN': '人次', en: 'visits' };
const REQUESTS: LocalizedText = { 'zh-CN': '次', en: 'requests' };

/**
 * The monthly self-report's figures as a clerk reads them: name, unit and definition in both languages, in the
 * form's order. The consistency rules (parts never above their whole) are the domain's validateReportFigures.
 */
export const REPORT_FIGURE_DEFINITIONS: Readonly<Record<keyof ReportFigures, ReportFigureDefinition>> = {
  revenueFen: {
    kind: 'money',
    label: { 'zh-CN': '营业收入', en: 'Revenue' },
    unit: YUAN,
    definition: {
      'zh-CN': '本月经营该项目取得的全部收入（含税），按收付实现口径填报。',
      en: "All of the month's income from running the venture (tax included), as received.",
    },
  },
  operatingCostFen: {
    kind: 'money',
    label: { 'zh-CN': '运营成本', en: 'Operating cost' },
    unit: YUAN,
    definition: {
      'zh-CN': '本月为经营该项目支付的人工、房租、水电、物料等成本；利润 = 营业收入 − 运营成本。',
      en: 'Wages, rent, utilities, materials and other costs paid this month to run the venture; profit = revenue − operating cost.',
    },
  },
  stableJobs: {
    kind: 'count',
    label: { 'zh-CN': '稳定就业岗位', en: 'Stable jobs' },
    unit: JOBS,
    definition: {
      'zh-CN': '月末在岗、签订劳动合同或连续工作 3 个月以上的岗位数。',
      en: 'Jobs held at month end under a labour contract or for three months or more in a row.',
    },
  },
  temporaryJobs: {
    kind: 'count',
    label: { 'zh-CN': '临时就业岗位', en: 'Temporary jobs' },
    unit: JOBS,
    definition: {
      'zh-CN': '本月提供的临时、季节性或按次计酬的岗位数。',
      en: 'Temporary, seasonal or paid-per-task jobs offered this month.',
    },
  },
  residentsServed: {
    kind: 'count',
    label: { 'zh-CN': '服务居民人数', en: 'Residents served' },
    unit: PEOPLE,
    definition: {
      'zh-CN': '本月接受服务的不同居民人数（同一人多次只计 1 人）。',
      en: 'Distinct residents served this month (a person served several times counts once).',
    },
  },
  serviceTransactions: {
    kind: 'count',
    label: { 'zh-CN': '服务人次', en: 'Service visits' },
    unit: TIMES,
    definition: {
      'zh-CN': '本月提供服务的总人次（同一人多次按次计）。',
      en: 'All services given this month (a person served several times counts each time).',
    },
  },
  eldersServed: {
    kind: 'count',
    label: { 'zh-CN': '服务老年人', en: 'Elders served' },
    unit: PEOPLE,
    definition: {
      'zh-CN': '服务居民中 60 周岁及以上的人数；与服务儿童之和不超过服务居民人数。',
      en: 'Residents served aged 60 or over; with the children served, at most the residents served.',
    },
  },
  childrenServed: {
    kind: 'count',
    label: { 'zh-CN': '服务儿童', en: 'Children served' },
    unit: PEOPLE,
    definition: {
      'zh-CN': '服务居民中未满 14 周岁的人数；与服务老年人之和不超过服务居民人数。',
      en: 'Residents served under 14; with the elders served, at most the residents served.',
    },
  },
  remittanceDueFen: {
    kind: 'money',
    label: { 'zh-CN': '应上缴社区', en: 'Remittance due' },
    unit: YUAN,
    definition: {
      'zh-CN': '按运营协议本月应上缴社区的金额（含保底上缴）。',
      en: 'What the operator agreement says is owed to the community this month (guaranteed minimum included).',
    },
  },
  remittanceReceivedFen: {
    kind: 'money',
    label: { 'zh-CN': '实际上缴社区', en: 'Remittance received' },
    unit: YUAN,
    definition: {
      'zh-CN': '本月社区实际收到的上缴金额。',
      en: 'What the community actually received this month.',
    },
  },
  serviceRequests: {
    kind: 'count',
    label: { 'zh-CN': '服务请求数', en: 'Service requests' },
    unit: REQUESTS,
    definition: {
      'zh-CN': '本月收到的居民服务请求次数（电话、上门、线上）。',
      en: 'Service requests received from residents this month (phone, in person, online).',
    },
  },
  requestsWithinPromise: {
    kind: 'count',
    label: { 'zh-CN': '承诺时限内响应数', en: 'Answered within the promise' },
    unit: REQUESTS,
    definition: {
      'zh-CN': '服务请求中在承诺时限内（如驿站的 10 分钟）得到响应的次数；不超过服务请求数。',
      en: "Requests answered within the promised time (the service station's 10 minutes); at most the service requests.",
    },
  },
};

/** The figures in the form's order with their definitions. */
export const REPORT_FIGURE_LIST = REPORT_FIGURE_FIELDS.map((field) => ({
  field,
  ...REPORT_FIGURE_DEFINITIONS[field],
}));
