import type { FundFlow } from '@gongfu/contract';
import { Grid } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { formatKpiText, localized } from '../format';

const DEPTH: Record<FundFlow['nodes'][number]['kind'], number> = { source: 0, fund: 1, category: 2, use: 3 };

/** Sources → funds → use categories → uses as a Sankey: amounts in 元 / 万元, a hovered node lights up its neighbours. */
export function FundFlowChart({ flow, label }: { flow: FundFlow; label: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  // on a phone three columns share ~310 px: labels get the width between columns, in a smaller font
  const compact = Grid.useBreakpoint().md === false;
  const option = useMemo<EChartsOption>(() => {
    const labels = new Map(flow.nodes.map((node) => [node.name, localized(node.label, language)]));
    // on a phone a label has ~84 px: where a column's labels all start alike ("经营利润·…", "Operating profit · …")
    // the column shows what differs, and the tooltip keeps the whole name
    const shown = compact ? shortLabels(flow.nodes, labels) : labels;
    const money = (fen: number) => formatKpiText('fen', fen, language, t);
    return {
      title: { show: false, text: label },
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const { dataType, data } = params as {
            dataType: 'node' | 'edge';
            data: { name?: string; source?: string; target?: string; value?: number };
          };
          if (dataType === 'edge') {
            return `${labels.get(data.source ?? '') ?? ''} → ${labels.get(data.target ?? '') ?? ''}<br/>${money(data.value ?? 0)}`;
          }
          const name = data.name ?? '';
          return `${labels.get(name) ?? name}<br/>${money((params as { value?: number }).value ?? 0)}`;
        },
      },
      series: [
        {
          type: 'sankey',
          name: label,
          left: 8,
          right: compact ? 92 : 200,
          top: 8,
          bottom: 8,
          // each kind keeps its column: a fund nothing was spent from stays a fund, not an end point
          nodeAlign: 'left',
          // room for a label beside even the thinnest node
          nodeGap: 14,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
          label: {
            formatter: (params: { name: string }) => shown.get(params.name) ?? params.name,
            width: compact ? 84 : 190,
            overflow: 'truncate',
            fontSize: compact ? 10 : 12,
          },
          // many small uses crowd the last column: a label that would overlap another is left to the tooltip
          labelLayout: { hideOverlap: true },
          data: flow.nodes.map((node) => ({
            name: node.name,
            depth: DEPTH[node.kind],
            // funds and uses are few and tall: on a phone their names wrap instead of losing their ends
            ...(compact && node.kind !== 'source' ? { label: { overflow: 'break' as const } } : {}),
          })),
          links: flow.links.map((link) => ({ ...link })),
        },
      ],
    };
  }, [flow, label, language, t, compact]);
  // tall enough for the fullest column's labels, one line each
  const fullest = Math.max(
    0,
    ...Object.keys(DEPTH).map((kind) => flow.nodes.filter((n) => n.kind === kind).length),
  );
  return <EChart option={option} label={label} height={Math.max(320, fullest * 34 + 40)} />;
}

const SEPARATOR = /\s*·\s*/;

/** Each column's labels without the part before "·" when every label of the column has the same such part. */
export function shortLabels(
  nodes: FundFlow['nodes'],
  labels: ReadonlyMap<string, string>,
): Map<string, string> {
  const result = new Map(labels);
  for (const kind of Object.keys(DEPTH) as Array<keyof typeof DEPTH>) {
    const column = nodes.filter((n) => n.kind === kind);
    const parts = column.map((n) => (labels.get(n.name) ?? '').split(SEPARATOR));
    const head = parts[0]?.[0];
    if (column.length < 2 || !parts.every((p) => p.length > 1 && p[0] === head)) continue;
    column.forEach((n, i) => {
      result.set(n.name, parts[i]?.slice(1).join(' · ') ?? n.name);
    });
  }
  return result;
}
