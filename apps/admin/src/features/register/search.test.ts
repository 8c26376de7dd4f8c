import {
  ASSET_KINDS,
  ASSET_STATUSES,
  OPERATING_MODELS,
  PARTNER_KINDS,
  PRICE_TIERS,
  VENTURE_CATEGORIES,
  VENTURE_STATUSES,
} from '@gongfu/domain';
import { describe, expect, it } from 'vitest';
import {
  ASSET_KIND_VALUES,
  ASSET_STATUS_VALUES,
  OPERATING_MODEL_VALUES,
  PARTNER_KIND_VALUES,
  PRICE_TIER_VALUES,
  VENTURE_CATEGORY_VALUES,
  VENTURE_STATUS_VALUES,
  validateAgreementsSearch,
  validateAssetsSearch,
  validatePartnersSearch,
  validateVenturesSearch,
} from './search';

const COMMUNITY = '33333333-3333-4333-8333-000000000001';

describe('register search params', () => {
  it('repeat the domain’s vocabularies exactly (they are copied to keep the entry chunk small)', () => {
    expect(OPERATING_MODEL_VALUES).toEqual(OPERATING_MODELS);
    expect(ASSET_KIND_VALUES).toEqual(ASSET_KINDS);
    expect(ASSET_STATUS_VALUES).toEqual(ASSET_STATUSES);
    expect(VENTURE_CATEGORY_VALUES).toEqual(VENTURE_CATEGORIES);
    expect(VENTURE_STATUS_VALUES).toEqual(VENTURE_STATUSES);
    expect(PRICE_TIER_VALUES).toEqual(PRICE_TIERS);
    expect(PARTNER_KIND_VALUES).toEqual(PARTNER_KINDS);
  });

  it('keep what is valid and drop the rest', () => {
    expect(
      validateAssetsSearch({
        communityId: COMMUNITY,
        kind: 'premises',
        status: 'nope',
        q: '  书屋 ',
        page: '3',
      }),
    ).toEqual({ communityId: COMMUNITY, kind: 'premises', q: '书屋', page: 3 });
    expect(validateAssetsSearch({ communityId: 'x', page: 1, q: '   ' })).toEqual({});
    expect(validateVenturesSearch({ tier: 'low_price', category: 'service_station' })).toEqual({
      tier: 'low_price',
      category: 'service_station',
    });
    expect(validatePartnersSearch({ communityId: COMMUNITY, kind: 'soe' })).toEqual({ kind: 'soe' });
    expect(validateAgreementsSearch({ expiring: 'true' })).toEqual({ expiring: true });
    expect(validateAgreementsSearch({ expiring: 'no' })).toEqual({});
  });
});
