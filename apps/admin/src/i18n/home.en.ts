import type { homeZhCN } from './home.zh-cn';
import type { Shape } from './shape';

export const homeEn: Shape<typeof homeZhCN> = {
  title: '{{name}} — overview',
  subtitle: '{{name}} · {{role}}',
  todo: {
    title: 'To do this month',
    none: 'Nothing to do',
    reports: '{{count}} reports for {{month}} still owed, due {{due}}',
    reportsDone: 'Every report for {{month}} is in',
    openReporting: 'Report',
    returned: '{{count}} reports returned, to be fixed and resubmitted',
    fix: 'Fix',
    voting: '{{count}} proposals waiting for the residents’ vote',
    payable: '{{count}} proposals past their disclosure period, ready to pay',
    openProposals: 'Proposals',
    agreements: '{{count}} operator agreements end within 90 days, first “{{name}}” ({{date}})',
    warnings: '{{count}} open warnings',
    openWarnings: 'Review',
    openAgreements: 'Agreements',
  },
  standing: {
    title: 'Standing in the district',
    dataDate: 'Data as of {{month}}',
    period: '{{period}}; ranks among the district’s communities with a figure',
    rank: 'District rank',
    unranked: 'No figure this period, not ranked',
    none: 'No figures yet for this period',
  },
  shortcuts: 'Shortcuts',
  partner: {
    ventures: 'Ventures we operate',
    monthNote: 'Tags show the {{month}} report, due {{due}}',
    openAgreements: 'Operating agreements',
    none: 'No ventures in operation',
    fill: 'Fill in',
    view: 'View',
    notExpected: 'No report due this month',
    guaranteed: 'guaranteed {{amount}}/month',
    term: 'Agreement',
    noAgreement: 'No operating agreement on record',
  },
};
