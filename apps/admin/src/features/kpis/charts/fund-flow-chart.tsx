import type { FundFlow } from '@gongfu/contract';
import { Flex, Grid, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/echart';
import type { EChartsOption } from '../../../lib/echarts';
import { type FenScale, fenScaleOf, formatKpiText, localized } from '../format';

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

/** At most this many uses keep a node of their own; the smaller rest are grouped by use category. */
export const SHOWN_USES = 10;

/**
 * The flow with its smallest uses grouped: the `SHOWN_USES` largest keep their node; the rest of each use category,
 * where there are two or more, become one node `use:other:<category>` ("其他 N 个项目"), its links the exact sums of
 * theirs. `grouped` names each such node's uses, largest first, for its tooltip. A flow with few uses is unchanged.
 */
export function groupSmallUses(
  flow: FundFlow,
  otherLabel: (
    count: number,
    category: FundFlow['nodes'][number]['label'] | undefined,
  ) => FundFlow['nodes'][number]['label'],
  shown = SHOWN_USES,
): { flow: FundFlow; grouped: Map<string, { name: string; fen: number }[]> } {
  const grouped = new Map<string, { name: string; fen: number }[]>();
  const into = new Map<string, number>();
  const parent = new Map<string, { source: string; value: number }>();
  const kinds = new Map(flow.nodes.map((n) => [n.name, n.kind]));
  for (const link of flow.links) {
    if (kinds.get(link.target) !== 'use') continue;
    into.set(link.target, (into.get(link.target) ?? 0) + link.value);
    const best = parent.get(link.target);
    if (!best || link.value > best.value) parent.set(link.target, { source: link.source, value: link.value });
  }
  const uses = [...into.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rest = new Map<string, string[]>();
  for (const [name] of uses.slice(shown)) {
    const category = parent.get(name)?.source ?? '';
    rest.set(category, [...(rest.get(category) ?? []), name]);
  }
  const merged = new Map<string, string>();
  for (const [category, names] of rest) {
    if (names.length < 2) continue; // one use is as short as "其他 1 个项目"
    for (const name of names) merged.set(name, `use:other:${category}`);
  }
  if (merged.size === 0) return { flow, grouped };
  const categories = new Map(flow.nodes.map((n) => [n.name, n.label]));
  const otherNodes: FundFlow['nodes'] = [];
  for (const [category, names] of rest) {
    if (names.length < 2) continue;
    const name = `use:other:${category}`;
    otherNodes.push({ name, kind: 'use', label: otherLabel(names.length, categories.get(category)) });
    grouped.set(
      name,
      names.map((n) => ({ name: n, fen: into.get(n) ?? 0 })),
    );
  }
  const sums = new Map<string, FundFlow['links'][number]>();
  for (const link of flow.links) {
    const target = merged.get(link.target) ?? link.target;
    const key = `${link.source}\u0000${target}`;
    const sum = sums.get(key);
    if (sum) sum.value += link.value;
    else sums.set(key, { source: link.source, target, value: link.value });
  }
  return {
    flow: {
      ...flow,
      nodes: [...flow.nodes.filter((n) => !merged.has(n.name)), ...otherNodes],
      links: [...sums.values()],
    },
    grouped,
  };
}

/** A label cut to about `width` pixels of 12-px text (a CJK character 12 px, others about 7), with an ellipsis. */
export function shortLabel(text: string, width: number): string {
  let used = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    used += /[\u2e80-\uffff]/.test(chars[i] as string) ? 12 : 7;
    if (used > width) return `${chars.slice(0, Math.max(1, i - 1)).join('')}…`;
  }
  return text;
}

/** Room right of the last column for its labels: a name cut to fit and its amount. */
const LABEL_ROOM = 300;

/**
 * The Sankey's option: each node labelled with its name and amount (a fund with what came in; the tooltip adds what
 * went out), in one unit down each column (元 or 万元), the smallest uses grouped so that the labels do not overprint.
 */
export function sankeyOption(flow: FundFlow, label: string, language: string, t: TFunction): EChartsOption {
  const { flow: shown, grouped } = groupSmallUses(flow, (count, category) => {
    // "其他 3 个项目" twice said nothing of which: each names its use category
    const of = (lng: 'zh-CN' | 'en') =>
      t('kpi.funds.otherUses', { count, category: category?.[lng] ?? '', lng });
    return { 'zh-CN': of('zh-CN'), en: of('en') };
  });
  const columns = flowColumns(shown, language);
  const nodeOf = new Map(
    columns.flatMap((column) => {
      const scale = fenScaleOf(column.nodes.flatMap((n) => [n.inFen, n.outFen]));
      return column.nodes.map((n) => [n.name, { ...n, kind: column.kind, scale }] as const);
    }),
  );
  const money = (fen: number, scale?: FenScale) => formatKpiText('fen', fen, language, t, scale);
  const labels = new Map(shown.nodes.map((node) => [node.name, localized(node.label, language)]));
  const flowLabels = new Map(flow.nodes.map((node) => [node.name, localized(node.label, language)]));
  const amountOf = (name: string) => {
    const node = nodeOf.get(name);
    if (!node) return '';
    return node.kind === 'fund'
      ? t('kpi.funds.received', { amount: money(node.inFen, node.scale) })
      : money(Math.max(node.inFen, node.outFen), node.scale);
  };
  return {
    title: { show: false, text: label },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const { dataType, data } = params as {
          dataType: 'node' | 'edge';
          data: { name?: string; source?: string; target?: string; value?: number };
        };
        if (dataType === 'edge') {
          return `${labels.get(data.source ?? '') ?? ''} → ${labels.get(data.target ?? '') ?? ''}<br/>${money(data.value ?? 0)}`;
        }
        const name = data.name ?? '';
        const node = nodeOf.get(name);
        const head = labels.get(name) ?? name;
        if (!node) return head;
        const lines =
          node.kind === 'fund'
            ? [
                t('kpi.funds.received', { amount: money(node.inFen) }),
                t('kpi.funds.paid', { amount: money(node.outFen) }),
              ]
            : [money(Math.max(node.inFen, node.outFen))];
        const members = (grouped.get(name) ?? []).map(
          (u) => `${flowLabels.get(u.name) ?? u.name}${t('common.colon')}${money(u.fen)}`,
        );
        return [head, ...lines, ...members].join('<br/>');
      },
    },
    series: [
      {
        type: 'sankey',
        name: label,
        left: 8,
        right: LABEL_ROOM,
        top: 8,
        bottom: 8,
        // each kind keeps its column: a fund nothing was spent from stays a fund, not an end point
        nodeAlign: 'left',
        // room for a one-line label beside even the thinnest node
        nodeGap: 16,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
        label: {
          // the name cut to leave room for its amount, which is never cut (the tooltip has the whole name)
          formatter: (params: { name: string }) => {
            const name = labels.get(params.name) ?? params.name;
            const amount = amountOf(params.name);
            // braces would end ECharts' rich-text blocks early
            const plain = (text: string) => text.replace(/[{}|]/g, ' ');
            return `{name|${plain(shortLabel(name, LABEL_ROOM - 24 - amount.length * 7))}} {amount|${plain(amount)}}`;
          },
          rich: { name: { fontSize: 12 }, amount: { fontSize: 12, color: '#595959', fontWeight: 'bold' } },
          fontSize: 12,
          // the flows under the inner columns' labels: a white halo keeps the text readable over them
          textBorderColor: '#fff',
          textBorderWidth: 2,
        },
        // a label that would still overlap another is left to the tooltip
        labelLayout: { hideOverlap: true },
        data: shown.nodes.map((node) => ({ name: node.name, depth: DEPTH[node.kind] })),
        links: shown.links.map((link) => ({ ...link })),
      },
    ],
  };
}

/** The Sankey, from a tablet's width up. */
function FundFlowSankey({ flow, label }: { flow: FundFlow; label: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const option = useMemo(() => sankeyOption(flow, label, language, t), [flow, label, language, t]);
  // tall enough for the fullest column's labels, one line each
  const fullest = Math.max(
    0,
    ...flowColumns(groupSmallUses(flow, () => ({ 'zh-CN': '', en: '' })).flow, language).map(
      (c) => c.nodes.length,
    ),
  );
  return <EChart option={option} label={label} height={Math.max(320, fullest * 34 + 40)} />;
}
