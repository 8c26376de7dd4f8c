import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DOMAIN_ERROR_CODES,
  formatDomainError,
  formatMessage,
  isDomainErrorCode,
  MESSAGES,
  placeholdersOf,
} from './validation-messages';

describe('message catalogue', () => {
  it.each(DOMAIN_ERROR_CODES)('%s has both languages with the same placeholders', (code) => {
    const { 'zh-CN': zh, en } = MESSAGES[code];
    expect(code).toMatch(/^[a-z_]+\.[a-z_0-9]+$/);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(en).toMatch(/^[A-Z"{]/);
    expect(placeholdersOf(zh).sort()).toEqual(placeholdersOf(en).sort());
  });

  it('fills placeholders and leaves a missing one visible instead of failing', () => {
    expect(
      formatMessage('shares.sum_mismatch', { sumBp: 9999, sum: '99.99%', expectedBp: 10_000 }, 'en'),
    ).toBe('Shares sum to 9999 bp (99.99%); they must sum to exactly 10000 bp (100%)');
    expect(formatDomainError({ code: 'credit_code.length', params: { length: 17 } }, 'zh-CN')).toBe(
      '统一社会信用代码应为 18 位，当前为 17 位',
    );
    expect(formatMessage('credit_code.length', {}, 'en')).toContain('{length}');
    // amounts travel as fen; people read them in yuan
    expect(
      formatMessage(
        'proposal.payout_exceeds_approved',
        { amountFen: 5_000_000, remainingFen: 3_600_050, approvedFen: 3_600_050, paidFen: 0 },
        'zh-CN',
      ),
    ).toBe('本次拨付 50,000.00 元超过尚可拨付的 36,000.50 元（通过金额 36,000.50 元，已拨付 0.00 元）');
    expect(isDomainErrorCode('shares.empty')).toBe(true);
    expect(isDomainErrorCode('toString')).toBe(false);
  });

  it('every code is raised somewhere in the domain, and every code raised is in the catalogue', () => {
    const dir = new URL('.', import.meta.url);
    const source = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'validation-messages.ts')
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const raised = new Set(
      [...source.matchAll(/code: '([a-z_]+\.[a-z_0-9]+)'|err\(\s*'([a-z_]+\.[a-z_0-9]+)'/g)].map(
        (m) => m[1] ?? m[2],
      ),
    );
    for (const code of DOMAIN_ERROR_CODES) expect(raised, code).toContain(code);
    for (const code of raised) expect(DOMAIN_ERROR_CODES, code).toContain(code);
  });
});
