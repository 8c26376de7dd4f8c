import type { Migration } from 'kysely/migration';
import * as skeleton from './2026-11-28T0900-skeleton';
import * as communityEconomy from './2026-11-28T1200-community-economy';
import * as registerVersions from './2026-11-28T1300-register-versions';
import * as kpiRollups from './2026-11-28T1400-kpi-rollups';
import * as scopeRoles from './2026-11-28T1500-scope-roles';
import * as reportReview from './2026-12-04T1000-report-review';
import * as shareholdingVersions from './2026-12-04T1300-shareholding-versions';
import * as proposalUsesPayoutDates from './2026-12-04T1400-proposal-uses-payout-dates';
import * as reportingStart from './2026-12-04T1500-reporting-start';
import * as communityBoard from './2026-12-04T1600-community-board';
import * as userAdministration from './2026-12-05T1000-user-administration';
import * as warningThresholds from './2026-12-05T1100-warning-thresholds';
import * as kpiTargets from './2026-12-05T1200-kpi-targets';
import * as loginThrottle from './2026-12-05T1300-login-throttle';
import * as loginThrottlePrune from './2026-12-05T1300-login-throttle-prune';
import * as reportImports from './2026-12-05T1400-report-imports';
import * as sessionCheck from './2026-12-05T1500-session-check';
import * as securityEvents from './2026-12-06T1000-security-events';
import * as apiTokens from './2026-12-06T1100-api-tokens';
import * as citusPolicyForm from './2026-12-06T1200-citus-policy-form';
import * as ventureTokens from './2026-12-07T1000-venture-tokens';
import * as kpiDeferredRefresh from './2026-12-08T1000-kpi-deferred-refresh';
import * as reportAmendsIndex from './2026-12-10T1000-report-amends-index';
import * as reportAttachments from './2026-12-11T1000-report-attachments';
import * as reportTypedZeros from './2026-12-12T1000-report-typed-zeros';
import * as warningConditionSince from './2026-12-13T1000-warning-condition-since';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the list is the same under
 * tsx, vitest and any bundler. Names are date-prefixed and never change.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-28T0900-skeleton': skeleton,
  '2026-11-28T1200-community-economy': communityEconomy,
  '2026-11-28T1300-register-versions': registerVersions,
  '2026-11-28T1400-kpi-rollups': kpiRollups,
  '2026-11-28T1500-scope-roles': scopeRoles,
  '2026-12-04T1000-report-review': reportReview,
  '2026-12-04T1300-shareholding-versions': shareholdingVersions,
  '2026-12-04T1400-proposal-uses-payout-dates': proposalUsesPayoutDates,
  '2026-12-04T1500-reporting-start': reportingStart,
  '2026-12-04T1600-community-board': communityBoard,
  '2026-12-05T1000-user-administration': userAdministration,
  '2026-12-05T1200-kpi-targets': kpiTargets,
  '2026-12-05T1300-login-throttle': loginThrottle,
  '2026-12-05T1300-login-throttle-prune': loginThrottlePrune,
  '2026-12-05T1100-warning-thresholds': warningThresholds,
  '2026-12-05T1400-report-imports': reportImports,
  '2026-12-05T1500-session-check': sessionCheck,
  '2026-12-06T1200-citus-policy-form': citusPolicyForm,
  '2026-12-06T1100-api-tokens': apiTokens,
  '2026-12-06T1000-security-events': securityEvents,
  '2026-12-07T1000-venture-tokens': ventureTokens,
  '2026-12-08T1000-kpi-deferred-refresh': kpiDeferredRefresh,
  '2026-12-10T1000-report-amends-index': reportAmendsIndex,
  '2026-12-11T1000-report-attachments': reportAttachments,
  '2026-12-12T1000-report-typed-zeros': reportTypedZeros,
  '2026-12-13T1000-warning-condition-since': warningConditionSince,
};
