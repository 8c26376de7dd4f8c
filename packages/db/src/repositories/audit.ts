import { jsonb } from '../jsonb';
import type { ScopedTransaction } from '../tenant';

export interface AuditEntry {
  districtId: string;
  communityId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** Appends to the audit log in the same transaction as the change it records: both land or neither. */
export async function appendAudit(trx: ScopedTransaction, entry: AuditEntry) {
  await trx
    .insertInto('audit_log')
    .values({
      district_id: entry.districtId,
      community_id: entry.communityId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : jsonb(entry.before),
      after: entry.after === undefined ? null : jsonb(entry.after),
      request_id: entry.requestId ?? null,
    })
    .execute();
}
