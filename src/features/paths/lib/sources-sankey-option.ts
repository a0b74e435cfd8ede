/** ECharts option for the traffic-sources Sankey. Pure: colours are passed in. */
import type { EChartsOption } from '../../../ui/chart/echart'
import type { SourcesFlowLink, SourcesFlowNode } from '../../../domain/paths/sources'
import { formatCount, formatRate } from '../../../lib/format'

export function sourcesSankeyOption(flow: { nodes: SourcesFlowNode[]; links: SourcesFlowLink[]; unit: 'rps' | 'calls' }, c: { fg: string; service: (name: string) => string }): EChartsOption {
  const label = new Map(flow.nodes.map((n) => [n.id, n.label]))
  const amount = (v: number) => (flow.unit === 'rps' ? `≈ ${formatRate(v)} calls (est.)` : `≈ ${formatCount(v)} calls in the window (est.)`)
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p: unknown) => {
        const { dataType, data, value } = p as { dataType?: string; data?: { name?: string; source?: string; target?: string }; value?: number }
        if (!data) return ''
        const what = dataType === 'edge' ? `${label.get(data.source ?? '') ?? ''} → ${label.get(data.target ?? '') ?? ''}` : (label.get(data.name ?? '') ?? '')
        return `${what}<br/>${amount(value ?? 0)}`
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 190,
        top: 8,
        bottom: 8,
        nodeGap: 10,
        nodeWidth: 12,
        nodeAlign: 'right',
        layoutIterations: 32,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: { color: c.fg, fontSize: 12, width: 180, overflow: 'truncate' },
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        data: flow.nodes.map((n) => ({ name: n.id, depth: n.depth, label: { formatter: n.label }, itemStyle: { color: c.service(n.service), borderWidth: 0 } })),
        links: flow.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
      },
    ],
  }
}
