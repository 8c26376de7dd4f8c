import { describe, expect, it } from 'vitest';
import { generateInitialPassword } from './initial-password';

describe('initial passwords', () => {
  it('are four groups of four readable characters', () => {
    for (let i = 0; i < 200; i += 1) {
      expect(generateInitialPassword()).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){3}$/);
    }
  });

  it('never repeat and use the whole alphabet', () => {
    const many = Array.from({ length: 2000 }, generateInitialPassword);
    expect(new Set(many).size).toBe(many.length);
    const seen = new Set(many.join('').replaceAll('-', ''));
    expect(seen.size).toBe(31);
    for (const lookalike of ['0', 'o', '1', 'l', 'i']) expect(seen.has(lookalike)).toBe(false);
  });
});
