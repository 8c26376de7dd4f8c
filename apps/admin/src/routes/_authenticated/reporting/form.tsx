import { isMonth } from '@gongfu/domain';
import { createFileRoute, notFound } from '@tanstack/react-router';
import { NotFoundPage } from '../../../components/route-error';
import { ReportFormPage } from '../../../features/reporting/components/report-form-page';
import { reachableVentureQueryOptions } from '../../../features/reports/api/reports';
import { openReportMonth } from '../../../features/reports/format';
import { isApiError } from '../../../lib/api-client';

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
  loaderDeps: ({ search }) => ({ ventureId: search.ventureId }),
  // a venture out of reach (another community's, a typed link) is the same answer as a missing one: not found
  loader: async ({ context, deps }) => {
    if (!deps.ventureId) return;
    try {
      await context.queryClient.ensureQueryData(reachableVentureQueryOptions(deps.ventureId));
    } catch (error) {
      if (isApiError(error, 404)) throw notFound();
      throw error;
    }
  },
  notFoundComponent: NotFoundPage,
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
