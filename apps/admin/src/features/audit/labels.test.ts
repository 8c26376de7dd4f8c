import { describe, expect, it } from 'vitest';
import { AUDIT_ENTITY_ACTIONS, AUDIT_ENTITY_TYPES, actionLabel, entityLabel } from './labels';

describe('the audit filters’ words', () => {
  it.each(['zh-CN', 'en'])(
    'name every object type and action the filters offer in %s, none by its code',
    (lng) => {
      const unnamed = [
        ...AUDIT_ENTITY_TYPES.filter((type) => entityLabel(type, lng) === type),
        ...Object.values(AUDIT_ENTITY_ACTIONS)
          .flat()
          .filter((action) => actionLabel(action, lng) === action),
      ];
      expect(unnamed).toEqual([]);
    },
  );

  it('offers the yearly targets and the API tokens, which the API logs too', () => {
    expect(AUDIT_ENTITY_ACTIONS.kpi_target?.map((a) => actionLabel(a, 'zh-CN'))).toEqual([
      '设定年度目标',
      '删除年度目标',
    ]);
    expect(entityLabel('api_token', 'zh-CN')).toBe('API 令牌');
    expect(actionLabel('warning.detect', 'en')).toBe('Raised warning');
  });
});
