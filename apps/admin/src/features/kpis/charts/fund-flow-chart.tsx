import type { FundFlow } from '@gongfu/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { formatKpiText, localized } from '../format';

/** Sources → funds → uses as a Sankey: amounts in 元 / 万元, a hovered node lights up its neighbours. */
export function FundFlowChart({ flow, label }: { flow: FundFlow; label: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const option = useMemo<EChartsOption>(() => {
    const labels = new Map(flow.nodes.map((node) => [node.name, localized(node.label, language)]));
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
          right: 200,
          top: 8,
          bottom: 8,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
          label: {
            formatter: (params: { name: string }) => labels.get(params.name) ?? params.name,
            width: 190,
            overflow: 'truncate',
          },
          data: flow.nodes.map((node) => ({ name: node.name })),
          links: flow.links.map((link) => ({ ...link })),
        },
      ],
    };
  }, [flow, label, language, t]);
  return <EChart option={option} label={label} height={Math.max(320, flow.nodes.length * 22)} />;
}
