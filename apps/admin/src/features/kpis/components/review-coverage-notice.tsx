import { Alert, Button, Grid } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportingMatrix } from '../api/get-reporting-matrix';

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
  const matrix = useReportingMatrix({ from, to });
  if (!matrix.data || matrix.isPlaceholderData) return null;
  let expected = 0;
  let received = 0;
  let approved = 0;
  for (const cell of matrix.data.cells) {
    expected += cell.expected;
    received += cell.received;
    approved += cell.approved;
  }
  if (expected === 0 || approved >= expected) return null;
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
