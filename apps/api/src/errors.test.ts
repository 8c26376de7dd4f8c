import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';

describe('ApiError', () => {
  it('captures no stack, and leaves every other error its full one', () => {
    const answer = new ApiError(401, 'unauthenticated');
    expect(answer).toBeInstanceOf(Error);
    expect(answer.message).toBe('unauthenticated');
    // the first line names the error; no frame follows it
    expect(answer.stack?.split('\n')).toHaveLength(1);

    // the process's limit is restored: a fault built after it is traced as before
    const fault = new Error('a fault');
    expect(fault.stack).toContain('errors.test.ts');
  });

  it('does not change a process-wide stack limit set by someone else', () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 3;
    try {
      new ApiError(403, 'forbidden');
      expect(Error.stackTraceLimit).toBe(3);
    } finally {
      Error.stackTraceLimit = before;
    }
  });
});
