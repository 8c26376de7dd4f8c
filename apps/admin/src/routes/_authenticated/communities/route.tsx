import { createFileRoute } from '@tanstack/react-router';

export const Route = createFileRoute('/_authenticated/communities')({
  staticData: { crumb: 'nav.communities' },
});
