import { foldsSession } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import { agreementRoutes } from './agreements.routes';
import { appraisalRoutes, assetRoutes } from './assets.routes';
import { companyRoutes, shareholdingRoutes } from './companies.routes';
import { districtRoutes } from './district.routes';
import { partnerRoutes } from './partners.routes';
import { streetOfficeRoutes } from './street-offices.routes';
import { ventureRoutes } from './ventures.routes';

/**
 * The register feature's routers, mounted under /api/v1 by app.ts: street offices, the asset register
 * and appraisals, partners, companies and shareholdings, operator agreements, ventures, district
 * settings. (Community changes live with the communities feature.)
 */
export const registerRoutes = foldsSession(
  createRouter()
    .route('/', streetOfficeRoutes)
    .route('/', assetRoutes)
    .route('/', appraisalRoutes)
    .route('/', partnerRoutes)
    .route('/', companyRoutes)
    .route('/', shareholdingRoutes)
    .route('/', agreementRoutes)
    .route('/', ventureRoutes)
    .route('/', districtRoutes),
);
