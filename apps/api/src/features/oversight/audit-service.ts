import type { AuditActor, AuditEntry, AuditPage, AuditQuery } from '@gongfu/contract';
import { oversight, type ScopedTransaction } from '@gongfu/db';
import { addDays, isLocalDate, startOfShanghaiDay } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, forbidden } from '../../errors';
import { canOversee } from './permissions';

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor is the last entry of a page: its time (with microseconds) and id, base64url JSON. */
export function encodeCursor(createdAt: string, auditId: string): string {
  return Buffer.from(JSON.stringify([createdAt, auditId])).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; auditId: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      CURSOR_TIME.test(value[0]) &&
      inRange(new Date(value[0])) &&
      UUID.test(value[1])
    ) {
      return { createdAt: value[0], auditId: value[1] };
    }
  } catch {
    // falls through to the field error
  }
  throw new ApiError(400, 'validation_failed', { cursor: 'invalid_cursor' });
}

/** Instants the database takes whatever its version (year 0, or past 9999, it refuses with an error). */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 0, 1);
function inRange(instant: Date): boolean {
  const ms = instant.getTime();
  return !Number.isNaN(ms) && ms >= EARLIEST && ms < LATEST;
}

/** A date means its whole day in Shanghai: `from` its start, `to` up to its end. */
function instantOf(field: 'from' | 'to', value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const instant = isLocalDate(value)
    ? startOfShanghaiDay(field === 'to' ? addDays(value, 1) : value)
    : new Date(value);
  if (!inRange(instant)) throw new ApiError(400, 'validation_failed', { [field]: 'invalid_date' });
  return instant;
}

/**
 * `audit.appendAudit` stores `JSON.stringify(value)` in a jsonb column; postgres.js serialises jsonb
 * parameters itself, so on PostgreSQL those values land as JSON *strings* (PGlite parses them). Until the
 * writer is fixed, a string holding a JSON object or array is read back as that object.
 */
function decoded(value: unknown): unknown {
  if (typeof value === 'string' && /^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value ?? null;
}

function toEntry(row: oversight.AuditRow): AuditEntry {
  return {
    id: row.audit_id,
    districtId: row.district_id,
    communityId: row.community_id,
    actorUserId: row.actor_user_id,
    actorName: row.actor_name ?? null,
    apiTokenName: row.api_token_name ?? null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: decoded(row.before),
    after: decoded(row.after),
    requestId: row.request_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * The audit log in scope: district roles the district's, community roles their community's entries
 * (district-level entries without a community are not theirs). Partner operators: 403.
 */
export async function listAudit(trx: ScopedTransaction, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  const { districtId, communityId, role, kind } = actor.scope;
  if (!districtId || !canOversee(role, 'audit:read')) throw forbidden();
  const from = instantOf('from', query.from);
  const to = instantOf('to', query.to);
  if (from && to && to.getTime() <= from.getTime()) {
    throw new ApiError(400, 'validation_failed', { to: 'invalid_time_range' });
  }
  const rows = await oversight.listAudit(trx, {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    onlyCommunityId: query.communityId,
    entityType: query.entityType,
    entityId: query.entityId,
    actorUserId: query.actorUserId,
    action: query.action,
    from,
    to,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.created_at_text, last.audit_id) : null,
  };
}

/** Who appears in the log the caller may read, for its "who" filter (the same scope as the log). */
export async function listAuditActors(
  trx: ScopedTransaction,
  actor: Actor,
  query: { communityId?: string | undefined },
): Promise<{ items: AuditActor[] }> {
  const { districtId, communityId, role, kind } = actor.scope;
  if (!districtId || !canOversee(role, 'audit:read')) throw forbidden();
  const rows = await oversight.listAuditActors(trx, {
    districtId,
    communityId: kind === 'community' ? communityId : null,
    onlyCommunityId: query.communityId,
  });
  return {
    items: rows.flatMap((r) =>
      r.actor_user_id
        ? [{ userId: r.actor_user_id, name: r.actor_name ?? null, entries: Number(r.entries) }]
        : [],
    ),
  };
}
