import { type Action, can, type Role } from '@gongfu/domain';

/**
 * What this feature checks. Reading and resolving warnings and reading the audit log are domain
 * actions (`packages/domain/src/permissions.ts`). Recomputing warnings and assigning their owner are
 * not in the domain table yet (this feature may not edit it): they are kept here, as data, for district
 * admins only — move them into the domain table when it grows them.
 */
const LOCAL_ACTIONS = {
  'warning:refresh': ['district_admin'],
  'warning:assign': ['district_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type OversightAction =
  | Extract<Action, 'warning:read' | 'warning:resolve' | 'audit:read'>
  | keyof typeof LOCAL_ACTIONS;

export function canOversee(role: Role, action: OversightAction): boolean {
  if (action === 'warning:refresh' || action === 'warning:assign') {
    return (LOCAL_ACTIONS[action] as readonly Role[]).includes(role);
  }
  return can(role, action);
}
