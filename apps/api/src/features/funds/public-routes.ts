import { getPublicDisclosureRoute } from '@gongfu/contract';
import { deterministicId, withTenantTransaction } from '@gongfu/db';
import { etag } from 'hono/etag';
import { createRouter } from '../../router';
import { publicDisclosure } from './public-service';

/**
 * The reader of the public board: a fixed system user id (no row in users, no membership, no
 * session). It only ever appears in the tenant settings of the read-only transaction below.
 */
export const PUBLIC_DISCLOSURE_USER_ID = deterministicId('user:public-disclosure');

/**
 * Public (no login) routes of the funds feature, mounted under /api/public by app.ts.
 *
 * How an anonymous request gets a database scope: the board's link carries the community's district
 * (`?district=`), and the read runs in a `community` scope for exactly that (district, community)
 * pair. RLS then shows only that community's rows, and a wrong or foreign pair shows nothing: 404,
 * the same answer as for a community that does not exist, so nothing is revealed. We deliberately do
 * not look the district up from the community id: that would need a scope that can see every
 * district's communities (or the platform scope) on behalf of an anonymous caller. The service
 * reads only — it never writes in this scope — and picks every public field by hand.
 *
 * A WeChat group opening the board at once: the body carries no clock time, so it is the same until
 * the data or the day changes; `Cache-Control: public, max-age=60` lets the browser and any proxy
 * keep it a minute, and the ETag turns a revalidation into a 304 without a body.
 */
export const publicRoutes = createRouter();
publicRoutes.use('/communities/:id/disclosure', etag());
publicRoutes.openapi(getPublicDisclosureRoute, async (c) => {
  const { id } = c.req.valid('param');
  const { district, from, to } = c.req.valid('query');
  const scope = { districtId: district, communityId: id };
  const board = await withTenantTransaction(
    c.get('deps').db,
    { kind: 'community', userId: PUBLIC_DISCLOSURE_USER_ID, ...scope },
    (trx) => publicDisclosure(trx, scope, { from, to }),
  );
  c.header('Cache-Control', 'public, max-age=60');
  return c.json(board, 200);
});
