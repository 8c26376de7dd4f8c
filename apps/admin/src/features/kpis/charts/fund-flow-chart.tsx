import type { FundFlow } from '@gongfu/contract';
import { Flex, Grid, Typography } from 'antd';
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { fenScaleOf, formatKpiText, localized } from '../format';

const DEPTH: Record<FundFlow['nodes'][number]['kind'], number> = { source: 0, fund: 1, category: 2, use: 3 };

/** One column of the flow (its sources, its funds, …): each node's money in and out, largest first. */
export interface FlowColumn {
  kind: FundFlow['nodes'][number]['kind'];
  nodes: { name: string; label: string; inFen: number; outFen: number }[];
}

/**
 * The flow's columns, each node with the money that reached it and left it (the Sankey draws a node as tall as the
 * larger): sources only send, uses only receive, a fund does both. Empty columns are left out.
 */
export function flowColumns(flow: FundFlow, language: string): FlowColumn[] {
  const inFen = new Map<string, number>();
  const outFen = new Map<string, number>();
  for (const link of flow.links) {
    outFen.set(link.source, (outFen.get(link.source) ?? 0) + link.value);
    inFen.set(link.target, (inFen.get(link.target) ?? 0) + link.value);
  }
  const size = (n: { inFen: number; outFen: number }) => Math.max(n.inFen, n.outFen);
  return (Object.keys(DEPTH) as Array<keyof typeof DEPTH>)
    .map((kind) => ({
      kind,
      nodes: flow.nodes
        .filter((node) => node.kind === kind)
        .map((node) => ({
          name: node.name,
          label: localized(node.label, language),
          inFen: inFen.get(node.name) ?? 0,
          outFen: outFen.get(node.name) ?? 0,
        }))
        .filter((node) => size(node) > 0)
        .sort((a, b) => size(b) - size(a)),
    }))
    .filter((column) => column.nodes.length > 0);
}

/**
 * Sources → funds → use categories → uses: a Sankey, amounts in 元 / 万元, a hovered node lighting up its
 * neighbours. On a phone four columns share ~310 px and their names overlap the next column's: there the same
 * flow is a list, column by column.
 */
export function FundFlowChart({ flow, label }: { flow: FundFlow; label: string }) {
  const phone = Grid.useBreakpoint().md === false;
  return phone ? <FundFlowList flow={flow} label={label} /> : <FundFlowSankey flow={flow} label={label} />;
}

/** The flow on a phone: under each column's name its nodes, the name wrapping, the amount beside it. */
function FundFlowList({ flow, label }: { flow: FundFlow; label: string }) {
  const { t, i18n } = useTranslation();
  return (
    <ul
      aria-label={label}
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      {flowColumns(flow, i18n.language).map((column) => {
        // one unit down a column, so that its amounts compare at a glance (3.60 万元 over 6,000.00 元 did not)
        const scale = fenScaleOf(column.nodes.flatMap((node) => [node.inFen, node.outFen]));
        const money = (fen: number) => formatKpiText('fen', fen, i18n.language, t, scale);
        return (
          <li key={column.kind}>
            <Typography.Text strong>{t(`kpi.funds.column.${column.kind}`)}</Typography.Text>
            <dl
              style={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, 1fr) auto',
                gap: '4px 12px',
                margin: '4px 0 0',
                overflowWrap: 'anywhere',
              }}
            >
              {column.nodes.map((node) => (
                <Fragment key={node.name}>
                  <dt style={{ margin: 0 }}>{node.label}</dt>
                  <dd style={{ margin: 0, textAlign: 'end', whiteSpace: 'nowrap' }}>
                    {column.kind === 'fund' ? (
                      // a fund both receives and pays: either alone would read as its balance
                      <Flex vertical>
                        <span>{t('kpi.funds.received', { amount: money(node.inFen) })}</span>
                        <Typography.Text type="secondary">
                          {t('kpi.funds.paid', { amount: money(node.outFen) })}
                        </Typography.Text>
                      </Flex>
                    ) : (
                      money(Math.max(node.inFen, node.outFen))
                    )}
                  </dd>
                </Fragment>
              ))}
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

/** The Sankey, from a tablet's width up. */
function FundFlowSankey({ flow, label }: { flow: FundFlow; label: string }) {
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
          // each kind keeps its column: a fund nothing was spent from stays a fund, not an end point
          nodeAlign: 'left',
          // room for a label beside even the thinnest node
          nodeGap: 14,
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
          label: {
            formatter: (params: { name: string }) => labels.get(params.name) ?? params.name,
            width: 190,
            overflow: 'truncate',
            fontSize: 12,
          },
          // many small uses crowd the last column: a label that would overlap another is left to the tooltip
          labelLayout: { hideOverlap: true },
          data: flow.nodes.map((node) => ({
            name: node.name,
            depth: DEPTH[node.kind],
            // the last column's names (a proposal's title) wrap in the margin instead of losing their ends
            ...(node.kind === 'use' ? { label: { overflow: 'break' as const } } : {}),
          })),
          links: flow.links.map((link) => ({ ...link })),
        },
      ],
    };
  }, [flow, label, language, t]);
  // tall enough for the fullest column's labels, one line each
  const fullest = Math.max(
    0,
    ...Object.keys(DEPTH).map((kind) => flow.nodes.filter((n) => n.kind === kind).length),
  );
  return <EChart option={option} label={label} height={Math.max(320, fullest * 34 + 40)} />;
}
