/** ECharts option for the propagation diagram. Pure: colours are passed in. */
import type { EChartsOption } from '../../../ui/chart/echart'
import type { FlowLink, FlowNode } from '../../../domain/error-chain/flow'
import { htmlText, isolateText, compactCount } from '../../../lib/format'

export interface SankeyColors {
  fg: string
  service: (name: string) => string
}

export function sankeyOption(flow: { nodes: FlowNode[]; links: FlowLink[] }, c: SankeyColors, picked: string | null): EChartsOption {
  const services = new Map(flow.nodes.map((n) => [n.id, n.service]))
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      // kept inside the chart: at the right edge it would otherwise leave the window
      confine: true,
      formatter: (p: unknown) => {
        const { dataType, data } = p as { dataType?: string; data?: { name?: string; source?: string; target?: string; value?: number } }
        if (!data) return ''
        const what =
          dataType === 'edge'
            ? `${htmlText(services.get(data.source ?? '') ?? '')} → ${htmlText(services.get(data.target ?? '') ?? '')}`
            : htmlText(services.get(data.name ?? '') ?? '')
        return `${what}<br/>≈ ${compactCount(data.value ?? 0)} errors (estimate)`
      },
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 150,
        top: 8,
        bottom: 8,
        nodeGap: 12,
        nodeWidth: 14,
        layoutIterations: 32,
        draggable: false,
        emphasis: { focus: 'adjacency' },
        label: { color: c.fg, fontSize: 12 },
        lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
        data: flow.nodes.map((n) => ({
          name: n.id,
          label: { formatter: n.depth === 0 ? `${isolateText(n.service)} (origin)` : isolateText(n.service) },
          value: n.value,
          depth: n.depth,
          itemStyle: {
            color: c.service(n.service),
            borderColor: picked === n.service ? c.fg : c.service(n.service),
            borderWidth: picked === n.service ? 2 : 0,
          },
        })),
        links: flow.links.map((l) => ({
          source: l.source,
          target: l.target,
          value: l.value,
          lineStyle: picked === `${l.from}>${l.to}` ? { opacity: 0.7 } : undefined,
        })),
      },
    ],
  }
}
