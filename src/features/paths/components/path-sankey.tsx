import { useMemo } from 'react'
import { useNavigate } from 'react-router'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import { traceHref } from '../../../lib/links'
import { EChart } from '../../../ui/chart/echart'
import { sankeyTarget } from '../../../ui/chart/sankey-event'
import { useServiceColor } from '../../../ui/service-colors'
import { cssVar, useTheme } from '../../../ui/theme'
import { useWidth } from '../hooks/use-width'
import { pathFlow, pathSankeyOption, sankeyColumn } from '../lib/path-sankey-option'

/** The path tree as a Sankey: levels from the entry left to right, widths the calls; a click opens a trace at the node's span. */
export function PathSankey({ agg }: { agg: PathAggregate }) {
  const serviceColor = useServiceColor()
  const { theme } = useTheme()
  const navigate = useNavigate()
  const [available, wrap] = useWidth()
  const fg = useMemo(() => (theme === 'dark' || theme === 'light' ? cssVar('--fg') : ''), [theme])
  const flow = useMemo(() => pathFlow(agg), [agg])
  // a deep tree keeps readable columns and scrolls sideways
  const width = Math.max(available, sankeyColumn(flow, available) * (flow.depth + 1) + 16)
  const option = useMemo(() => pathSankeyOption(agg, flow, { fg, service: serviceColor, width }), [agg, flow, fg, serviceColor, width])
  const perLevel = new Map<number, number>()
  for (const n of flow.nodes) perLevel.set(n.depth, (perLevel.get(n.depth) ?? 0) + 1)
  const busiest = Math.max(1, ...perLevel.values())
  const height = Math.max(240, busiest * 22 + 24)
  const byKey = useMemo(() => new Map(agg.nodes.map((n) => [n.key, n])), [agg])
  const onEvents = useMemo(
    () => ({
      click: (p: unknown) => {
        const t = sankeyTarget(p)
        const n = t ? byKey.get(t.kind === 'edge' ? t.target : t.name) : undefined
        if (n) void navigate(traceHref(n.example.traceId, { span: n.example.spanId }))
      },
    }),
    [byKey, navigate],
  )
  return (
    <div className="paths-sankey">
      <p className="muted paths-sankey-note">
        Levels from the entry, left to right; widths: {flow.unit === 'rps' ? 'estimated real calls per second' : 'calls per entry request (the sampling rates are unknown)'}; async work faded.{' '}
        {flow.merged > 0
          ? `${(flow.total - flow.merged).toLocaleString('en-US')} of ${flow.total.toLocaleString('en-US')} nodes drawn (the busiest and those above them); the other ${flow.merged.toLocaleString('en-US')} are merged, under their parent, into grey “more” nodes as wide as their calls (every node is in the tree table)`
          : 'Every node drawn'}
        {width > available ? ' (scroll sideways for the deeper levels)' : ''}; click one to open a trace at its span.
      </p>
      <div ref={wrap} className="paths-sankey-scroll">
        <EChart option={option} height={height} notMerge testId="path-sankey" onEvents={onEvents} style={{ width }} ariaLabel={`Path tree of ${agg.entry.service} ${agg.entry.operation} as a Sankey of ${flow.total} nodes${flow.merged > 0 ? `, ${flow.merged} of them merged into “more” nodes` : ''}`} />
      </div>
    </div>
  )
}
