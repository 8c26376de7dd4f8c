import type { exportsZhCN } from './exports.zh-cn';
import type { Shape } from './shape';

export const exportsEn: Shape<typeof exportsZhCN> = {
  button: 'Export',
  excel: 'Excel (.xlsx)',
  csv: 'CSV (UTF-8)',
  working: 'Preparing the file…',
  done: 'Exported {{name}}',
  failed: 'Export failed: {{message}}',
  bulletin: {
    open: 'Monthly bulletin',
    title: '{{scope}} — community economy monthly bulletin',
    pickMonth: 'Pick a month',
    print: 'Print / save as PDF',
    dataDate: 'Data as of {{month}}',
    printedAt: 'Generated {{date}}',
    // no noun after either number, no verb to agree: it reads right for 0 of 1 and 1 of 5 alike
    provisional:
      'As of the data date, reports approved: {{approved}} of {{expected}} due this month; figures may still change',
    rankingProvisionalMark:
      '* Not all of this community’s reports of the month are approved yet: its figure counts approved reports only, and its place is not final',
    provisionalMark:
      '* Reports of the month are still in review: this figure counts approved reports only, so its changes are not judged (no red or green)',
    noAccess: 'The monthly bulletin is for district users',
    kpis: '1. Headline figures',
    kpi: 'KPI',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    mom: 'vs last month',
    lastYear: 'Same month last year',
    yoy: 'vs last year',
    points: '{{sign}}{{amount}} pp',
    trend: 'Operating revenue, last 12 months (10k yuan)',
    thisYear: 'This year',
    previousYear: 'Year before',
    ranking: '2. Community ranking ({{kpi}})',
    rankingIn: '2. Community ranking ({{kpi}}, {{unit}})',
    top: 'Top five',
    bottom: 'Bottom five',
    rank: 'Rank',
    community: 'Community',
    value: 'Value',
    captionIn: '{{title}} ({{unit}})',
    median: 'Median {{value}}',
    reporting: '3. Reporting',
    // count: the reports due (English says "1 report due")
    reportingSummary:
      '{{count}} reports due, {{received}} received, {{onTime}} on time; reporting rate {{rate}}, on-time rate {{onTimeRate}}',
    reportingSummary_one:
      '{{count}} report due, {{received}} received, {{onTime}} on time; reporting rate {{rate}}, on-time rate {{onTimeRate}}',
    missing: 'Not reported: {{names}}',
    allReported: 'Every community has reported.',
    warnings: '4. Warnings ({{count}} open)',
    noWarnings: 'No open warnings.',
    moreWarnings: '{{count}} more on the warnings page',
    funds: '5. Fund flows',
    inflow: 'Inflows',
    outflow: 'Outflows',
    bySource: 'Where money came from',
    byUse: 'What it was used for',
    noFlows: 'No money moved this month.',
    others: '{{count}} others',
    others_one: '{{count}} other',
    none: 'None',
    notAvailable: '—',
    footer:
      'Figures from the communities’ monthly reports and fund ledgers on Gongfu; each KPI’s definition is in the KPI dashboard and on the “Definitions” sheet of an export.',
    failedLoad: 'The bulletin’s figures cannot be read right now; please try again later.',
  },
};
