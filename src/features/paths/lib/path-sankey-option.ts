/** ECharts option for the path tree drawn as a Sankey. Pure: colours are passed in. */
import type { EChartsOption } from '../../../ui/chart/echart'
import { sankeyTarget } from '../../../ui/chart/sankey-event'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { formatPercent, formatRate, htmlText, isolateText } from '../../../lib/format'

export interface PathFlow {
  /** `more`: the tree nodes under one parent that are not drawn, merged (see pathFlow) */
  nodes: { id: string; label: string; service: string; depth: number; value: number; async: boolean; more?: { nodes: number; parent: string } }[]
  links: { source: string; target: string; value: number }[]
  /** 'rps': estimated real calls per second; 'ratio': calls per entry request (the rates are unknown) */
  unit: 'rps' | 'ratio'
  /** the deepest level drawn (0 for the entry alone) */
  depth: number
  /** tree nodes with calls (what would be drawn without a limit) */
  total: number
  /** of them, how many are merged into `more` nodes instead of drawn one by one */
  merged: number
}

/**
 * Most tree nodes drawn one by one. ECharts lays a Sankey out and draws it in one task on the
 * page, which took about 0.2 s at 333 nodes and 1.5 s at 1,010 on a loaded two-core machine;
 * past this many, the busiest nodes are drawn and the rest merged (docs/paths.md).
 */
export const SANKEY_MAX_NODES = 150

/**
 * The path tree as a flow: one Sankey node per tree node, at its level from the entry; each call
 * is a link from the node above, as wide as the node's calls (estimated calls/s, or calls per entry
 * request when the rates are unknown). A node is at least as tall as its own calls, so a node that
 * calls something several times per call shows the fan-out. Up to `max` nodes every node is drawn;
 * past that, the `max` nodes with the most calls (and the nodes above them) are, and under each
 * drawn node the children not drawn (with everything below them) are merged into one "more" node
 * as wide as those children's calls, which says how many tree nodes it stands for. Nothing is left
 * out silently: the counts are in the flow and the page states them.
 */
export function pathFlow(agg: PathAggregate, max = SANKEY_MAX_NODES): PathFlow {
  const unit = agg.ratesKnown ? 'rps' : 'ratio'
  const amount = (n: PathAggregate['nodes'][number]) => (unit === 'rps' ? (n.rps?.value ?? 0) : n.callsPerEntry.value)
  const withCalls = agg.nodes.filter((n) => amount(n) > 0)
  const byKey = new Map(withCalls.map((n) => [n.key, n]))
  let drawn: Set<string>
  if (withCalls.length <= max) drawn = new Set(withCalls.map((n) => n.key))
  else {
    drawn = new Set()
    const busiest = [...withCalls].sort((x, y) => amount(y) - amount(x)).slice(0, max)
    for (const n of busiest) {
      // the node and every node above it
      let cur: PathAggregate['nodes'][number] | undefined = n
      while (cur && !drawn.has(cur.key)) {
        drawn.add(cur.key)
        cur = cur.parent !== null ? byKey.get(cur.parent) : undefined
      }
    }
  }
  // tree nodes (with calls) under a node, itself included
  const size = new Map<string, number>()
  for (let i = withCalls.length - 1; i >= 0; i--) {
    const n = withCalls[i]
    if (!n) continue
    size.set(n.key, 1 + n.children.reduce((s, c) => s + (size.get(c) ?? 0), 0))
  }
  const nodes: PathFlow['nodes'] = []
  const links: PathFlow['links'] = []
  let depth = 0
  let merged = 0
  for (const n of withCalls) {
    if (!drawn.has(n.key)) continue
    const v = amount(n)
    nodes.push({ id: n.key, label: `${n.service} ${n.operation}`, service: n.service, depth: n.depth, value: v, async: n.async })
    if (n.parent !== null) links.push({ source: n.parent, target: n.key, value: v })
    depth = Math.max(depth, n.depth)
    const rest = n.children.map((c) => byKey.get(c)).filter((c): c is PathAggregate['nodes'][number] => c !== undefined && !drawn.has(c.key))
    if (rest.length === 0) continue
    const count = rest.reduce((s, c) => s + (size.get(c.key) ?? 1), 0)
    const value = rest.reduce((s, c) => s + amount(c), 0)
    const id = `${n.key} › …`
    merged += count
    nodes.push({ id, label: `${rest.length} more call${rest.length === 1 ? '' : 's'} (${count} node${count === 1 ? '' : 's'})`, service: '', depth: n.depth + 1, value, async: rest.every((c) => c.async), more: { nodes: count, parent: n.key } })
    links.push({ source: n.key, target: id, value })
    depth = Math.max(depth, n.depth + 1)
  }
  return { nodes, links, unit, depth, total: withCalls.length, merged }
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
  const moreOf = new Map(flow.nodes.filter((n) => n.more).map((n) => [n.id, n]))
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
        const more = t ? moreOf.get(t.kind === 'edge' ? t.target : t.name) : undefined
        if (t && more?.more) {
          const parent = byKey.get(more.more.parent)
          return `${more.more.nodes} tree node${more.more.nodes === 1 ? '' : 's'} under ${parent ? htmlText(`${parent.service} ${parent.operation}`) : ''}, not drawn one by one (every one is in the tree table)<br/>${amount(more.value)}`
        }
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
        data: flow.nodes.map((n) => ({ name: n.id, value: n.value, depth: n.depth, label: { formatter: isolateText(n.label) }, itemStyle: { color: n.more ? c.fg || '#888' : c.service(n.service), borderWidth: 0, opacity: n.more ? 0.3 : n.async ? 0.5 : 1 } })),
        links: flow.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
      },
    ],
  }
}
