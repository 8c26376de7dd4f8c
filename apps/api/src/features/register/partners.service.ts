import type { Partner, PartnerCreate, PartnerUpdate } from '@gongfu/contract';
import { register, type ScopedTransaction } from '@gongfu/db';
import type { PartnerKind } from '@gongfu/domain';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';
import {
  assertVersion,
  authorize,
  deleteOrConflict,
  reaches,
  record,
  requireRole,
  scopeOf,
  stale,
} from './access';
import { checkedCreditCode } from './credit-code';

function toPartner(row: register.PartnerRow): Partner {
  return {
    id: row.partner_id,
    districtId: row.district_id,
    name: row.name,
    kind: row.kind as PartnerKind,
    creditCode: row.credit_code,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** A partner is district-level; its own id is the partner an operator must be to reach it. */
const target = (row: { district_id: string; partner_id: string }) => ({
  districtId: row.district_id,
  communityId: null,
  partnerIds: [row.partner_id],
});

export async function listPartners(trx: ScopedTransaction, actor: Actor, query: { kind?: PartnerKind }) {
  requireRole(actor, 'partner:read');
  const scope = scopeOf(actor);
  // an operator reaches only itself (domain checkOn); the filter says so before RLS does
  const rows = await register.listPartners(
    trx,
    { districtId: scope.districtId, partnerId: scope.partnerId },
    { kind: query.kind },
  );
  const visible = rows.filter((row) => reaches(actor, 'partner:read', target(row)));
  return { items: visible.map(toPartner), total: visible.length };
}

async function load(trx: ScopedTransaction, actor: Actor, id: string) {
  const scope = scopeOf(actor);
  const row = await register.findPartner(
    trx,
    { districtId: scope.districtId, partnerId: scope.partnerId },
    id,
  );
  if (!row) throw notFound();
  return row;
}

export async function getPartner(trx: ScopedTransaction, actor: Actor, id: string) {
  requireRole(actor, 'partner:read');
  const row = await load(trx, actor, id);
  authorize(actor, 'partner:read', target(row));
  return toPartner(row);
}

async function assertUnique(
  trx: ScopedTransaction,
  districtId: string,
  values: { name?: string | undefined; creditCode?: string | null | undefined },
  except?: string,
) {
  const clashes = await register.findPartnerClash(trx, {
    districtId,
    ...(except ? { exceptPartnerId: except } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.creditCode ? { creditCode: values.creditCode } : {}),
  });
  if (clashes.some((c) => c.name === values.name)) {
    throw new ApiError(409, 'conflict', { name: 'duplicate_partner_name' });
  }
  if (values.creditCode && clashes.some((c) => c.credit_code === values.creditCode)) {
    throw new ApiError(409, 'conflict', { creditCode: 'duplicate_credit_code' });
  }
}

export async function createPartner(
  trx: ScopedTransaction,
  actor: Actor,
  input: PartnerCreate,
  requestId: string,
) {
  requireRole(actor, 'partner:create');
  const { districtId } = scopeOf(actor);
  authorize(actor, 'partner:create', { districtId, communityId: null });
  const creditCode = input.creditCode ? checkedCreditCode(input.creditCode) : null;
  await assertUnique(trx, districtId, { name: input.name, creditCode });
  const id = await register.insertPartner(trx, {
    district_id: districtId,
    name: input.name,
    kind: input.kind,
    credit_code: creditCode,
    contact_name: input.contactName ?? null,
    contact_phone: input.contactPhone ?? null,
  });
  const created = toPartner(await load(trx, actor, id));
  await record(trx, {
    actor,
    districtId,
    communityId: null,
    action: 'partner.create',
    entityType: 'partner',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}

export async function updatePartner(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: PartnerUpdate,
  requestId: string,
) {
  requireRole(actor, 'partner:update');
  const row = await load(trx, actor, id);
  authorize(actor, 'partner:update', target(row));
  assertVersion(row.version, input.version);
  const creditCode =
    input.creditCode === undefined
      ? undefined
      : input.creditCode
        ? checkedCreditCode(input.creditCode)
        : null;
  await assertUnique(trx, row.district_id, { name: input.name, creditCode }, id);
  const updated = await register.updatePartner(
    trx,
    { districtId: row.district_id, partnerId: id, version: input.version },
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(creditCode !== undefined ? { credit_code: creditCode } : {}),
      ...(input.contactName !== undefined ? { contact_name: input.contactName } : {}),
      ...(input.contactPhone !== undefined ? { contact_phone: input.contactPhone } : {}),
    },
  );
  if (!updated) throw stale();
  const before = toPartner(row);
  const after = toPartner(await load(trx, actor, id));
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: null,
    action: 'partner.update',
    entityType: 'partner',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

export async function deletePartner(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  requireRole(actor, 'partner:delete');
  const row = await load(trx, actor, id);
  authorize(actor, 'partner:delete', target(row));
  if (version !== undefined) assertVersion(row.version, version);
  const deleted = await deleteOrConflict(
    () => register.deletePartner(trx, { districtId: row.district_id, partnerId: id, version }),
    'partner_in_use',
  );
  if (!deleted) throw stale();
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: null,
    action: 'partner.delete',
    entityType: 'partner',
    entityId: id,
    before: toPartner(row),
    requestId,
  });
}
