import type { KpiMix } from '@gongfu/contract';
import { describe, expect, it } from 'vitest';
import { i18n, loadFeatureStrings } from '../../lib/i18n';
import { fundFlow, kpiMix, kpiSeries } from '../../testing/kpi-fixtures';
import { groupSmallUses, sankeyOption, shortLabel } from './charts/fund-flow-chart';
import { splitInReview, trendChartOption } from './charts/kpi-trend-chart';
import { bucketLine, mixChartOption, shareText } from './charts/mix-chart';

await loadFeatureStrings('zh-CN');
await loadFeatureStrings('en');
const t = i18n.getFixedT('zh-CN');
const tEn = i18n.getFixedT('en');

type Line = { name: string; data: unknown[]; lineStyle?: { type?: string }; symbol?: string };

describe('trend: a month in review is drawn dashed, not as a final fall', () => {
  it('splits a line into a solid part over final months and a dashed stretch into the months in review', () => {
    const values = [1, 2, 3, 4, 5];
    const { solid, dashed } = splitInReview(values, (i) => i === 4);
    expect(solid).toEqual([1, 2, 3, 4, null]);
    // from the last final month (no symbol of its own: the solid line has it) into the month in review
    expect(dashed).toEqual([[null, null, null, { value: 4, symbol: 'none' }, 5]]);
  });

  it('never draws dashed the stretch between two final months, even between two runs in review', () => {
    // in review: 0 and 3; the stretch 1–2 joins two final months and must stay solid only
    const { solid, dashed } = splitInReview([1, 2, 3, 4, 5], (i) => i === 0 || i === 3);
    expect(solid).toEqual([null, 2, 3, null, 5]);
    expect(dashed).toHaveLength(2);
    const segments = (data: unknown[]) =>
      data.flatMap((v, i) => (i > 0 && v !== null && data[i - 1] !== null ? [[i - 1, i]] : []));
    expect(dashed.flatMap(segments)).toEqual([
      [0, 1],
      [2, 3],
      [3, 4],
    ]);
    // runs one final month apart share a dashed line
    expect(splitInReview([1, 2, 3], (i) => i !== 1).dashed).toHaveLength(1);
  });

  it('dashes the last month of a report-built KPI and says in the tooltip how many reports are approved', () => {
    const series = kpiSeries('operating_revenue');
    const pending = new Map([['2026-10', { approved: 40, expected: 78 }]]);
    const option = trendChartOption({
      series,
      label: '趋势',
      pendingMonths: pending,
      language: 'zh-CN',
      t,
      compact: false,
    });
    const lines = option.series as Line[];
    expect(lines.map((l) => l.name)).toEqual(['全区', '全区']);
    expect(lines[0]?.data.at(-1)).toBeNull();
    expect(lines[0]?.symbol).toBe('circle');
    expect(lines[1]?.lineStyle?.type).toBe('dashed');
    expect(lines[1]?.symbol).toBe('emptyCircle');
    expect(lines[1]?.data.at(-1)).toBeCloseTo(140.8918);
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    const row = (seriesName: string) => ({
      seriesName,
      dataIndex: 11,
      marker: '',
      axisValueLabel: '2026-10',
    });
    const text = formatter([row('全区'), row('全区')]);
    expect(text).toContain('审核未完：已审核通过 40/78 份月报');
    // one row per group, not one per part of its line
    expect(text.match(/全区/g)).toHaveLength(1);
    expect(formatter([{ ...row('全区'), dataIndex: 10, axisValueLabel: '2026-09' }])).not.toContain('审核');
  });

  it('draws a line whole where no month is in review, and a KPI not built from reports whole too', () => {
    const plain = (kpi: Parameters<typeof kpiSeries>[0]) =>
      trendChartOption({
        series: kpiSeries(kpi),
        label: '趋势',
        pendingMonths:
          kpi === 'operating_revenue' ? new Map() : new Map([['2026-10', { approved: 1, expected: 2 }]]),
        language: 'zh-CN',
        t,
        compact: false,
      }).series as Line[];
    expect(plain('operating_revenue')).toHaveLength(1);
    expect(plain('reporting_rate')).toHaveLength(1);
  });
});

describe('fund flow: legible labels with amounts', () => {
  const many = () => {
    const flow = fundFlow('year');
    const uses = Array.from({ length: 14 }, (_, i) => ({
      name: `use:proposal:${i}`,
      kind: 'use' as const,
      label: { 'zh-CN': `项目${i}`, en: `Use ${i}` },
    }));
    return {
      ...flow,
      nodes: [...flow.nodes.filter((n) => n.kind !== 'use'), ...uses],
      links: [
        ...flow.links.filter((l) => !l.target.startsWith('use:')),
        ...uses.map((u, i) => ({
          source: 'category:elderly_care',
          target: u.name,
          value: 1_000_000 - i * 1_001,
        })),
      ],
    };
  };

  it('groups the smallest uses of a category into one node whose links sum theirs exactly', () => {
    const flow = many();
    const { flow: shown, grouped } = groupSmallUses(flow, (count, category) => ({
      'zh-CN': `${category?.['zh-CN']}：其他 ${count} 个项目`,
      en: '',
    }));
    const uses = shown.nodes.filter((n) => n.kind === 'use');
    expect(uses).toHaveLength(11);
    expect(uses.at(-1)).toMatchObject({
      name: 'use:other:category:elderly_care',
      label: { 'zh-CN': '为老服务：其他 4 个项目' },
    });
    const into = (target: string) =>
      shown.links.filter((l) => l.target === target).reduce((s, l) => s + l.value, 0);
    expect(into('use:other:category:elderly_care')).toBe(
      [10, 11, 12, 13].reduce((s, i) => s + 1_000_000 - i * 1_001, 0),
    );
    expect(grouped.get('use:other:category:elderly_care')?.map((u) => u.name)).toEqual([
      'use:proposal:10',
      'use:proposal:11',
      'use:proposal:12',
      'use:proposal:13',
    ]);
    // a flow with few uses is left as it is
    expect(groupSmallUses(fundFlow('year'), () => ({ 'zh-CN': '', en: '' })).flow).toEqual(fundFlow('year'));
  });

  it('labels each node with its amount, one unit down a column, the name cut so the amount stays whole', () => {
    const option = sankeyOption(fundFlow('year'), '资金流向', 'zh-CN', t);
    const [series] = option.series as Array<{
      label: { formatter: (p: { name: string }) => string };
      nodeGap: number;
    }>;
    const label = (name: string) => series?.label.formatter({ name }) ?? '';
    expect(label('fund:governance_special')).toBe('{name|社区治理专项资金} {amount|流入 24.00 万元}');
    expect(label('category:unlinked')).toBe('{name|未关联议事项目} {amount|0.30 万元}');
    expect(label('source:donation')).toBe('{name|捐赠} {amount|2.00 万元}');
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tooltip({ dataType: 'node', data: { name: 'fund:governance_special' } })).toBe(
      '社区治理专项资金<br/>流入 24.00 万元<br/>支出 14.00 万元',
    );
    expect(shortLabel('江南社区电动车充电棚建设（江南社区）', 120)).toBe('江南社区电动车充电…');
    expect(shortLabel('捐赠', 120)).toBe('捐赠');
  });

  it('lists the grouped uses with their amounts in the tooltip of their node, in English too', () => {
    const option = sankeyOption(many(), 'Fund flow', 'en', tEn);
    const [series] = option.series as Array<{
      data: { name: string }[];
      label: { formatter: (p: { name: string }) => string };
    }>;
    const other = 'use:other:category:elderly_care';
    expect(series?.data.map((d) => d.name)).toContain(other);
    expect(series?.label.formatter({ name: other })).toMatch(
      /^\{name\|Elderly care: 4 other uses\} \{amount\|[\d,.]+ yuan\}$/,
    );
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tooltip({ dataType: 'node', data: { name: other } })).toContain('Use 13: 9,869.87 yuan');
  });
});

describe('operating mix: each slice with its amount and share', () => {
  const bucket = (numerator: number, denominator: number): KpiMix['operatingModels'][number] =>
    ({
      ...kpiMix().operatingModels[0],
      revenueFen: numerator,
      revenueShare: { value: numerator / denominator, numerator, denominator },
    }) as KpiMix['operatingModels'][number];

  it('rounds a share once from the integer fen', () => {
    // 1/3 and 2/3 of 3 fen; 0.05 % exactly half rounds away from zero
    expect(shareText(bucket(1, 3).revenueShare)).toBe('33.3%');
    expect(shareText(bucket(2, 3).revenueShare)).toBe('66.7%');
    expect(shareText(bucket(5, 10_000).revenueShare)).toBe('0.1%');
    expect(shareText({ value: null, numerator: 0, denominator: 0 })).toBeNull();
  });

  it('names amount and share in the legend under the ring, in both languages', () => {
    const mix = kpiMix();
    const option = mixChartOption(mix.operatingModels, 'revenue', '经营模式', 'zh-CN', t);
    const legend = option.legend as { formatter: (name: string) => string; top: number; orient: string };
    expect(legend.formatter('集体自营')).toBe('集体自营  101.41 万元 · 72.0%');
    expect(legend.orient).toBe('vertical');
    // below the ring, on a desk as on a phone
    const [pie] = option.series as Array<{ center: [string, number]; radius: [number, number] }>;
    expect(legend.top).toBeGreaterThan((pie?.center[1] ?? 0) + (pie?.radius[1] ?? 0));
    const tiers = mix.priceTiers;
    expect(bucketLine(tiers[2] as (typeof tiers)[number], 'transactions', 'en', tEn)).toBe(
      'Public welfare (free)  12,000 transactions · 21.4%',
    );
  });
});
