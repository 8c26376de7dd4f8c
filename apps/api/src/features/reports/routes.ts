import { createRouter } from '../../router';

/** The reports feature's routers, mounted under /api/v1 by app.ts. Sub-routers are added here with .route(). */
export const reportRoutes = createRouter();
