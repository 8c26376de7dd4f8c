import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_ACTIONS,
  AUDIT_ENTITY_LABELS,
  auditActionLabel,
  auditActorLabel,
  auditEntityLabel,
} from './audit-labels';
import { auditObjectName } from './audit-object-name';
import { LOCALES } from './labels';

describe('the audit log’s words', () => {
  it.each(LOCALES)('name every object type and every action it records in %s, none by its code', (locale) => {
    const types = Object.keys(AUDIT_ENTITY_ACTIONS);
    const actions = Object.values(AUDIT_ENTITY_ACTIONS).flat();
    const unnamed = [
      ...types.filter((type) => auditEntityLabel(type, locale) === type),
      ...actions.filter((action) => auditActionLabel(action, locale) === action),
    ];
    expect(unnamed).toEqual([]);
    for (const label of [...Object.values(AUDIT_ENTITY_LABELS), ...Object.values(AUDIT_ACTION_LABELS)]) {
      expect(label[locale].trim()).not.toBe('');
    }
  });

  it('lists an action under one type only, every type of the labels with its actions', () => {
    const actions = Object.values(AUDIT_ENTITY_ACTIONS).flat();
    expect(new Set(actions).size).toBe(actions.length);
    expect(Object.keys(AUDIT_ENTITY_ACTIONS).sort()).toEqual(Object.keys(AUDIT_ENTITY_LABELS).sort());
  });

  it('reads an action and a type in both languages; an unknown code as itself', () => {
    expect(auditActionLabel('report.approve', 'zh-CN')).toBe('审核通过');
    expect(auditActionLabel('proposal.pay_out', 'en')).toBe('Paid out');
    expect(auditEntityLabel('monthly_report', 'zh-CN')).toBe('月报');
    expect(auditEntityLabel('proposal', 'en')).toBe('Proposal');
    expect(auditActionLabel('something.new', 'zh-CN')).toBe('something.new');
    expect(auditEntityLabel('toString', 'zh-CN')).toBe('toString');
  });
});

describe('an audit entry’s object, by name', () => {
  const REPORT = { communityName: '望江街社区', ventureName: '长者食堂', month: '2026-10', revision: 1 };

  it('names each type by what it logged; the after of an update, the before of a deletion', () => {
    const name = (type: string, before: unknown, after: unknown) =>
      auditObjectName(type, before, after, 'zh-CN');
    expect(name('monthly_report', null, REPORT)).toBe('望江街社区 · 长者食堂 · 2026-10');
    expect(name('monthly_report', REPORT, { ...REPORT, revision: 2 })).toBe(
      '望江街社区 · 长者食堂 · 2026-10 · 第 2 版',
    );
    expect(name('proposal', { title: '旧名' }, { title: '新名' })).toBe('新名');
    expect(name('venture', { name: '潮汐市场' }, null)).toBe('潮汐市场');
    expect(
      name('warning', null, {
        kind: 'fund_idle',
        communityName: '渡口社区',
        subjectType: 'fund',
        detail: { fundName: '慈善共富基金' },
      }),
    ).toBe('资金闲置 · 渡口社区 · 慈善共富基金');
    expect(name('user', null, { email: 'li@example.cn', displayName: '李四' })).toBe('李四');
    expect(name('ledger_entry', null, { kind: 'donation', amountFen: 500_000, memo: null })).toBe(
      '捐赠 5,000.00 元',
    );
    expect(name('kpi_target', null, { kpi: 'net_profit', year: 2026, value: 1 })).toBe('2026 年 · 净利润');
    // nothing logged to name it by: the caller shows the id
    expect(name('user', null, { membershipId: 'm', role: 'district_admin' })).toBeNull();
    expect(name('something_new', null, { name: 'x' })).toBeNull();
    expect(name('venture', null, null)).toBeNull();
  });

  it('in English', () => {
    const name = (type: string, after: unknown) => auditObjectName(type, null, after, 'en');
    expect(name('monthly_report', { ...REPORT, revision: 3 })).toBe(
      '望江街社区 · 长者食堂 · 2026-10 · revision 3',
    );
    expect(name('warning', { kind: 'fund_idle', communityName: '渡口社区' })).toBe('Fund unspent · 渡口社区');
    expect(name('ledger_entry', { kind: 'donation', amountFen: 500_000 })).toBe('Donation 5,000.00 yuan');
    expect(name('kpi_target', { kpi: 'net_profit', year: 2026 })).toBe('2026 · Net profit');
  });
});

describe('an audit entry’s actor', () => {
  it('is the person, except where the warning rules acted in a run the person started', () => {
    expect(auditActorLabel('proposal.pay_out', '丁香', 'zh-CN')).toBe('丁香');
    expect(auditActorLabel('warning.resolve', '管理员', 'zh-CN')).toBe('管理员');
    expect(auditActorLabel('warning.detect', '管理员', 'zh-CN')).toBe('预警规则（管理员 发起检查）');
    expect(auditActorLabel('warning.escalate', 'Admin', 'en')).toBe('Warning rules (check run by Admin)');
  });
});
