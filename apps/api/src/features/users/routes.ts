import { generateInitialPassword, hashPassword, invalidateUserSessions } from '@gongfu/auth';
import {
  addMembershipRoute,
  createPlatformDistrictRoute,
  disableUserRoute,
  enableUserRoute,
  getDistrictUserRoute,
  inviteUserRoute,
  listDistrictUsersRoute,
  listPlatformDistrictsRoute,
  removeMembershipRoute,
  resetUserPasswordRoute,
  updateMembershipRoute,
} from '@gongfu/contract';
import { type Action, can } from '@gongfu/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { forbidden } from '../../errors';
import { inActorScope } from '../../middleware/request-scope';
import { requireActor } from '../../middleware/session';
import { createRouter } from '../../router';
import * as service from './service';

/**
 * An initial password, hashed before the transaction opens (argon2id takes ~50 ms: not inside a lock) — and only
 * for a caller whose role may do `action` at all (401/403 first, so a refused caller costs no hashing).
 */
async function newPassword(c: Context<AppEnv>, action: Action): Promise<service.NewPassword> {
  if (!can(requireActor(c).scope.role, action)) throw forbidden();
  const plain = generateInitialPassword();
  return { plain, hash: await hashPassword(plain) };
}

/**
 * Ends every session of an account after the change committed, in that account's own scope: the district's
 * scope does not reach sessions (see migration 2026-12-05T1000). The session check refuses a disabled account
 * by itself, so a failure here could not keep one alive.
 */
async function endSessions(c: Context<AppEnv>, userId: string) {
  await invalidateUserSessions(c.get('deps').db, userId);
}

export const userRoutes = createRouter()
  .openapi(listDistrictUsersRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await inActorScope(c, (trx, actor) => service.listUsers(trx, actor, query)), 200);
  })
  .openapi(getDistrictUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await inActorScope(c, (trx, actor) => service.getUser(trx, actor, id)), 200);
  })
  .openapi(inviteUserRoute, async (c) => {
    const input = c.req.valid('json');
    const password = await newPassword(c, 'user:invite');
    const result = await inActorScope(c, (trx, actor) =>
      service.inviteUser(trx, actor, input, password, c.get('requestId')),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(result, 201);
  })
  .openapi(disableUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    const result = await inActorScope(c, (trx, actor) =>
      service.disableUser(trx, actor, id, c.get('requestId')),
    );
    await endSessions(c, id);
    return c.json(result.user, 200);
  })
  .openapi(enableUserRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await inActorScope(c, (trx, actor) => service.enableUser(trx, actor, id, c.get('requestId'))),
      200,
    );
  })
  .openapi(resetUserPasswordRoute, async (c) => {
    const { id } = c.req.valid('param');
    const password = await newPassword(c, 'user:reset_password');
    const result = await inActorScope(c, (trx, actor) =>
      service.resetPassword(trx, actor, id, password, c.get('requestId')),
    );
    await endSessions(c, id);
    c.header('Cache-Control', 'no-store');
    return c.json(result, 200);
  })
  .openapi(addMembershipRoute, async (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inActorScope(c, (trx, actor) =>
      service.addMembership(trx, actor, id, input, c.get('requestId')),
    );
    return c.json(result, 201);
  })
  .openapi(updateMembershipRoute, async (c) => {
    const { id, membershipId } = c.req.valid('param');
    const input = c.req.valid('json');
    const result = await inActorScope(c, (trx, actor) =>
      service.updateMembership(trx, actor, id, membershipId, input, c.get('requestId')),
    );
    return c.json(result, 200);
  })
  .openapi(removeMembershipRoute, async (c) => {
    const { id, membershipId } = c.req.valid('param');
    const result = await inActorScope(c, (trx, actor) =>
      service.removeMembership(trx, actor, id, membershipId, c.get('requestId')),
    );
    return c.json(result, 200);
  });

export const platformRoutes = createRouter()
  .openapi(listPlatformDistrictsRoute, async (c) =>
    c.json(await inActorScope(c, (trx, actor) => service.listDistricts(trx, actor)), 200),
  )
  .openapi(createPlatformDistrictRoute, async (c) => {
    const input = c.req.valid('json');
    const password = await newPassword(c, 'district:create');
    const result = await inActorScope(c, (trx, actor) =>
      service.createDistrict(trx, actor, input, password, c.get('requestId')),
    );
    c.header('Cache-Control', 'no-store');
    return c.json(result, 201);
  });
