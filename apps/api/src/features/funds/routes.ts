import { createRouter } from '../../router';

/** The funds feature's routers, mounted under /api/v1 by app.ts. Sub-routers are added here with .route(). */
export const fundRoutes = createRouter();
