import type { settingsZhCN } from './settings.zh-cn';
import type { Shape } from './shape';

export const settingsEn: Shape<typeof settingsZhCN> = {
  nav: { group: 'Administration', settings: 'District settings', distribution: 'Distribution rules' },
  readOnly: 'Read only',
  readOnlyHint: 'Only district admins can change this',
  history: 'History',
  saved: 'Saved',
  page: {
    title: 'District settings',
    subtitle: 'Report due day, reporting start and warning thresholds, for every community of the district',
    save: 'Save settings',
    reset: 'Undo changes',
    unchanged: 'Nothing to save',
  },
  reporting: {
    title: 'Monthly reports',
    dueDay: 'Report due day',
    dueDayUnit: 'day of month',
    dueDayHint:
      'The day of each month by which the previous month’s report is due (1–28). A first submission after it is late; a report still missing after it raises an overdue warning.',
    dueDayExample: 'For example, day {{day}}: the report for {{month}} is due by {{due}}, that day included.',
    startMonth: 'Reporting start month',
    startMonthHint:
      'The first month the district reports on the platform. Earlier months are not owed (not missing, not in the reporting rate); a venture may set a later month of its own. Empty: each venture owes reports from the month it started.',
    startMonthPlaceholder: 'Pick a month',
  },
  thresholds: {
    title: 'Warning thresholds',
    intro:
      'Warnings have two levels: amber calls for attention, red for action. New thresholds apply the next time “Check warnings now” is run on the Warnings page; warnings already raised are not withdrawn or downgraded.',
    amber: 'Amber',
    red: 'Red',
    unit: { days: 'days', months: 'months', percent: '%' },
    rule: {
      reportOverdue: 'Monthly report overdue',
      revenueDrop: 'Revenue down sharply on last month',
      fundIdle: 'Fund unspent',
      agreementExpiring: 'Operator agreement ending soon',
      pledgeOverdue: 'Pledge past its due date',
      remittance: 'Remittance below the guaranteed minimum',
    },
    explain: {
      reportOverdue:
        'Amber if a report is still missing the day after the due day; red once it is more days overdue than set here.',
      revenueDrop: 'Revenue has fallen on the previous month by more than the percentage set here.',
      fundIdle:
        'A fund has money in it but nothing has been paid out for the number of months set here. Reserves are not checked: they are meant to be kept.',
      agreementExpiring:
        'An operator agreement ends within the number of days set here. The red window can’t be longer than the amber one.',
      pledgeOverdue:
        'Amber once a pledge is past its due date and not fully honoured; red once it is more days late than set here.',
      remittance:
        'Amber if the remittance received is below the guaranteed minimum; red if it is under the percentage of that minimum set here.',
    },
    prefix: {
      reportOverdueRedDays: 'more than',
      revenueDropBp: 'more than',
      revenueDropRedBp: 'more than',
      fundIdleMonths: 'for',
      fundIdleRedMonths: 'for',
      agreementExpiringDays: 'within',
      agreementExpiringRedDays: 'within',
      pledgeOverdueRedDays: 'more than',
      // of the minimum, as the row's note says; a longer word cuts the figure off on a phone
      remittanceRedBp: 'under',
    },
    always: 'Once overdue',
    belowMinimum: 'Below the minimum',
    redBeforeAmber: 'The red threshold can’t be less strict than the amber one',
  },
  rules: {
    title: 'Distribution rules',
    subtitle:
      'The share of a community’s distributable income that goes to its community-governance special fund, reserve and other fund; effective by month, every version kept',
    community: 'Community',
    pickCommunity: 'Pick a community',
    pickFirst: 'Pick a community to see and change its distribution rule.',
    inForce: 'Rule in force',
    inForceSince: 'In force since {{month}}',
    defaultRule: 'No rule set yet: approved reports’ income all goes to the reserve.',
    history: 'Rule history',
    historyEmpty: 'No rule has been set',
    initialData: 'Set before go-live',
    adjust: 'Change the shares',
    col: {
      version: 'Version',
      effectiveFrom: 'From',
      governance: 'Community-governance special fund',
      reserve: 'Reserve',
      other: 'Other fund',
      createdAt: 'Set on',
      createdBy: 'Set by',
      status: 'Status',
    },
    status: { current: 'In force', future: 'Upcoming', past: 'Replaced' },
    fund: {
      governance_special: 'Community-governance special fund',
      reserve: 'Reserve',
      other: 'Other fund',
    },
  },
  drawer: {
    title: 'Change the shares · {{community}}',
    intro:
      'The share of the community’s distributable income (its holdings’ profit share plus remittances received) that goes to each fund; the three must sum to 100 %.',
    share: '{{fund}} share',
    sum: 'Total {{sum}}',
    sumOk: 'Total 100 %',
    sumShort: 'Total {{sum}}, {{rest}} short',
    sumOver: 'Total {{sum}}, {{rest}} over',
    effectiveFrom: 'Effective from',
    effectiveFromHint:
      'Reports from this month on are split by the new shares. Approved reports are not split again.',
    effectiveFromApproved:
      'Reports up to {{month}} are approved and were posted under the old rule; they are not split again. Start the new rule from {{next}}.',
    submit: 'Save as a new version',
    required: 'Required',
    percentInvalid: 'A percentage from 0 to 100 with at most two decimals',
  },
  preview: {
    title: 'Tried on the approved reports of {{month}}',
    titleNone: 'Preview',
    hint: 'What the {{count}} approved reports of {{month}} would have posted had the new shares been in force (yuan). Nothing is changed.',
    hint_one:
      'What the {{count}} approved report of {{month}} would have posted had the new shares been in force (yuan). Nothing is changed.',
    none: 'The community has no approved report yet: nothing to try the shares on.',
    waitSum: 'The preview appears once the three shares sum to 100 %.',
    fund: 'Fund',
    posted: 'Posted',
    proposed: 'New',
    difference: 'Change',
    total: 'Total',
    distributable: 'Distributable income ¥{{amount}}',
    ruleThen: 'Rule then: governance {{g}} / reserve {{r}} / other {{o}}',
    ruleThenDefault: 'Rule then: none set (all to the reserve)',
    byReport: 'By report ({{count}})',
    failed: 'The preview failed',
  },
};
