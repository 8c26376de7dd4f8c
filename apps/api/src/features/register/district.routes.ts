import { getDistrictSettingsRoute, updateDistrictSettingsRoute } from '@gongfu/contract';
import { createRouter } from '../../router';
import * as service from './district.service';
import { inScope } from './in-scope';

export const districtRoutes = createRouter()
  .openapi(getDistrictSettingsRoute, async (c) => {
    const result = await inScope(c, (trx, actor) => service.getDistrictSettings(trx, actor));
    return c.json(result, 200);
  })
  .openapi(updateDistrictSettingsRoute, async (c) => {
    const input = c.req.valid('json');
    const result = await inScope(c, (trx, actor) =>
      service.updateDistrictSettings(trx, actor, input, c.get('requestId')),
    );
    return c.json(result, 200);
  });
