import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { withTenantTransaction } from '../tenant';
import { DEMO_IDS } from './demo';
import { deterministicId as id } from './deterministic-id';
import { type GeneratedSummary, PRESETS, seedGeneratedCommunities } from './generator';
import { FIRST_MONTH } from './history-kit';
import { STORY_FUND_IDS, seedStoryHistory } from './stories';

/** The default seed of the generated communities (the generator's `demo` preset): same seed → same data. */
export const DEMO_HISTORY_SEED = PRESETS.demo.seed;
/** How many communities are generated around the source page's three. */
export const DEMO_GENERATED_COMMUNITIES = PRESETS.demo.communities;

export interface DemoHistoryResult {
  created: boolean;
  stories?: { reports: number; entries: number };
  generated?: GeneratedSummary;
  /** Wall time of the whole seed, in milliseconds. */
  ms?: number;
}

/**
 * Two years of history for the demo district (after `seedDemo`): the source page's stories as months
 * and money — the tidal market, the 40 % rule, the service station's 10-minute promise, Dukou's
 * charity fund — and the generated communities around them. One district-scope transaction, through
 * the same RLS as requests: all or nothing. Idempotent: a second run finds the history and does nothing.
 */
export async function seedDemoHistory(
  db: Kysely<Database>,
  options: { seed?: number; communities?: number } = {},
): Promise<DemoHistoryResult> {
  const started = performance.now();
  const scope = {
    kind: 'district',
    userId: id('user:admin@dongqu.demo'),
    districtId: DEMO_IDS.dongqu,
  } as const;
  return withTenantTransaction(db, scope, async (trx) => {
    const district = await trx
      .selectFrom('districts')
      .select('district_id')
      .where('district_id', '=', DEMO_IDS.dongqu)
      .executeTakeFirst();
    if (!district) throw new Error('seedDemoHistory needs the demo district: run seedDemo first');
    const marker = await trx
      .selectFrom('funds')
      .select('fund_id')
      .where('district_id', '=', DEMO_IDS.dongqu)
      .where('fund_id', '=', STORY_FUND_IDS.wangjiangjie.governance_special)
      .executeTakeFirst();
    if (marker) return { created: false };

    // generated logins share the demo password: copy the hash seedDemo made
    const reporter = await trx
      .selectFrom('users')
      .select('password_hash')
      .where('user_id', '=', id('user:reporter@jinhui.demo'))
      .executeTakeFirstOrThrow();
    // the district reports on the platform from the history's first month: its ventures that began earlier owe
    // no report before it (issue 12, item 4), so 2024 does not read as a 17 % reporting rate
    await trx
      .updateTable('districts')
      .set({ reporting_start_month: FIRST_MONTH })
      .where('district_id', '=', DEMO_IDS.dongqu)
      .execute();
    const stories = await seedStoryHistory(trx);
    const generated = await seedGeneratedCommunities(trx, {
      seed: options.seed ?? DEMO_HISTORY_SEED,
      count: options.communities ?? DEMO_GENERATED_COMMUNITIES,
      passwordHash: reporter.password_hash,
    });
    return { created: true, stories, generated, ms: Math.round(performance.now() - started) };
  });
}
