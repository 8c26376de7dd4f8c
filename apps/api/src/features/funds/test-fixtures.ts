import { shanghaiDateOf } from '@gongfu/domain';
import { sql } from 'kysely';
import { vi } from 'vitest';
import type { TestApp } from '../../testing/test-app';
import { clock } from './clock';

/** Test helpers of the funds feature: create funds and walk proposals through their workflow via HTTP. */
export function fundsFixtures(t: () => TestApp) {
  async function call(method: string, path: string, as: string | undefined, body?: unknown, headers = {}) {
    const res = await t().request(`/api/v1${path}`, {
      method,
      ...(as ? { as } : {}),
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  }
  const post = (path: string, as: string | undefined, body: unknown = {}, headers = {}) =>
    call('POST', path, as, body, headers);
  const get = (path: string, as?: string) => call('GET', path, as);

  async function createFund(as: string, body: Record<string, unknown> = {}) {
    const res = await post('/funds', as, { kind: 'other', name: `测试资金 ${Math.random()}`, ...body });
    if (res.status !== 201) throw new Error(`fund not created: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; communityId: string; districtId: string };
  }

  async function donate(as: string, fundId: string, amountFen: number) {
    const res = await post(`/funds/${fundId}/entries`, as, { kind: 'donation', amountFen });
    if (res.status !== 201) throw new Error(`donation refused: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const today = () => shanghaiDateOf(new Date());

  /** A proposal approved at a residents' meeting today (37 of 50 attended: 30 for, 5 against, 2 abstain). */
  async function approvedProposal(as: string, fundId: string, amountFen: number, title = '长者食堂设备') {
    const created = await post('/proposals', as, {
      fundId,
      title,
      purpose: '购置长者食堂厨房设备',
      useCategory: 'elderly_care',
      amountFen,
    });
    if (created.status !== 201) throw new Error(`proposal not created: ${JSON.stringify(created.body)}`);
    const decided = await post(`/proposals/${created.body.id}/deliberate`, as, {
      meetingOn: today(),
      eligibleVoters: 50,
      attendance: 37,
      votesFor: 30,
      votesAgainst: 5,
      votesAbstain: 2,
      minutes: '居民代表会议纪要',
    });
    if (decided.status !== 200) throw new Error(`deliberation refused: ${JSON.stringify(decided.body)}`);
    return decided.body as { id: string; status: string; version: number };
  }

  async function disclosedProposal(as: string, fundId: string, amountFen: number, title?: string) {
    const p = await approvedProposal(as, fundId, amountFen, title);
    const res = await post(`/proposals/${p.id}/disclose`, as, {});
    if (res.status !== 200) throw new Error(`disclosure refused: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; status: string; version: number; disclosure: { endsOn: string } };
  }

  /** Moves the feature's clock `days` ahead (sessions keep the real clock). */
  function travel(days: number) {
    const target = new Date(Date.now() + days * 86_400_000);
    vi.spyOn(clock, 'now').mockReturnValue(target);
  }

  async function count(table: string, column: string, value: string) {
    const r = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${value}`.execute(
      t().handle.db,
    );
    return r.rows[0]?.n ?? 0;
  }

  async function totals(fundId: string) {
    const r = await sql<{ balance: string; sum: string; min_running: string | null }>`
      select f.balance_fen::text as balance,
             (select coalesce(sum(direction * amount_fen), 0)::text from ledger_entries e where e.fund_id = f.fund_id) as sum,
             (select min(running)::text from (select sum(direction * amount_fen) over (order by created_at, entry_id) as running
                                             from ledger_entries e where e.fund_id = f.fund_id) x) as min_running
      from funds f where f.fund_id = ${fundId}`.execute(t().handle.db);
    const row = r.rows[0];
    if (!row) throw new Error('no such fund');
    return { balance: Number(row.balance), sum: Number(row.sum), minRunning: Number(row.min_running ?? 0) };
  }

  return {
    call,
    post,
    get,
    createFund,
    donate,
    approvedProposal,
    disclosedProposal,
    travel,
    count,
    totals,
    today,
  };
}
