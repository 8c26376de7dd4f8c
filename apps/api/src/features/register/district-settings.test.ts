/**
 * The district settings' warning thresholds (issue 11): read by the district's roles, changed by its admin with the
 * settings' version, validated by field in both languages, audited, and never another district's.
 */
import { DEMO_IDS } from '@gongfu/db';
import { WARNING_THRESHOLDS } from '@gongfu/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { helpers } from './test-helpers';

let t: TestApp;
const { get, patch, auditActions } = helpers(() => t);

const ADMIN = 'admin@dongqu.demo';
const XIQU_ADMIN = 'admin@xiqu.demo';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('warning thresholds in the district settings', () => {
  it('start at the domain’s defaults in every district (nothing changes by the migration)', async () => {
    for (const as of [ADMIN, 'viewer@dongqu.demo', 'jinhui@dongqu.demo', XIQU_ADMIN]) {
      const res = await get('/district/settings', as);
      expect(res.status, as).toBe(200);
      expect(res.body.warningThresholds).toEqual(WARNING_THRESHOLDS);
    }
    for (const as of ['reporter@jinhui.demo', 'soe@dongqu.demo', 'platform@gongfu.demo']) {
      expect((await get('/district/settings', as)).status, as).toBe(403);
    }
  });

  it('a district admin changes some thresholds with the version; the rest stay; audited before and after', async () => {
    const before = (await get('/district/settings', ADMIN)).body;
    const res = await patch('/district/settings', ADMIN, {
      version: before.version,
      warningThresholds: { revenueDropBp: 2000, fundIdleMonths: 6 },
    });
    expect(res.status).toBe(200);
    expect(res.body.warningThresholds).toEqual({
      ...WARNING_THRESHOLDS,
      revenueDropBp: 2000,
      fundIdleMonths: 6,
    });
    expect(res.body.version).toBe(before.version + 1);
    expect(res.body.reportDueDay).toBe(before.reportDueDay);
    expect(await auditActions(DEMO_IDS.dongqu)).toContain('district.settings.update');

    const stale = await patch('/district/settings', ADMIN, {
      version: before.version,
      warningThresholds: { revenueDropBp: 1000 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    // the other district keeps its own
    expect((await get('/district/settings', XIQU_ADMIN)).body.warningThresholds).toEqual(WARNING_THRESHOLDS);
  });

  it('a red step milder than amber is a 400 naming the field, in Chinese and English; nothing changes', async () => {
    const before = (await get('/district/settings', ADMIN)).body;
    // the amber step raised above the red step kept
    const zh = await patch('/district/settings', ADMIN, {
      version: before.version,
      warningThresholds: { revenueDropBp: 6000 },
    });
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual({
      'warningThresholds.revenueDropRedBp': '红色预警的阈值不能比黄色预警更宽松',
    });
    const en = await patch(
      '/district/settings',
      ADMIN,
      {
        version: before.version,
        warningThresholds: { agreementExpiringDays: 90, agreementExpiringRedDays: 120 },
      },
      { 'Accept-Language': 'en' },
    );
    expect(en.status).toBe(400);
    expect(en.body.error.fields['warningThresholds.agreementExpiringRedDays']).toMatch(
      /milder than the amber/,
    );
    // bounds and types by the schema, each field named
    const bounds = await patch('/district/settings', ADMIN, {
      version: before.version,
      warningThresholds: { reportOverdueRedDays: 0, remittanceRedBp: 10_001, fundIdleMonths: 1.5 },
    });
    expect(bounds.status).toBe(400);
    expect(Object.keys(bounds.body.error.fields).sort()).toEqual([
      'warningThresholds.fundIdleMonths',
      'warningThresholds.remittanceRedBp',
      'warningThresholds.reportOverdueRedDays',
    ]);
    const unknown = await patch('/district/settings', ADMIN, {
      version: before.version,
      warningThresholds: { revenueFallPercent: 20 },
    });
    expect(unknown.status).toBe(400);
    expect((await get('/district/settings', ADMIN)).body).toEqual(before);
  });

  it('viewers, community roles, partners and the platform may not change them (403); another district’s admin changes only its own', async () => {
    const before = (await get('/district/settings', ADMIN)).body;
    for (const as of [
      'viewer@dongqu.demo',
      'jinhui@dongqu.demo',
      'reporter@jinhui.demo',
      'soe@dongqu.demo',
      'platform@gongfu.demo',
    ]) {
      const res = await patch('/district/settings', as, {
        version: before.version,
        warningThresholds: { pledgeOverdueRedDays: 7 },
      });
      expect(res.status, as).toBe(403);
    }
    const xiqu = (await get('/district/settings', XIQU_ADMIN)).body;
    const own = await patch('/district/settings', XIQU_ADMIN, {
      version: xiqu.version,
      warningThresholds: { pledgeOverdueRedDays: 7 },
    });
    expect(own.status).toBe(200);
    expect(own.body.districtId).toBe(DEMO_IDS.xiqu);
    expect((await get('/district/settings', ADMIN)).body).toEqual(before);
  });
});
