import type { ReportingMatrix } from '@gongfu/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Grid } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { reportingMatrixQueryOptions } from '../api/get-reporting-matrix';

/** How many of a period's due reports are in and approved; `pending` while not all of them are approved. */
export interface ReviewCoverage {
  expected: number;
  received: number;
  approved: number;
  pending: boolean;
}

/**
 * The review coverage of the months from `from` to `to` (the reporting matrix: one request, shared by every caller
 * of the same months); null until it has answered, and without months (a period nothing of which is due).
 */
export function useReviewCoverage(months: { from: string; to: string } | null): ReviewCoverage | null {
  const matrix = useQuery({
    ...reportingMatrixQueryOptions(months ?? { from: '', to: '' }),
    enabled: months !== null,
  });
  if (!matrix.data || matrix.isPlaceholderData) return null;
  return coverageOf(matrix.data);
}

/** The months of a reporting matrix whose due reports are not all approved (their report-built figures read low). */
export function pendingMonthsOf(matrix: ReportingMatrix): Set<string> {
  return new Set(monthsInReviewOf(matrix).keys());
}

/** The same months, each with how many of its due reports are approved (the trend's tooltip says so). */
export function monthsInReviewOf(matrix: ReportingMatrix): Map<string, Incomplete> {
  return shortfallsBy(matrix, (cell) => cell.month);
}

/**
 * The months from `from` to `to` still in review, from the same request as `useReviewCoverage` (no request of its
 * own when the notice asked for those months already); empty until it has answered.
 */
export function usePendingMonths(
  months: { from: string; to: string } | null,
): ReadonlyMap<string, Incomplete> {
  const matrix = useQuery({
    ...reportingMatrixQueryOptions(months ?? { from: '', to: '' }),
    enabled: months !== null,
  });
  return useMemo(
    () =>
      !matrix.data || matrix.isPlaceholderData
        ? new Map<string, Incomplete>()
        : monthsInReviewOf(matrix.data),
    [matrix.data, matrix.isPlaceholderData],
  );
}

/** A reporting matrix's due, received and approved reports, summed. */
export function coverageOf(matrix: ReportingMatrix): ReviewCoverage {
  let expected = 0;
  let received = 0;
  let approved = 0;
  for (const cell of matrix.cells) {
    expected += cell.expected;
    received += cell.received;
    approved += cell.approved;
  }
  return { expected, received, approved, pending: expected > 0 && approved < expected };
}

/** A community's reports of the period, where not all of them are approved: its figure is not final. */
export interface Incomplete {
  approved: number;
  expected: number;
}

/** The communities of a reporting matrix with fewer approved reports than are due, and how many of each. */
export function incompleteOf(matrix: ReportingMatrix): Map<string, Incomplete> {
  return shortfallsBy(matrix, (cell) => cell.communityId);
}

/**
 * The communities with a report the district has received and not yet reviewed (received − returned − approved > 0):
 * the wait is the reviewers', not the community's, so a red or black list leaves them out until review completes
 * (ADR 0039). A missing or returned report is the community's to mend and does not keep it off the lists.
 */
export function awaitingReviewOf(matrix: ReportingMatrix): Set<string> {
  const awaiting = new Set<string>();
  for (const cell of matrix.cells) {
    if (cell.received - cell.returned - cell.approved > 0) awaiting.add(cell.communityId);
  }
  return awaiting;
}

/** The matrix's approved and due reports summed by `keyOf` (a month, a community), where fewer are approved. */
function shortfallsBy(
  matrix: ReportingMatrix,
  keyOf: (cell: ReportingMatrix['cells'][number]) => string,
): Map<string, Incomplete> {
  const sums = new Map<string, Incomplete>();
  for (const cell of matrix.cells) {
    const key = keyOf(cell);
    const sum = sums.get(key) ?? { approved: 0, expected: 0 };
    sum.approved += cell.approved;
    sum.expected += cell.expected;
    sums.set(key, sum);
  }
  for (const [key, sum] of sums) if (sum.approved >= sum.expected) sums.delete(key);
  return sums;
}

/**
 * The report-based KPIs count approved reports only, so a period whose reports are not all in and reviewed
 * reads low — the latest month above all. Says how many of the period's due reports are approved, awaiting
 * review or missing, so a drop is not mistaken for a downturn; nothing when every due report is approved.
 */
export function ReviewCoverageNotice({
  from,
  to,
  onShowReporting,
}: {
  from: string;
  to: string;
  onShowReporting?: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const coverage = useReviewCoverage({ from, to });
  if (!coverage?.pending) return null;
  const { expected, received, approved } = coverage;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('kpi.period.reviewPending', { expected, approved })}
      description={
        <>
          {t('kpi.period.reviewPendingHint', { awaiting: received - approved, missing: expected - received })}
          {/* on a phone the button goes under the text: beside it, it squeezed the notice to a narrow column */}
          {onShowReporting && !screens.sm ? (
            <div style={{ marginTop: 8 }}>
              <Button size="small" onClick={onShowReporting}>
                {t('kpi.period.reviewPendingAction')}
              </Button>
            </div>
          ) : null}
        </>
      }
      action={
        onShowReporting && screens.sm ? (
          <Button size="small" onClick={onShowReporting}>
            {t('kpi.period.reviewPendingAction')}
          </Button>
        ) : null
      }
    />
  );
}
