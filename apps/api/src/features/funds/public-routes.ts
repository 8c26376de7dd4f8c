import { createRouter } from '../../router';

/** Public (no login) routes of the funds feature, mounted under /api/public by app.ts. */
export const publicRoutes = createRouter();
