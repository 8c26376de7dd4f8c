import { type LocalDate, type Month, shanghaiDateOf, shanghaiMonthOf } from '@gongfu/domain';

/**
 * The feature's idea of "now". Disclosure periods are calendar days in Asia/Shanghai; tests move
 * this clock (vi.spyOn(clock, 'now')) instead of faking the process's Date, which would also expire
 * sessions.
 */
export const clock = {
  now: (): Date => new Date(),
};

export const today = (): LocalDate => shanghaiDateOf(clock.now());
export const thisMonth = (): Month => shanghaiMonthOf(clock.now());
