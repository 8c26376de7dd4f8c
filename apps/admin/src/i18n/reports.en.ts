import type { reportsZhCN } from './reports.zh-cn';
import type { Shape } from './shape';

export const reportsEn: Shape<typeof reportsZhCN> = {
  section: {
    operations: 'Revenue and costs',
    jobs: 'Jobs',
    service: 'Residents served',
    promise: 'Service promise',
    remittance: 'Remittance to the community',
  },
  figure: {
    revenueFen: 'Operating revenue',
    operatingCostFen: 'Operating cost',
    stableJobs: 'Stable jobs',
    temporaryJobs: 'Temporary jobs',
    residentsServed: 'Residents served',
    serviceTransactions: 'Service transactions',
    eldersServed: 'Elders served',
    childrenServed: 'Children served',
    remittanceDueFen: 'Remittance due',
    remittanceReceivedFen: 'Remittance received',
    serviceRequests: 'Service requests',
    requestsWithinPromise: 'Answered within the promise',
  },
  derived: {
    profit: 'Profit (revenue − cost)',
    withinPromiseRate: 'Answered on time',
  },
  status: {
    draft: 'Draft',
    submitted: 'Submitted',
    returned: 'Returned',
    approved: 'Approved',
    locked: 'Locked',
  },
  overview: {
    on_time: 'On time',
    late: 'Late',
    missing: 'Overdue, not filed',
    not_due: 'To file',
    returned: 'Returned',
    draft: 'In progress',
  },
  explanation: 'Explanation',
  postingsTotal:
    'Total {{amount}} yuan: the distributable amount (the community holdings’ share of the profit + the remittance received), split into the funds by the distribution rules',
  explanationPlaceholder: 'Say why, e.g. the Spring Festival market drew more visitors',
  action: {
    edit: 'Edit',
    submit: 'Submit',
    return: 'Return',
    approve: 'Approve',
    lock: 'Lock',
    amend: 'Amend',
  },
  unit: {
    yuan: 'yuan',
    people: 'people',
    times: 'times',
    jobs: 'jobs',
    requests: 'requests',
  },
};
