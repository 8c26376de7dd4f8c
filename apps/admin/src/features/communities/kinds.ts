import type { Community } from '@gongfu/contract';

export type CommunityKind = Community['kind'];

// A copy of the contract's list, kept as a type-checked literal so that the browser bundle does not pull in zod
// and the OpenAPI helpers with the contract's runtime values.
const KINDS = { urban: true, converted_from_rural: true } satisfies Record<CommunityKind, true>;
export const COMMUNITY_KINDS = Object.keys(KINDS) as CommunityKind[];
