import { type Action, can, type Role } from '@gongfu/domain';

/**
 * What this feature checks: reading, resolving, recomputing and assigning warnings and reading the
 * audit log — all domain actions (`packages/domain/src/permissions.ts`): recomputing and assigning are
 * the district's review acts, resolving is the district's and the community admin's.
 */
export type OversightAction = Extract<
  Action,
  'warning:read' | 'warning:resolve' | 'warning:refresh' | 'warning:assign' | 'audit:read'
>;

export function canOversee(role: Role, action: OversightAction): boolean {
  return can(role, action);
}
