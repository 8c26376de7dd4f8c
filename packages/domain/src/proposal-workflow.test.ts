import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeliberationRecord,
  defaultQuorum,
  deliberationOutcome,
  newProposal,
  PROPOSAL_ACTIONS,
  PROPOSAL_STATUSES,
  type ProposalAction,
  type ProposalCommand,
  type ProposalStatus,
  type ProposalWorkflowState,
  remainingPayoutFen,
  transitionProposal,
} from './proposal-workflow';

const today = '2025-06-10' as const;
const ctx = { today };

const meeting: DeliberationRecord = {
  meetingDate: '2025-06-01',
  eligibleVoters: 40,
  attendance: 30,
  quorum: 21,
  votesFor: 20,
  votesAgainst: 6,
  votesAbstain: 4,
  minutes: '长者食堂选址与补贴标准',
};

/** A proposal in each status, shaped so that every legal action on it succeeds. */
function fixture(status: ProposalStatus, action: ProposalAction): ProposalWorkflowState {
  const base = newProposal(100_000);
  const approved = { ...base, approvedFen: 100_000, deliberation: meeting };
  const disclosure = { startsOn: '2025-06-02', days: 5, endsOn: '2025-06-06' } as const;
  switch (status) {
    case 'draft':
    case 'deliberation':
      return { ...base, status };
    case 'rejected':
      return { ...base, status, deliberation: { ...meeting, votesFor: 5 } };
    case 'approved':
      return { ...approved, status };
    case 'disclosure':
      return {
        ...approved,
        status,
        disclosure,
        objections:
          action === 'end_disclosure' ? [] : [{ id: 'o1', receivedOn: '2025-06-03', status: 'pending' }],
      };
    case 'disclosed':
    case 'paid_out':
    case 'closed':
    case 'withdrawn':
      return { ...approved, status, disclosure, paidFen: status === 'paid_out' ? 40_000 : 0 };
  }
}

const COMMANDS: Record<ProposalAction, ProposalCommand> = {
  edit: { action: 'edit', requestedFen: 90_000 },
  submit: { action: 'submit' },
  record_deliberation: { action: 'record_deliberation', deliberation: meeting },
  publish: { action: 'publish', startsOn: '2025-06-02' },
  record_objection: { action: 'record_objection', objectionId: 'o2', receivedOn: '2025-06-04' },
  resolve_objection: { action: 'resolve_objection', objectionId: 'o1', upheld: false },
  end_disclosure: { action: 'end_disclosure' },
  pay_out: { action: 'pay_out', amountFen: 10_000 },
  close: { action: 'close' },
  withdraw: { action: 'withdraw' },
};

// Written out independently of PROPOSAL_TRANSITIONS: the status each legal action leads to here.
const LEGAL: Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>> = {
  draft: { edit: 'draft', submit: 'deliberation', withdraw: 'withdrawn' },
  deliberation: { record_deliberation: 'approved', withdraw: 'withdrawn' },
  approved: { publish: 'disclosure' },
  rejected: { close: 'closed' },
  disclosure: {
    record_objection: 'disclosure',
    resolve_objection: 'disclosure',
    end_disclosure: 'disclosed',
  },
  disclosed: { pay_out: 'paid_out', close: 'closed' },
  paid_out: { pay_out: 'paid_out', close: 'closed' },
  closed: {},
  withdrawn: {},
};

describe('proposal workflow: every status × action', () => {
  const pairs = PROPOSAL_STATUSES.flatMap((status) =>
    PROPOSAL_ACTIONS.map((action) => [status, action] as const),
  );

  it('covers 9 statuses × 10 actions', () => expect(pairs).toHaveLength(90));

  it.each(pairs)('%s + %s', (status, action) => {
    const result = transitionProposal(fixture(status, action), COMMANDS[action], ctx);
    const expected = LEGAL[status][action];
    if (expected === undefined) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'proposal.illegal_transition', params: { from: status, action } },
      });
    } else {
      expect(result).toMatchObject({ ok: true, value: { status: expected } });
    }
  });
});

describe('the decision rule', () => {
  it('needs attendance at quorum and more than half of the votes cast, abstentions counting as cast', () => {
    expect(deliberationOutcome(meeting)).toBe('approved'); // 20 of 30 cast
    expect(deliberationOutcome({ ...meeting, attendance: 20 })).toBe('no_quorum');
    expect(deliberationOutcome({ ...meeting, votesFor: 15, votesAgainst: 5, votesAbstain: 10 })).toBe(
      'rejected',
    ); // exactly half
    expect(deliberationOutcome({ ...meeting, votesFor: 16, votesAgainst: 5, votesAbstain: 9 })).toBe(
      'approved',
    );
    expect(deliberationOutcome({ ...meeting, votesFor: 0, votesAgainst: 0, votesAbstain: 0 })).toBe(
      'rejected',
    );
    expect(defaultQuorum(40)).toBe(21);
    expect(defaultQuorum(41)).toBe(21);
  });

  it('property: approved ⇔ quorate and for > against + abstain', () => {
    fc.assert(
      fc.property(
        fc.nat(200),
        fc.nat(200),
        fc.nat(200),
        fc.integer({ min: 1, max: 700 }),
        (f, a, x, quorum) => {
          const attendance = f + a + x;
          const outcome = deliberationOutcome({
            ...meeting,
            attendance,
            quorum,
            votesFor: f,
            votesAgainst: a,
            votesAbstain: x,
          });
          if (attendance < quorum) expect(outcome).toBe('no_quorum');
          else expect(outcome).toBe(f > a + x ? 'approved' : 'rejected');
        },
      ),
    );
  });

  it('refuses meetings that cannot have happened', () => {
    const inDeliberation = fixture('deliberation', 'record_deliberation');
    const record = (deliberation: DeliberationRecord) =>
      transitionProposal(inDeliberation, { action: 'record_deliberation', deliberation }, ctx);
    expect(
      record({ ...meeting, attendance: 20, votesFor: 15, votesAgainst: 5, votesAbstain: 0 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'proposal.quorum_not_met', params: { attendance: 20, quorum: 21 } },
    });
    expect(record({ ...meeting, votesFor: 25 })).toMatchObject({
      ok: false,
      error: { code: 'proposal.votes_exceed_attendance' },
    });
    expect(record({ ...meeting, attendance: 41 })).toMatchObject({
      ok: false,
      error: { code: 'proposal.attendance_exceeds_eligible' },
    });
    expect(record({ ...meeting, votesAgainst: -1 })).toMatchObject({
      ok: false,
      error: { code: 'proposal.invalid_count', params: { field: 'votesAgainst' } },
    });
    expect(record({ ...meeting, quorum: 0 })).toMatchObject({
      ok: false,
      error: { code: 'proposal.invalid_count' },
    });
    expect(record({ ...meeting, meetingDate: '2025-06-11' })).toMatchObject({
      ok: false,
      error: { code: 'proposal.meeting_in_future' },
    });
    expect(record({ ...meeting, approvedFen: 100_001 })).toMatchObject({
      ok: false,
      error: { code: 'proposal.approved_exceeds_requested' },
    });
    expect(record({ ...meeting, approvedFen: 80_000 })).toMatchObject({
      ok: true,
      value: { status: 'approved', approvedFen: 80_000 },
    });
    expect(record({ ...meeting, votesFor: 10 })).toMatchObject({
      ok: true,
      value: { status: 'rejected', approvedFen: null },
    });
  });
});

describe('disclosure and payout', () => {
  function run(p: ProposalWorkflowState, ...commands: [ProposalCommand, string][]): ProposalWorkflowState {
    let state = p;
    for (const [command, day] of commands) {
      const result = transitionProposal(state, command, { today: day as typeof today });
      if (!result.ok) throw new Error(`${command.action}: ${result.error.code}`);
      state = result.value;
    }
    return state;
  }

  const approved = run(
    newProposal(100_000),
    [{ action: 'submit' }, '2025-05-20'],
    [{ action: 'record_deliberation', deliberation: meeting }, '2025-06-01'],
  );

  it('lasts 5 days by default, including the start day, and pays out only after it', () => {
    const inDisclosure = run(approved, [{ action: 'publish', startsOn: '2025-06-02' }, '2025-06-02']);
    expect(inDisclosure.disclosure).toEqual({ startsOn: '2025-06-02', days: 5, endsOn: '2025-06-06' });
    expect(remainingPayoutFen(inDisclosure)).toBe(0);
    expect(
      transitionProposal(inDisclosure, { action: 'pay_out', amountFen: 1 }, { today: '2025-06-10' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'proposal.illegal_transition' },
    });
    expect(
      transitionProposal(inDisclosure, { action: 'end_disclosure' }, { today: '2025-06-06' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'proposal.disclosure_not_over', params: { endsOn: '2025-06-06' } },
    });
    const disclosed = run(inDisclosure, [{ action: 'end_disclosure' }, '2025-06-07']);
    expect(disclosed.status).toBe('disclosed');
    expect(remainingPayoutFen(disclosed)).toBe(100_000);
  });

  it('pays out in several expenditures, never above the approved amount', () => {
    const disclosed = run(
      approved,
      [{ action: 'publish', startsOn: '2025-06-02', days: 7 }, '2025-06-02'],
      [{ action: 'end_disclosure' }, '2025-06-09'],
    );
    const paid = run(
      disclosed,
      [{ action: 'pay_out', amountFen: 60_000 }, today],
      [{ action: 'pay_out', amountFen: 40_000 }, today],
    );
    expect(paid).toMatchObject({ status: 'paid_out', paidFen: 100_000 });
    expect(transitionProposal(paid, { action: 'pay_out', amountFen: 1 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'proposal.payout_exceeds_approved', params: { remainingFen: 0, approvedFen: 100_000 } },
    });
    expect(transitionProposal(disclosed, { action: 'pay_out', amountFen: 0 }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'money.not_positive' },
    });
    expect(run(paid, [{ action: 'close' }, today]).status).toBe('closed');
  });

  it('property: the sum of accepted payouts never exceeds the approved amount', () => {
    const disclosed = fixture('disclosed', 'pay_out');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 60_000 }), { maxLength: 20 }), (amounts) => {
        let state = disclosed;
        for (const amountFen of amounts) {
          const next = transitionProposal(state, { action: 'pay_out', amountFen }, ctx);
          if (next.ok) state = next.value;
        }
        expect(state.paidFen).toBeLessThanOrEqual(state.approvedFen ?? 0);
        expect(state.paidFen).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('blocks the end of disclosure while an objection is pending, and an upheld one sends it back to draft', () => {
    const inDisclosure = run(
      approved,
      [{ action: 'publish', startsOn: '2025-06-02' }, '2025-06-02'],
      [{ action: 'record_objection', objectionId: 'o1', receivedOn: '2025-06-03' }, '2025-06-03'],
    );
    expect(transitionProposal(inDisclosure, { action: 'end_disclosure' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'proposal.objections_pending', params: { count: 1 } },
    });
    const dismissed = run(inDisclosure, [
      { action: 'resolve_objection', objectionId: 'o1', upheld: false },
      today,
    ]);
    expect(run(dismissed, [{ action: 'end_disclosure' }, today]).status).toBe('disclosed');
    expect(
      transitionProposal(dismissed, { action: 'resolve_objection', objectionId: 'o1', upheld: true }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'proposal.objection_already_resolved' },
    });

    const upheld = run(inDisclosure, [
      { action: 'resolve_objection', objectionId: 'o1', upheld: true },
      today,
    ]);
    expect(upheld).toMatchObject({
      status: 'draft',
      approvedFen: null,
      deliberation: null,
      disclosure: null,
      paidFen: 0,
    });
  });

  it('refuses objections outside the period, duplicates and unknown ones', () => {
    const inDisclosure = run(approved, [{ action: 'publish', startsOn: '2025-06-02' }, '2025-06-02']);
    for (const receivedOn of ['2025-06-01', '2025-06-07'] as const) {
      expect(
        transitionProposal(inDisclosure, { action: 'record_objection', objectionId: 'x', receivedOn }, ctx),
      ).toMatchObject({ ok: false, error: { code: 'proposal.outside_disclosure_period' } });
    }
    const once = run(inDisclosure, [
      { action: 'record_objection', objectionId: 'x', receivedOn: '2025-06-06' },
      today,
    ]);
    expect(
      transitionProposal(
        once,
        { action: 'record_objection', objectionId: 'x', receivedOn: '2025-06-06' },
        ctx,
      ),
    ).toMatchObject({ ok: false, error: { code: 'proposal.duplicate_objection' } });
    expect(
      transitionProposal(once, { action: 'resolve_objection', objectionId: 'nope', upheld: true }, ctx),
    ).toMatchObject({
      ok: false,
      error: { code: 'proposal.unknown_objection' },
    });
  });

  it('refuses a disclosure that starts before the meeting or has a silly length', () => {
    expect(transitionProposal(approved, { action: 'publish', startsOn: '2025-05-31' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'proposal.disclosure_before_meeting' },
    });
    for (const days of [0, 61, 2.5]) {
      expect(
        transitionProposal(approved, { action: 'publish', startsOn: '2025-06-02', days }, ctx),
      ).toMatchObject({
        ok: false,
        error: { code: 'proposal.invalid_disclosure_days' },
      });
    }
  });

  it('refuses to submit or edit to a non-positive amount', () => {
    expect(transitionProposal(newProposal(0), { action: 'submit' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'money.not_positive', params: { field: 'requestedFen' } },
    });
    expect(transitionProposal(newProposal(1), { action: 'edit', requestedFen: -5 }, ctx)).toMatchObject({
      ok: false,
    });
  });
});
