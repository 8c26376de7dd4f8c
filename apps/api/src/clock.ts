import { type LocalDate, type Month, shanghaiDateOf, shanghaiMonthOf } from '@gongfu/domain';

/**
 * The API's one idea of "now" for business rules: disclosure periods and payouts, objection and
 * fulfilment dates, booking months, report months and deadlines, warnings, the KPI cockpit's opening
 * month. Dates are calendar days in Asia/Shanghai.
 *
 * Sessions do NOT use it (their idle and absolute expiry keep the process's real time), nor do
 * timestamps that record when something happened (`created_at`, audit entries): they say when a row
 * was written, which a moved clock must not falsify.
 *
 * Tests move it in two ways: unit tests spy on `clock.now` (`vi.spyOn(clock, 'now')`); browser flows
 * on a real server set an offset through the test-support route, which exists only when the server
 * was started with GONGFU_TEST_CLOCK=1 outside production (`features/test-support`, and the ADR
 * "one injected clock" in docs/decisions).
 */
let offsetMs = 0;

export const clock = {
  now: (): Date => new Date(Date.now() + offsetMs),
};

export const today = (): LocalDate => shanghaiDateOf(clock.now());
export const thisMonth = (): Month => shanghaiMonthOf(clock.now());

/** The offset the test-support route sets; nothing else calls these. */
export const clockOffset = {
  get: (): number => offsetMs,
  set(ms: number) {
    if (!Number.isSafeInteger(ms)) throw new RangeError('the clock offset is whole milliseconds');
    offsetMs = ms;
  },
  reset() {
    offsetMs = 0;
  },
};
