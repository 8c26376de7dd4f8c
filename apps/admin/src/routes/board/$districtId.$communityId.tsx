import { createFileRoute } from '@tanstack/react-router';
import { BoardPage } from '../../features/board/components/board-page';
import { validateBoardSearch } from '../../features/board/search';
import { loadFeatureStrings } from '../../lib/i18n';

/**
 * The residents' public board (公示栏): outside the authenticated layout, no login. The component is split into its own
 * chunk by the router plugin; what stays in the entry is this file's search validation (local regexes only).
 */
export const Route = createFileRoute('/board/$districtId/$communityId')({
  validateSearch: validateBoardSearch,
  // the board speaks the features' strings (loaded on demand, as behind login)
  beforeLoad: () => loadFeatureStrings(),
  component: BoardRoute,
});

function BoardRoute() {
  const { districtId, communityId } = Route.useParams();
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <BoardPage
      districtId={districtId}
      communityId={communityId}
      from={search.from}
      to={search.to}
      onPeriodChange={(period) => void navigate({ search: period, replace: true })}
    />
  );
}
