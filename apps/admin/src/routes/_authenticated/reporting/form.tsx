import { isMonth } from '@gongfu/domain';
import { createFileRoute } from '@tanstack/react-router';
import { ReportFormPage } from '../../../features/reporting/components/report-form-page';
import { openReportMonth } from '../../../features/reports/format';

interface FormSearch {
  ventureId?: string;
  month?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const Route = createFileRoute('/_authenticated/reporting/form')({
  staticData: { crumb: 'reporting.form.title' },
  // the context bar's state: a pasted or stale link keeps what is well-formed
  validateSearch: (search: Record<string, unknown>): FormSearch => {
    const result: FormSearch = {};
    if (typeof search.ventureId === 'string' && UUID.test(search.ventureId))
      result.ventureId = search.ventureId;
    if (typeof search.month === 'string' && isMonth(search.month)) result.month = search.month;
    return result;
  },
  component: ReportFormRoute,
});

function ReportFormRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <ReportFormPage
      context={{ ventureId: search.ventureId, month: search.month ?? openReportMonth() }}
      onContextChange={(next) =>
        void navigate({
          search: { ...(next.ventureId ? { ventureId: next.ventureId } : {}), month: next.month },
          replace: true,
        })
      }
    />
  );
}
