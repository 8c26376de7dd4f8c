// Search params are validated with local patterns: importing the contract or the domain here would put them in the
// entry chunk (a route's validateSearch is loaded with the router).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ENTITY_TYPE = /^[a-z][a-z_]{0,99}$/;
const ACTION = /^[a-z][a-z_.]{0,99}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** The audit page's URL: who, what (object type, action), when (days, Asia/Shanghai), which object, and the page. */
export interface AuditSearch {
  actorUserId?: string;
  entityType?: string;
  action?: string;
  entityId?: string;
  communityId?: string;
  from?: string;
  to?: string;
  /** the API's cursor of the page shown (none: the newest entries) */
  cursor?: string;
}

const text = (raw: unknown): string | undefined => {
  if (typeof raw !== 'string') return undefined;
  const trimmed = raw.trim();
  return trimmed.length > 0 && trimmed.length <= 100 ? trimmed : undefined;
};

/** Keeps the params that are well-formed and drops the rest (a pasted or stale link still opens). */
export function validateAuditSearch(search: Record<string, unknown>): AuditSearch {
  const result: AuditSearch = {};
  if (typeof search.actorUserId === 'string' && UUID.test(search.actorUserId)) {
    result.actorUserId = search.actorUserId;
  }
  if (typeof search.communityId === 'string' && UUID.test(search.communityId)) {
    result.communityId = search.communityId;
  }
  if (typeof search.entityType === 'string' && ENTITY_TYPE.test(search.entityType)) {
    result.entityType = search.entityType;
  }
  if (typeof search.action === 'string' && ACTION.test(search.action)) result.action = search.action;
  const entityId = text(search.entityId);
  if (entityId) result.entityId = entityId;
  const from = typeof search.from === 'string' && DATE.test(search.from) ? search.from : undefined;
  const to = typeof search.to === 'string' && DATE.test(search.to) ? search.to : undefined;
  // a reversed range is read the right way round
  if (from && to && from > to) {
    result.from = to;
    result.to = from;
  } else {
    if (from) result.from = from;
    if (to) result.to = to;
  }
  if (typeof search.cursor === 'string' && CURSOR.test(search.cursor)) result.cursor = search.cursor;
  return result;
}

/** Whether anything narrows the log (the page's cursor does not). */
export function isFiltered(search: AuditSearch): boolean {
  const { cursor: _cursor, ...filters } = search;
  return Object.values(filters).some((v) => v !== undefined);
}
