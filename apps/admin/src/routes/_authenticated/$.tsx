import { createFileRoute } from '@tanstack/react-router';
import { NotFoundPage } from '../../components/route-error';

/** Any path the app does not know, for a signed-in user: the app's own not-found page, inside its frame. */
export const Route = createFileRoute('/_authenticated/$')({
  component: NotFoundPage,
});
