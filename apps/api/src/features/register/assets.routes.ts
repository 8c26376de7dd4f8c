import {
  createAppraisalRoute,
  createAssetRoute,
  deleteAssetRoute,
  getAssetRoute,
  listAppraisalsRoute,
  listAssetsRoute,
  updateAssetRoute,
} from '@gongfu/contract';
import { createRouter } from '../../router';
import * as service from './assets.service';
import { inScope } from './in-scope';

export const assetRoutes = createRouter()
  .openapi(listAssetsRoute, async (c) => {
    const query = c.req.valid('query');
    const result = await inScope(c, (trx, actor) => service.listAssets(trx, actor, query));
    return c.json(result, 200);
  })
  .openapi(getAssetRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.getAsset(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createAssetRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createAsset(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateAssetRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateAsset(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(deleteAssetRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    await inScope(c, (trx, actor) => service.deleteAsset(trx, actor, id, version, c.get('requestId')));
    return c.body(null, 204);
  });

/** Appraisals are history: listed and appended, never changed. */
export const appraisalRoutes = createRouter()
  .openapi(listAppraisalsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inScope(c, (trx, actor) => service.listAppraisals(trx, actor, id));
    return c.json(result, 200);
  })
  .openapi(createAppraisalRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.createAppraisal(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 201);
  });
