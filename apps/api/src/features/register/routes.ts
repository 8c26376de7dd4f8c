import { createRouter } from '../../router';

/** The register feature's routers, mounted under /api/v1 by app.ts. Sub-routers are added here with .route(). */
export const registerRoutes = createRouter();
