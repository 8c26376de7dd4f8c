import { foldsSession } from '../../middleware/request-scope';
import { createRouter } from '../../router';
import { fundRouter } from './fund-routes';
import { pledgeRouter } from './pledge-routes';
import { proposalRouter } from './proposal-routes';

/** The funds feature's routers, mounted under /api/v1 by app.ts: funds and ledger, proposals, pledges. */
export const fundRoutes = foldsSession(
  createRouter().route('/', fundRouter).route('/', proposalRouter).route('/', pledgeRouter),
);
