import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import { changesOf } from './changes';
import { auditText } from './labels';
import { objectName } from './object-name';

const zh = () => auditText(i18n, 'zh-CN');
const en = () => auditText(i18n, 'en');

/** The rows as "label: before → after" lines, the way a reader scans them. */
function lines(rows: ReturnType<typeof changesOf>): string[] {
  return rows.map((r) => `${r.label}: ${r.before ?? '—'} → ${r.after ?? '—'}`);
}

const REPORT = {
  id: '3f2a91c0-0000-4000-8000-000000000001',
  districtId: 'd',
  communityId: 'c',
  communityName: '望江街社区',
  streetOfficeId: 's',
  ventureId: 'v',
  ventureName: '长者食堂',
  month: '2026-10',
  revision: 1,
  status: 'draft',
  revenueFen: 3_600_000,
  operatingCostFen: 2_100_000,
  returnedFields: [],
  submittedAt: null,
  submittedBy: null,
  version: 3,
};

describe('an audit entry’s changes, in words', () => {
  it('a payout: the proposal’s status by its own labels, amounts in 元, the payout and the fund’s balance after it', () => {
    const rows = changesOf(
      'proposal',
      {
        title: '长者食堂（一期）用房改造',
        status: 'disclosed',
        amountFen: 2_000_000,
        paidFen: 0,
        remainingFen: 2_000_000,
        availableActions: ['pay_out', 'close'],
        version: 4,
      },
      {
        title: '长者食堂（一期）用房改造',
        status: 'paid_out',
        amountFen: 2_000_000,
        paidFen: 500_000,
        remainingFen: 1_500_000,
        availableActions: ['pay_out', 'close'],
        version: 5,
        payout: {
          entryId: '99999999-0000-4000-8000-000000000001',
          amountFen: 500_000,
          fundBalanceFen: 7_300_000,
        },
      },
      zh(),
    );
    expect(lines(rows)).toEqual([
      '状态: 公示期满 → 已拨付',
      '已拨付金额: 0.00 元 → 5,000.00 元',
      '可拨付余额: 20,000.00 元 → 15,000.00 元',
      '本次拨付: — → 5,000.00 元（拨付后资金余额 73,000.00 元）',
    ]);
  });

  it('a report’s submission: its figures by the form’s names, the step’s own bookkeeping and ids left out', () => {
    const rows = changesOf(
      'monthly_report',
      REPORT,
      {
        ...REPORT,
        status: 'submitted',
        revenueFen: 3_650_000,
        returnedFields: ['revenueFen', 'stableJobs'],
        submittedAt: '2026-11-05T02:00:00.000Z',
        submittedBy: 'u',
        version: 4,
      },
      zh(),
    );
    expect(lines(rows)).toEqual([
      '状态: 草稿 → 已报送',
      '营业收入: 36,000.00 元 → 36,500.00 元',
      '审核人要求核对的项目: — → 营业收入、稳定就业岗位',
    ]);
    // a creation lists every field, still without ids named by a name beside them
    const created = changesOf('monthly_report', null, REPORT, zh()).map((r) => r.field);
    expect(created).toEqual([
      'communityName',
      'ventureName',
      'month',
      'revision',
      'status',
      'revenueFen',
      'operatingCostFen',
    ]);
  });

  it('`status` and `kind` by the type of object; shares as percent; yes and no; a code without words as itself', () => {
    const status = (type: string, was: string, now: string) =>
      lines(changesOf(type, { status: was }, { status: now }, zh()));
    expect(status('monthly_report', 'submitted', 'approved')).toEqual(['状态: 已报送 → 已审核']);
    expect(status('proposal', 'deliberation', 'approved')).toEqual(['状态: 议事中 → 议事通过']);
    expect(status('venture', 'planned', 'operating')).toEqual(['状态: 筹备中 → 运营中']);
    expect(status('asset', 'idle', 'leased')).toEqual(['状态: 闲置 → 出租']);
    expect(status('pledge', 'open', 'fulfilled')).toEqual(['状态: 履约中 → 已履约']);
    expect(status('user', 'active', 'disabled')).toEqual(['状态: 在用 → 已停用']);
    expect(status('warning', 'open', 'resolved')).toEqual(['状态: 待处理 → 已处理']);
    expect(status('proposal', 'disclosed', 'someday_status')).toEqual(['状态: 公示期满 → someday_status']);

    expect(
      lines(
        changesOf(
          'operator_agreement',
          {
            partnerName: '区城投',
            partnerId: 'p1',
            terms: 'fixed_fee',
            operatorShareBp: 3000,
            feeFen: 100_000,
          },
          {
            partnerName: '区城投',
            partnerId: 'p1',
            terms: 'fee_and_split',
            operatorShareBp: 3333,
            feeFen: 100_000,
          },
          zh(),
        ),
      ),
    ).toEqual(['合作方式: 固定费用 → 固定费用 + 利润分成', '运营方分成比例: 30% → 33.33%']);

    expect(
      lines(
        changesOf(
          'fund',
          null,
          { kind: 'governance_special', name: '社区治理专项资金', isPublic: true, brandNewField: 7 },
          zh(),
        ),
      ),
    ).toEqual([
      '资金类别: — → 社区治理专项资金',
      '资金名称: — → 社区治理专项资金',
      '向居民公示: — → 是',
      'brandNewField: — → 7',
    ]);
  });

  it('nested objects and lists summed up: a deliberation, roles, shareholdings, thresholds one line each', () => {
    expect(
      lines(
        changesOf(
          'proposal',
          { deliberation: null, objections: [] },
          {
            deliberation: {
              meetingOn: '2026-06-01',
              eligibleVoters: 60,
              attendance: 45,
              quorum: 31,
              votesFor: 40,
              votesAgainst: 3,
              votesAbstain: 2,
              minutes: null,
              minutesFileName: null,
            },
            objections: [{ id: 'o1', status: 'pending' }],
          },
          zh(),
        ),
      ),
    ).toEqual([
      '议事结果: — → 2026-06-01 议事：赞成 40、反对 3、弃权 2（实到 45 人，法定人数 31 人）',
      '异议: — → 1 项',
    ]);

    // a role's community is what the role may do: it stays (the membership's own id does not)
    expect(
      lines(
        changesOf(
          'user',
          { membershipId: 'm1', role: 'community_reporter', communityId: 'c1', partnerId: null },
          { membershipId: 'm1', role: 'community_admin', communityId: 'c2', partnerId: null },
          zh(),
        ),
      ),
    ).toEqual(['角色: 社区填报员 → 社区管理员', '社区: c1 → c2']);
    expect(
      lines(
        changesOf(
          'user',
          { memberships: [{ role: 'district_viewer' }] },
          { memberships: [{ role: 'district_viewer' }, { role: 'district_admin' }] },
          zh(),
        ),
      ),
    ).toEqual(['角色: 区级查看员 → 区级查看员、区级管理员']);
    // as the API logs a role now: whose it is, and its community by name (the id left out beside the name)
    expect(
      lines(
        changesOf(
          'user',
          null,
          {
            membershipId: 'm2',
            displayName: '张三',
            role: 'community_admin',
            communityId: 'c2',
            communityName: '渡口社区',
            partnerId: null,
            partnerName: null,
          },
          zh(),
        ),
      ),
    ).toEqual(['姓名: — → 张三', '角色: — → 社区管理员', '社区: — → 渡口社区']);
    expect(
      lines(
        changesOf(
          'user',
          { memberships: [{ role: 'district_viewer', communityName: null }] },
          {
            memberships: [
              { role: 'district_viewer', communityName: null },
              { role: 'community_admin', communityName: '渡口社区' },
            ],
          },
          zh(),
        ),
      ),
    ).toEqual(['角色: 区级查看员 → 区级查看员、社区管理员（渡口社区）']);

    expect(
      lines(
        changesOf(
          'company',
          {
            companyId: 'co',
            totalBp: 10_000,
            items: [{ holderKind: 'community', holderName: '金汇社区', shareBp: 10_000 }],
          },
          {
            companyId: 'co',
            totalBp: 10_000,
            items: [
              { holderKind: 'community', holderName: '金汇社区', shareBp: 6_000 },
              { holderKind: 'partner', holderName: '区城投', shareBp: 4_000 },
            ],
          },
          zh(),
        ),
      ),
    ).toEqual(['股权结构: 金汇社区 100% → 金汇社区 60%、区城投 40%']);

    const thresholds = { revenueDropBp: 3000, revenueDropRedBp: 5000, fundIdleMonths: 6 };
    const settings = changesOf(
      'district',
      { reportDueDay: 10, warningThresholds: thresholds },
      { reportDueDay: 15, warningThresholds: { ...thresholds, revenueDropBp: 2500, fundIdleMonths: 9 } },
      zh(),
    );
    expect(lines(settings)).toEqual([
      '月报截止日: 10 → 15',
      '营收环比下降黄色预警比例: 30% → 25%',
      '资金闲置黄色预警月数: 6 → 9',
    ]);
    expect(settings.map((r) => r.field)).toContain('warningThresholds.revenueDropBp');

    expect(
      lines(
        changesOf(
          'warning',
          null,
          {
            kind: 'fund_idle',
            severity: 'red',
            detail: { fundName: '慈善共富基金', idleMonths: 14, fundId: 'f' },
          },
          zh(),
        ),
      ),
    ).toEqual([
      '预警规则: — → 资金闲置',
      '预警等级: — → 红色预警',
      '预警依据: — → 资金账户：慈善共富基金；闲置月数：14',
    ]);
  });

  it('an empty record reads as nothing, and a figure flagged twice is named once', () => {
    expect(
      lines(
        changesOf(
          'monthly_report',
          { explanations: {}, flags: [] },
          {
            explanations: { operatingCostFen: '场地由社区无偿提供' },
            flags: [
              { field: 'operatingCostFen', rule: 'outlier' },
              { field: 'operatingCostFen', rule: 'cost_missing' },
            ],
          },
          zh(),
        ),
      ),
    ).toEqual(['情况说明: — → 运营成本：场地由社区无偿提供', '需说明的数据: — → 运营成本']);
  });

  it('a proposal’s fund by the name logged beside its id; an entry logged before the name keeps the id', () => {
    const before = { title: '楼道照明', fundId: 'f1', fundName: '社区微更新基金', amountFen: 50_000 };
    const after = { title: '楼道照明', fundId: 'f2', fundName: '邻里互助基金', amountFen: 50_000 };
    expect(lines(changesOf('proposal', before, after, zh()))).toEqual([
      '资金来源: 社区微更新基金 → 邻里互助基金',
    ]);
    expect(lines(changesOf('proposal', before, after, en()))).toEqual([
      'Paid from: 社区微更新基金 → 邻里互助基金',
    ]);
    expect(lines(changesOf('proposal', null, before, zh()))).toEqual([
      '项目名称: — → 楼道照明',
      '资金来源: — → 社区微更新基金',
      '申请金额: — → 500.00 元',
    ]);
    // a step on the same fund: its name is on both sides, so no line
    expect(lines(changesOf('proposal', before, { ...before, status: 'approved' }, zh()))).toEqual([
      '状态: — → 议事通过',
    ]);
    expect(lines(changesOf('proposal', { fundId: 'f1' }, { fundId: 'f2' }, zh()))).toEqual([
      '资金来源: f1 → f2',
    ]);
  });

  it('in English', () => {
    const rows = changesOf(
      'proposal',
      { status: 'disclosed', paidFen: 0, operatorShareBp: 1250 },
      { status: 'paid_out', paidFen: 2_000_000, operatorShareBp: 1250, isPublic: false },
      en(),
    );
    expect(lines(rows)).toEqual([
      'Status: Disclosure passed → Paid out',
      'Amount paid out: 0.00 yuan → 20,000.00 yuan',
      'Public on the board: — → No',
    ]);
    expect(objectName('monthly_report', null, { ...REPORT, revision: 2 }, en())).toBe(
      '望江街社区 · 长者食堂 · 2026-10 · revision 2',
    );
  });
});

describe('an audit entry’s object, by name', () => {
  it('names each type by what it logged; the after of an update, the before of a deletion', () => {
    const name = (type: string, before: unknown, after: unknown) => objectName(type, before, after, zh());
    expect(name('monthly_report', null, REPORT)).toBe('望江街社区 · 长者食堂 · 2026-10');
    expect(name('monthly_report', REPORT, { ...REPORT, revision: 2 })).toBe(
      '望江街社区 · 长者食堂 · 2026-10 · 第 2 版',
    );
    expect(name('proposal', { title: '旧名' }, { title: '长者食堂（一期）用房改造' })).toBe(
      '长者食堂（一期）用房改造',
    );
    expect(name('company', { legalName: '金汇社区股份经济合作社' }, null)).toBe('金汇社区股份经济合作社');
    expect(name('venture', null, { name: '潮汐市场' })).toBe('潮汐市场');
    expect(name('warning', null, { kind: 'fund_idle', communityName: '渡口社区' })).toBe(
      '资金闲置 · 渡口社区',
    );
    // with its subject: a community may have two funds idle
    expect(
      name('warning', null, {
        kind: 'fund_idle',
        communityName: '渡口社区',
        subjectType: 'fund',
        detail: { fundName: '慈善共富基金', idleMonths: 14 },
      }),
    ).toBe('资金闲置 · 渡口社区 · 慈善共富基金');
    expect(name('user', null, { email: 'li@example.cn', displayName: '李四' })).toBe('李四');
    expect(name('user', null, { email: 'li@example.cn' })).toBe('li@example.cn');
    expect(name('operator_agreement', null, { partnerName: '区城投', ventureName: '停车管理' })).toBe(
      '区城投 · 停车管理',
    );
    expect(name('pledge', null, { partnerName: '区城投', description: '捐建口袋公园' })).toBe('区城投');
    expect(name('ledger_entry', null, { kind: 'donation', amountFen: 500_000, memo: '某企业捐赠' })).toBe(
      '某企业捐赠',
    );
    expect(name('ledger_entry', null, { kind: 'donation', amountFen: 500_000, memo: null })).toBe(
      '捐赠 5,000.00 元',
    );
    // nothing logged to name it by: the caller shows the id
    expect(name('user', null, { membershipId: 'm', role: 'district_admin' })).toBeNull();
    expect(name('company', null, { companyId: 'co', items: [] })).toBeNull();
    expect(name('something_new', null, { name: 'x' })).toBeNull();
  });
});

describe('a report attachment in the audit log', () => {
  const after = {
    communityName: '望江街社区',
    ventureName: '长者食堂',
    month: '2026-10',
    revision: 1,
    attachment: {
      kind: 'image',
      sha256: '6b7f0c5e9a1d4f3b2c8e7a6d5f4e3b2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f',
      byteSize: 70,
      fileName: '发票.jpg',
    },
  };

  it('reads as the file’s name and size, not as JSON (its hash and kind are for machines)', () => {
    const zhLines = lines(changesOf('monthly_report', null, after, zh()));
    expect(zhLines).toContain('附件: — → 发票.jpg（70 B）');
    expect(lines(changesOf('monthly_report', null, after, en()))).toContain(
      'Attachment: — → 发票.jpg (70 B)',
    );
    expect(zhLines.join('\n')).not.toMatch(/sha256|\{"/);
  });

  it('gives a size past 1 KB in KB or MB with one decimal', () => {
    const sized = (byteSize: number) =>
      lines(changesOf('monthly_report', null, { attachment: { ...after.attachment, byteSize } }, en())).find(
        (l) => l.startsWith('Attachment'),
      );
    expect(sized(1_536)).toBe('Attachment: — → 发票.jpg (1.5 KB)');
    expect(sized(3 * 1024 * 1024)).toBe('Attachment: — → 发票.jpg (3.0 MB)');
  });
});
