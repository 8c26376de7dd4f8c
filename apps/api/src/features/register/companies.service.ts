import type {
  Company,
  CompanyCreate,
  CompanyUpdate,
  Shareholding,
  Shareholdings,
  ShareholdingsReplace,
  ShareholdingVersion,
} from '@gongfu/contract';
import { communities, register, type ScopedTransaction, toFen } from '@gongfu/db';
import {
  addMonths,
  type ContributionKind,
  contributionNeedsAsset,
  formatBasisPoints,
  type HolderKind,
  type Month,
  type OperatingModel,
  validateShareSum,
} from '@gongfu/domain';
import { thisMonth } from '../../clock';
import type { Actor } from '../../context';
import { ApiError, notFound } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import {
  assertVersion,
  authorize,
  communityForCreate,
  deleteOrConflict,
  fieldError,
  record,
  requireRole,
  scopeOf,
  stale,
  uniqueOrConflict,
} from './access';
import { checkedCreditCode } from './credit-code';

function toCompany(row: register.CompanyRow): Company {
  return {
    id: row.company_id,
    districtId: row.district_id,
    communityId: row.community_id,
    legalName: row.legal_name,
    creditCode: row.credit_code,
    foundedOn: row.founded_on,
    operatingModel: row.operating_model as OperatingModel,
    registeredCapitalFen: toFen(row.registered_capital_fen),
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toShareholding(row: register.ShareholdingRow): Shareholding {
  return {
    id: row.shareholding_id,
    holderKind: row.holder_kind as HolderKind,
    holderPartnerId: row.holder_partner_id,
    holderName: row.holder_name,
    contributionKind: row.contribution_kind as ContributionKind,
    assetId: row.asset_id,
    appraisalId: row.appraisal_id,
    subscribedFen: toFen(row.subscribed_fen),
    paidInFen: toFen(row.paid_in_fen),
    shareBp: row.share_bp,
  };
}

const target = (row: { district_id: string; community_id: string }) => ({
  districtId: row.district_id,
  communityId: row.community_id,
});

const duplicateCreditCode = { creditCode: 'duplicate_credit_code' } as const;

export async function listCompanies(
  trx: ScopedTransaction,
  actor: Actor,
  query: { communityId?: string | undefined },
) {
  requireRole(actor, 'company:read');
  const scope = scopeOf(actor);
  if (scope.communityId && query.communityId && query.communityId !== scope.communityId) {
    return { items: [], total: 0 };
  }
  const rows = await register.listCompanies(trx, {
    districtId: scope.districtId,
    communityId: scope.communityId ?? query.communityId,
  });
  return { items: rows.map(toCompany), total: rows.length };
}

async function load(trx: ScopedTransaction, actor: Actor, id: string) {
  const scope = scopeOf(actor);
  const row = await register.findCompany(
    trx,
    { districtId: scope.districtId, communityId: scope.communityId },
    id,
  );
  if (!row) throw notFound();
  return row;
}

export async function getCompany(trx: ScopedTransaction, actor: Actor, id: string) {
  requireRole(actor, 'company:read');
  const row = await load(trx, actor, id);
  authorize(actor, 'company:read', target(row));
  return toCompany(row);
}

async function assertCreditCodeFree(
  trx: ScopedTransaction,
  districtId: string,
  code: string,
  except?: string,
) {
  const clash = await register.findCompanyByCreditCode(trx, {
    districtId,
    creditCode: code,
    ...(except ? { exceptCompanyId: except } : {}),
  });
  if (clash) throw new ApiError(409, 'conflict', duplicateCreditCode);
}

export async function createCompany(
  trx: ScopedTransaction,
  actor: Actor,
  input: CompanyCreate,
  requestId: string,
) {
  const { districtId, communityId } = await communityForCreate(
    trx,
    actor,
    'company:create',
    input.communityId,
  );
  const creditCode = checkedCreditCode(input.creditCode);
  await assertCreditCodeFree(trx, districtId, creditCode);
  const id = await uniqueOrConflict(
    () =>
      register.insertCompany(trx, {
        district_id: districtId,
        community_id: communityId,
        legal_name: input.legalName,
        credit_code: creditCode,
        founded_on: input.foundedOn ?? null,
        operating_model: input.operatingModel,
        registered_capital_fen: input.registeredCapitalFen,
      }),
    duplicateCreditCode,
  );
  const created = toCompany(await load(trx, actor, id));
  await record(trx, {
    actor,
    districtId,
    communityId,
    action: 'company.create',
    entityType: 'company',
    entityId: id,
    after: created,
    requestId,
  });
  return created;
}

export async function updateCompany(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  input: CompanyUpdate,
  requestId: string,
) {
  requireRole(actor, 'company:update');
  const row = await load(trx, actor, id);
  authorize(actor, 'company:update', target(row));
  assertVersion(row.version, input.version);
  const creditCode = input.creditCode === undefined ? undefined : checkedCreditCode(input.creditCode);
  if (creditCode !== undefined) await assertCreditCodeFree(trx, row.district_id, creditCode, id);
  const key = {
    districtId: row.district_id,
    communityId: row.community_id,
    companyId: id,
    version: input.version,
  };
  const updated = await uniqueOrConflict(
    () =>
      register.updateCompany(trx, key, {
        ...(input.legalName !== undefined ? { legal_name: input.legalName } : {}),
        ...(creditCode !== undefined ? { credit_code: creditCode } : {}),
        ...(input.foundedOn !== undefined ? { founded_on: input.foundedOn } : {}),
        ...(input.operatingModel !== undefined ? { operating_model: input.operatingModel } : {}),
        ...(input.registeredCapitalFen !== undefined
          ? { registered_capital_fen: input.registeredCapitalFen }
          : {}),
      }),
    duplicateCreditCode,
  );
  if (!updated) throw stale();
  const before = toCompany(row);
  const after = toCompany(await load(trx, actor, id));
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: row.community_id,
    action: 'company.update',
    entityType: 'company',
    entityId: id,
    before,
    after,
    requestId,
  });
  return after;
}

export async function deleteCompany(
  trx: ScopedTransaction,
  actor: Actor,
  id: string,
  version: number | undefined,
  requestId: string,
) {
  requireRole(actor, 'company:delete');
  const row = await load(trx, actor, id);
  authorize(actor, 'company:delete', target(row));
  if (version !== undefined) assertVersion(row.version, version);
  const key = { districtId: row.district_id, communityId: row.community_id, companyId: id };
  const holdings = (await register.listShareholdings(trx, key)).map(toShareholding);
  const deleted = await deleteOrConflict(
    () => register.deleteCompany(trx, { ...key, version }),
    'company_in_use',
  );
  if (!deleted) throw stale();
  await record(trx, {
    actor,
    districtId: row.district_id,
    communityId: row.community_id,
    action: 'company.delete',
    entityType: 'company',
    entityId: id,
    before: { ...toCompany(row), shareholdings: holdings },
    requestId,
  });
}

async function presentShareholdings(trx: ScopedTransaction, row: register.CompanyRow, version: number) {
  const rows = await register.listShareholdings(trx, {
    districtId: row.district_id,
    communityId: row.community_id,
    companyId: row.company_id,
  });
  // rows come oldest version first; a version is the rows sharing their first month
  const history: ShareholdingVersion[] = [];
  for (const r of rows) {
    let last = history.at(-1);
    if (!last || last.effectiveFrom !== r.effective_from) {
      last = { effectiveFrom: r.effective_from, effectiveTo: r.effective_to, totalBp: 0, items: [] };
      history.push(last);
    }
    const item = toShareholding(r);
    last.items.push(item);
    last.totalBp += item.shareBp;
  }
  const latest = history.at(-1) ?? { effectiveFrom: null, effectiveTo: null, totalBp: 0, items: [] };
  return {
    companyId: row.company_id,
    communityId: row.community_id,
    version,
    ...latest,
    history,
  } satisfies Shareholdings;
}

export async function listShareholdings(trx: ScopedTransaction, actor: Actor, companyId: string) {
  requireRole(actor, 'company:read');
  const row = await load(trx, actor, companyId);
  authorize(actor, 'company:read', target(row));
  return presentShareholdings(trx, row, row.version);
}

/**
 * The first month of a new version of the shareholdings (null: since the company's start). Unsaid, it is the
 * company's start for its first set and the current month for a change. Changing a shareholding never re-splits
 * a month already reported: the version must begin after the company's ventures' last approved month; and it
 * cannot begin before the latest version (history is appended; the latest version's own month corrects it).
 */
async function checkedEffectiveFrom(
  trx: ScopedTransaction,
  key: { districtId: string; communityId: string; companyId: string },
  current: Shareholdings,
  asked: string | null | undefined,
): Promise<string | null> {
  const hasVersions = current.history.length > 0;
  const from = asked !== undefined ? asked : hasVersions ? thisMonth() : null;
  const latest = current.effectiveFrom;
  if (hasVersions && latest !== null && (from === null || from < latest)) {
    throw new ApiError(
      409,
      'shareholding_before_latest',
      { effectiveFrom: 'effective_from_before_latest' },
      {
        latest,
      },
    );
  }
  const reported = await register.lastReportedMonth(trx, key);
  if (reported !== null && (from === null || from <= reported)) {
    throw new ApiError(
      409,
      'shareholding_month_reported',
      { effectiveFrom: 'effective_from_reported' },
      {
        month: reported,
        next: addMonths(reported as Month, 1),
      },
    );
  }
  return from;
}

/**
 * Changes a company's shareholdings: a new version of the whole set, in force from a month. Every row is checked first (holder, the asset and
 * appraisal behind a site or premises contribution, paid-in within subscribed), then the sum (exactly
 * 10,000 bp), then the month it takes effect (see checkedEffectiveFrom); only then is the company's version
 * claimed, the version before it ended with the month before, and the new set written (the latest version's own
 * first month replaces that version). Any refusal changes nothing.
 */
export async function replaceShareholdings(
  trx: ScopedTransaction,
  actor: Actor,
  companyId: string,
  input: ShareholdingsReplace,
  requestId: string,
) {
  requireRole(actor, 'shareholding:update');
  const company = await load(trx, actor, companyId);
  authorize(actor, 'shareholding:update', target(company));
  assertVersion(company.version, input.version);
  const scope = { districtId: company.district_id, communityId: company.community_id };

  const fields: Record<string, MessageCode> = {};
  const rows: Array<{ holderName: string } & (typeof input.items)[number]> = [];
  let communityName: string | undefined;
  for (const [index, item] of input.items.entries()) {
    const at = (field: string) => `items.${index}.${field}`;
    let holderName = item.holderName ?? undefined;
    if (item.holderKind === 'partner') {
      if (!item.holderPartnerId) {
        fields[at('holderPartnerId')] = 'holder_partner_required';
      } else {
        const partner = await register.findPartner(
          trx,
          { districtId: scope.districtId },
          item.holderPartnerId,
        );
        if (!partner) fields[at('holderPartnerId')] = 'unknown_partner';
        else holderName ??= partner.name;
      }
    } else if (item.holderPartnerId) {
      fields[at('holderPartnerId')] = 'holder_partner_not_allowed';
    } else if (item.holderKind === 'community' && !holderName) {
      communityName ??= (await communities.findCommunity(trx, scope))?.name;
      holderName = communityName;
    }
    if (!holderName && !fields[at('holderPartnerId')]) fields[at('holderName')] = 'holder_name_required';

    if (contributionNeedsAsset(item.contributionKind)) {
      if (!item.assetId) {
        fields[at('assetId')] = 'contribution_needs_asset';
      } else if (!(await register.findAsset(trx, scope, item.assetId))) {
        fields[at('assetId')] = 'unknown_asset';
      }
      if (!item.appraisalId) {
        fields[at('appraisalId')] = 'contribution_needs_appraisal';
      } else if (item.assetId) {
        const appraisal = await register.findAppraisal(trx, scope, item.appraisalId);
        if (!appraisal || appraisal.asset_id !== item.assetId)
          fields[at('appraisalId')] = 'unknown_appraisal';
      }
    } else {
      if (item.assetId) fields[at('assetId')] = 'asset_only_for_site_contribution';
      if (item.appraisalId) fields[at('appraisalId')] = 'asset_only_for_site_contribution';
    }
    if (item.paidInFen > item.subscribedFen) fields[at('paidInFen')] = 'paid_in_exceeds_subscribed';
    rows.push({ ...item, holderName: holderName ?? '' });
  }
  if (Object.keys(fields).length > 0) throw fieldError(fields);

  const sum = validateShareSum(rows);
  if (!sum.ok) {
    const sumBp = Number(sum.error.params.sumBp ?? 0);
    throw new ApiError(
      400,
      'shares_sum_mismatch',
      { items: 'shares_must_total_10000' },
      {
        sumBp,
        sum: formatBasisPoints(sumBp),
      },
    );
  }

  const key = { ...scope, companyId };
  const before = await presentShareholdings(trx, company, company.version);
  const effectiveFrom = await checkedEffectiveFrom(trx, key, before, input.effectiveFrom);
  // claim the company's version first: a concurrent replace or company edit makes this one stale
  const claimed = await register.updateCompany(trx, { ...key, version: input.version }, {});
  if (!claimed) throw stale();
  if (before.history.length > 0 && before.effectiveFrom === effectiveFrom) {
    // the latest version's own first month: a correction of that version (nothing reported in it yet)
    await register.deleteShareholdingVersion(trx, key, effectiveFrom);
  } else if (effectiveFrom !== null) {
    await register.closeShareholdings(trx, key, addMonths(effectiveFrom as Month, -1));
  }
  await register.insertShareholdings(
    trx,
    rows.map((item, position) => ({
      district_id: scope.districtId,
      community_id: scope.communityId,
      company_id: companyId,
      holder_kind: item.holderKind,
      holder_partner_id: item.holderKind === 'partner' ? (item.holderPartnerId ?? null) : null,
      holder_name: item.holderName,
      contribution_kind: item.contributionKind,
      asset_id: item.assetId ?? null,
      appraisal_id: item.appraisalId ?? null,
      subscribed_fen: item.subscribedFen,
      paid_in_fen: item.paidInFen,
      share_bp: item.shareBp,
      position,
      effective_from: effectiveFrom,
      effective_to: null,
    })),
  );
  const after = await presentShareholdings(trx, company, input.version + 1);
  await record(trx, {
    actor,
    districtId: scope.districtId,
    communityId: scope.communityId,
    action: 'company.shareholdings.replace',
    entityType: 'company',
    entityId: companyId,
    // the company by name: the shareholdings alone name only their holders
    before: { legalName: company.legal_name, ...before },
    after: { legalName: company.legal_name, ...after },
    requestId,
  });
  return after;
}
