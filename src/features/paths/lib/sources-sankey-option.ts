/** ECharts option for the traffic-sources Sankey. Pure: colours are passed in. */
import type { EChartsOption } from '../../../ui/chart/echart'
import { sankeyTarget } from '../../../ui/chart/sankey-event'
import type { SourcesFlowLink, SourcesFlowNode } from '../../../domain/paths/sources'
import { formatRate, htmlText, isolateText, compactCount } from '../../../lib/format'

export function sourcesSankeyOption(flow: { nodes: SourcesFlowNode[]; links: SourcesFlowLink[]; unit: 'rps' | 'calls' }, c: { fg: string; service: (name: string) => string; width?: number }): EChartsOption {
  const label = new Map(flow.nodes.map((n) => [n.id, n.label]))
  // the right margin holds the last column's labels: as wide as the longest of them (about 6.6 px a
  // character at 12 px), so they are not cut; the other labels get the space to the next column
  const longest = Math.max(8, ...flow.nodes.filter((n) => n.kind === 'target').map((n) => n.label.length))
  const right = Math.min(420, Math.ceil(longest * 6.6) + 16)
  const columns = Math.max(1, ...flow.nodes.map((n) => n.depth + 1))
  // between two columns: the chart's width less the margins and the nodes, shared by the gaps
  const gap = Math.max(90, Math.floor(((c.width ?? 1200) - 8 - right - 12 * columns) / Math.max(1, columns - 1)) - 12)
  const amount = (v: number) => (flow.unit === 'rps' ? `≈ ${formatRate(v)} calls (est.)` : `≈ ${compactCount(v)} calls in the window (est.)`)
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const t = sankeyTarget(p)
        if (!t) return ''
        const text = (id: string) => htmlText(label.get(id) ?? '')
        const what = t.kind === 'edge' ? `${text(t.source)} → ${text(t.target)}` : text(t.name)
        return `${what}<br/>${amount(t.value)}`
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right,
        top: 8,
        bottom: 8,
        nodeGap: 10,
        nodeWidth: 12,
        nodeAlign: 'right',
        layoutIterations: 32,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: { color: c.fg, fontSize: 12, width: right - 10, overflow: 'truncate' },
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        data: flow.nodes.map((n) => ({ name: n.id, depth: n.depth, label: { formatter: isolateText(n.label), width: n.kind === 'target' ? right - 10 : gap }, itemStyle: { color: c.service(n.service), borderWidth: 0 } })),
        links: flow.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
      },
    ],
  }
}
