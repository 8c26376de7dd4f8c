import { describe, expect, it } from 'vitest';
import { ROLE_LABELS, ROLES } from './roles';
import { USER_STATUS_LABELS, USER_STATUSES } from './user-admin';

describe('role and account status labels', () => {
  it.each([
    ['role', ROLES, ROLE_LABELS],
    ['account status', USER_STATUSES, USER_STATUS_LABELS],
  ] as const)(
    'every %s has a Chinese and an English label, and no label names a value that is not one',
    (_, values, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) {
        const label = (labels as Record<string, { 'zh-CN': string; en: string }>)[value];
        expect(label?.['zh-CN'], value).toMatch(/^[\u4e00-\u9fff]+$/);
        expect(label?.en, value).toMatch(/^[A-Z][a-z]+( [a-z]+)*$/);
      }
      // people tell the values apart by their labels
      const zh = Object.values(labels).map((label) => label['zh-CN']);
      expect(new Set(zh).size).toBe(zh.length);
    },
  );
});
