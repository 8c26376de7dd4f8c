import { createFileRoute } from '@tanstack/react-router';
import { AuditLogPage } from '../../../features/audit/components/audit-page';
import { validateAuditSearch } from '../../../features/audit/search';

export const Route = createFileRoute('/_authenticated/audit/')({
  validateSearch: validateAuditSearch,
  component: AuditRoute,
});

function AuditRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <AuditLogPage
      search={search}
      // a filter replaces the entry in the browser's history; another page is a step the back button undoes
      onSearch={(next, options) => void navigate({ search: next, replace: !options?.page })}
    />
  );
}
