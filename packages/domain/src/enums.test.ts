import { describe, expect, it } from 'vitest';
import {
  ENUM_LABELS,
  isOperatingModel,
  isPriceTier,
  isPublicWelfareTier,
  labelOf,
  OPERATING_MODELS,
  PARTNER_KINDS,
  PRICE_TIERS,
  VENTURE_CATEGORIES,
  WARNING_KINDS,
  WARNING_SEVERITIES,
} from './enums';

describe('enums', () => {
  it('holds the vocabularies of the brief', () => {
    expect(OPERATING_MODELS).toEqual([
      'site_equity_professional_operation',
      'collective_self_operated',
      'soe_entrusted',
      'association_cobuilt',
      'asset_lease',
    ]);
    expect(PRICE_TIERS).toEqual(['public_welfare', 'low_price', 'market']);
    expect(PARTNER_KINDS).toEqual([
      'soe',
      'incubator',
      'enterprise',
      'association',
      'social_org',
      'government_dept',
    ]);
    expect(VENTURE_CATEGORIES).toEqual(
      expect.arrayContaining([
        'tidal_market',
        'service_station',
        'elderly_canteen',
        'reading_room',
        'childcare',
        'help_desk',
        'micro_innovation_park',
        'other',
      ]),
    );
    expect(WARNING_KINDS).toHaveLength(6);
    expect(WARNING_SEVERITIES).toEqual(['red', 'amber']);
  });

  it.each(Object.entries(ENUM_LABELS))(
    '%s: every value is snake_case with a Chinese and an English label',
    (_, labels) => {
      const entries = Object.entries(labels);
      expect(entries.length).toBeGreaterThan(0);
      for (const [value, label] of entries) {
        expect(value).toMatch(/^[a-z]+(_[a-z]+)*$/);
        expect(label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(label.en).toMatch(/^[A-Z]/);
      }
      // labels are distinct within an enum, so a person can tell values apart
      expect(new Set(entries.map(([, l]) => l['zh-CN'])).size).toBe(entries.length);
      expect(new Set(entries.map(([, l]) => l.en)).size).toBe(entries.length);
    },
  );

  it('guards and labels values', () => {
    expect(isOperatingModel('asset_lease')).toBe(true);
    expect(isOperatingModel('toString')).toBe(false);
    expect(isPriceTier('free')).toBe(false);
    expect(labelOf(ENUM_LABELS.operating_model, 'site_equity_professional_operation', 'zh-CN')).toBe(
      '场地入股 + 专业运营',
    );
    expect(isPublicWelfareTier('low_price')).toBe(true);
    expect(isPublicWelfareTier('market')).toBe(false);
  });
});
