import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import { AUDIT_ENTITY_ACTIONS, AUDIT_ENTITY_TYPES, actionLabel, entityLabel } from './labels';

describe('the audit filters’ words', () => {
  it.each(['zh-CN', 'en'])(
    'name every object type and action the filters offer in %s, none by its code',
    (lng) => {
      const t = i18n.getFixedT(lng);
      const fixed = { ...i18n, exists: (key: string) => i18n.exists(key, { lng }) } as typeof i18n;
      const unnamed = [
        ...AUDIT_ENTITY_TYPES.filter((type) => entityLabel(type, t, fixed) === type),
        ...Object.values(AUDIT_ENTITY_ACTIONS)
          .flat()
          .filter((action) => actionLabel(action, t, fixed) === action),
      ];
      expect(unnamed).toEqual([]);
    },
  );

  it('offers the yearly targets and the API tokens, which the API logs too', () => {
    const t = i18n.getFixedT('zh-CN');
    expect(AUDIT_ENTITY_ACTIONS.kpi_target?.map((a) => actionLabel(a, t, i18n))).toEqual([
      '设定年度目标',
      '删除年度目标',
    ]);
    expect(entityLabel('api_token', t, i18n)).toBe('API 令牌');
  });
});
