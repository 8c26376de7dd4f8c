import { createFileRoute } from '@tanstack/react-router';
import { ReviewQueuePage } from '../../../features/review/components/review-queue-page';
import { validateReviewSearch } from '../../../features/review/search';

export const Route = createFileRoute('/_authenticated/review/')({
  validateSearch: validateReviewSearch,
  component: ReviewRoute,
});

function ReviewRoute() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  return (
    <ReviewQueuePage
      search={search}
      onSearch={(patch, options) =>
        void navigate({
          search: (previous) => {
            const next: Record<string, unknown> = { ...previous, ...patch };
            for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
            return next;
          },
          replace: options?.replace ?? true,
        })
      }
    />
  );
}
