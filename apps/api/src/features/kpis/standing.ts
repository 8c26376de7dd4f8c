import { KPI_STANDING_KEYS, type KpiStanding, type KpiStandingQuery } from '@gongfu/contract';
import { type Database, withTenantTransaction } from '@gongfu/db';
import { can } from '@gongfu/domain';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../../context';
import { forbidden } from '../../errors';
import type { Lang } from '../../i18n/messages';
import { rankingIn } from './service';

/**
 * A community's place in its district (ADR 0015). Its rank needs every community's figure, which the community's
 * own scope cannot read: the ranks are computed in a read-only district scope of the caller's own district, opened
 * here and nowhere else, and only the caller's own row and the number ranked are returned.
 */
export async function standing(
  db: Kysely<Database>,
  actor: Actor,
  query: KpiStandingQuery,
  lang: Lang,
): Promise<KpiStanding> {
  const { kind, districtId, communityId, role } = actor.scope;
  if (kind !== 'community' || !districtId || !communityId || !can(role, 'kpi:read')) throw forbidden();
  const districtReader: Actor = {
    userId: actor.userId,
    scope: { ...actor.scope, kind: 'district', role: 'district_viewer', communityId: null, partnerId: null },
  };
  return withTenantTransaction(db, { kind: 'district', userId: actor.userId, districtId }, async (trx) => {
    // read only, by the database's word: this scope is wider than the caller's and must never write
    await sql`select set_config('transaction_read_only', 'on', true)`.execute(trx);
    const items: KpiStanding['items'] = [];
    let head: Pick<KpiStanding, 'period' | 'dataDate' | 'through' | 'nothingDue'> | undefined;
    for (const key of KPI_STANDING_KEYS) {
      // one ranking per KPI in this one transaction: none of them ends it
      const ranked = await rankingIn(
        trx,
        districtReader,
        { kpi: key, period: query.period, month: query.month },
        lang,
        { endsTransaction: false },
      );
      head ??= {
        period: ranked.period,
        dataDate: ranked.dataDate,
        through: ranked.through,
        nothingDue: ranked.nothingDue,
      };
      const own = ranked.items.find((item) => item.communityId === communityId);
      items.push({
        key,
        definition: ranked.kpi,
        value: own?.value ?? null,
        numerator: own?.numerator ?? 0,
        denominator: own?.denominator ?? null,
        rank: own?.rank ?? null,
        of: ranked.items.filter((item) => item.rank !== null).length,
      });
    }
    if (!head) throw new Error('KPI_STANDING_KEYS is empty');
    return { communityId, ...head, items };
  });
}
