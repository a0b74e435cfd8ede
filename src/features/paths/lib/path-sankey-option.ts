/** ECharts option for the path tree drawn as a Sankey. Pure: colours are passed in. */
import type { EChartsOption } from '../../../ui/chart/echart'
import { sankeyTarget } from '../../../ui/chart/sankey-event'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { formatPercent, formatRate, htmlText, isolateText } from '../../../lib/format'

export interface PathFlow {
  nodes: { id: string; label: string; service: string; depth: number; value: number; async: boolean }[]
  links: { source: string; target: string; value: number }[]
  /** 'rps': estimated real calls per second; 'ratio': calls per entry request (the rates are unknown) */
  unit: 'rps' | 'ratio'
  /** the deepest level drawn (0 for the entry alone) */
  depth: number
}

/**
 * The path tree as a flow: one Sankey node per tree node, at its level from the entry; each call
 * is a link from the node above, as wide as the node's calls (estimated calls/s, or calls per entry
 * request when the rates are unknown). A node is at least as tall as its own calls, so a node that
 * calls something several times per call shows the fan-out. Every node is drawn.
 */
export function pathFlow(agg: PathAggregate): PathFlow {
  const unit = agg.ratesKnown ? 'rps' : 'ratio'
  const amount = (n: PathAggregate['nodes'][number]) => (unit === 'rps' ? (n.rps?.value ?? 0) : n.callsPerEntry.value)
  const nodes: PathFlow['nodes'] = []
  const links: PathFlow['links'] = []
  let depth = 0
  for (const n of agg.nodes) {
    const v = amount(n)
    if (!(v > 0)) continue
    nodes.push({ id: n.key, label: `${n.service} ${n.operation}`, service: n.service, depth: n.depth, value: v, async: n.async })
    if (n.parent !== null) links.push({ source: n.parent, target: n.key, value: v })
    depth = Math.max(depth, n.depth)
  }
  return { nodes, links, unit, depth }
}

/** Least width of a level's column (px): narrower, labels of a service and operation would be cut. */
export const MIN_COLUMN = 190

/** The width of one level's column in a chart `width` px wide (at least MIN_COLUMN: a deep tree scrolls sideways instead). */
export function sankeyColumn(flow: PathFlow, width: number): number {
  return Math.max(MIN_COLUMN, Math.floor((width - 16) / (flow.depth + 1)))
}

export function pathSankeyOption(
  agg: PathAggregate,
  flow: PathFlow,
  c: { fg: string; service: (name: string) => string; width: number },
): EChartsOption {
  const byKey = new Map(agg.nodes.map((n) => [n.key, n]))
  const amount = (v: number) => (flow.unit === 'rps' ? `≈ ${formatRate(v)} calls (est.)` : `${v >= 10 ? v.toFixed(1) : v.toFixed(2)} calls per entry request`)
  // every level gets a column (the last one's labels in the right margin); a label gets its column's width
  const labelWidth = sankeyColumn(flow, c.width) - 22
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const t = sankeyTarget(p)
        const n = t ? byKey.get(t.kind === 'edge' ? t.target : t.name) : undefined
        if (!t || !n) return ''
        const from = t.kind === 'edge' ? byKey.get(t.source) : undefined
        const name = (x: { service: string; operation: string }) => htmlText(`${x.service} ${x.operation}`)
        const what = from ? `${name(from)} → ${name(n)}` : name(n)
        return `${what}<br/>${amount(t.value)}${n.async ? ' · async' : ` · ${formatPercent(n.criticalShare)} of the entry's latency on the critical path`}`
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: labelWidth + 8,
        top: 8,
        bottom: 8,
        nodeGap: 6,
        nodeWidth: 10,
        layoutIterations: 0,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: { color: c.fg, fontSize: 11, width: labelWidth, overflow: 'truncate' },
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        data: flow.nodes.map((n) => ({ name: n.id, value: n.value, depth: n.depth, label: { formatter: isolateText(n.label) }, itemStyle: { color: c.service(n.service), borderWidth: 0, opacity: n.async ? 0.5 : 1 } })),
        links: flow.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
      },
    ],
  }
}
