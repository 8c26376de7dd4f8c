import { createFileRoute } from '@tanstack/react-router';
import { BulletinPage } from '../../../features/kpis/components/bulletin-page';

// kept tiny: route files end up in the entry chunk (a month is YYYY-MM, anything else is dropped)
export const Route = createFileRoute('/_authenticated/kpis/bulletin')({
  staticData: { crumb: 'exports.bulletin.open' },
  validateSearch: (search: Record<string, unknown>): { month?: string } =>
    typeof search.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(search.month)
      ? { month: search.month }
      : {},
  component: BulletinRoute,
});

function BulletinRoute() {
  const { month } = Route.useSearch();
  const navigate = Route.useNavigate();
  return <BulletinPage month={month} onMonthChange={(next) => void navigate({ search: { month: next } })} />;
}
