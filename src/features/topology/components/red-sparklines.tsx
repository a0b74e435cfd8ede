import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { TagFilter } from '../../../api/sources/data-source'
import type { MetricName, MetricResult } from '../../../domain/model'
import { formatDuration, formatPercent, formatRate } from '../../../lib/format'
import type { EChartsOption } from '../../../ui/chart/echart'
import { LazyEChart } from '../../../ui/chart/lazy-echart'
import { cssVar } from '../../../ui/theme'

export interface RedSparklinesProps {
  service: string
  filters?: TagFilter[]
  window: { from: number; to: number }
}

const ROWS: { metric: MetricName; label: string; fmt: (v: number) => string; tone: string }[] = [
  { metric: 'request_rate', label: 'Rate', fmt: formatRate, tone: '--accent' },
  { metric: 'error_rate', label: 'Errors', fmt: formatPercent, tone: '--crit' },
  // latency series are in µs
  { metric: 'latency_p99', label: 'p99', fmt: formatDuration, tone: '--warn' },
]

function lastValue(r: MetricResult | undefined): number | null {
  const pts = r?.series[0]?.points ?? []
  for (let i = pts.length - 1; i >= 0; i--) if (pts[i][1] !== null) return pts[i][1]
  return null
}

function sparkOption(r: MetricResult | undefined, color: string): EChartsOption {
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 2, bottom: 2 },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, min: 0 },
    tooltip: { show: false },
    series: [{ type: 'line', showSymbol: false, lineStyle: { width: 1.5, color }, areaStyle: { opacity: 0.12, color }, data: r?.series[0]?.points ?? [] }],
  }
}

function Spark({ service, filters, window, row }: RedSparklinesProps & { row: (typeof ROWS)[number] }) {
  const source = useDataSource()
  const q = useQuery(metricQueries.range(source, { metric: row.metric, service, filters, from: window.from, to: window.to }))
  const color = cssVar(row.tone) || 'gray'
  const option = useMemo(() => sparkOption(q.data, color), [q.data, color])
  const last = lastValue(q.data)
  return (
    <div className="topo-spark">
      <span className="topo-spark-label">{row.label}</span>
      <div className="topo-spark-chart">
        {q.isError ? <span className="muted">unavailable</span> : <LazyEChart option={option} height={28} ariaLabel={`${row.label} of ${service} over the window`} />}
      </div>
      <span className="num topo-spark-value">{q.isPending ? '…' : last === null ? '–' : row.fmt(last)}</span>
    </div>
  )
}

/** Rate, errors and duration (p99) over the window, one small line each. */
export function RedSparklines(props: RedSparklinesProps) {
  return (
    <div className="topo-sparks" aria-label="Rate, errors and duration over the window">
      {ROWS.map((row) => (
        <Spark key={row.metric} {...props} row={row} />
      ))}
    </div>
  )
}
