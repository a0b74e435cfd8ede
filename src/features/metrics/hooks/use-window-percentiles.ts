import { useQueries } from '@tanstack/react-query'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { TagFilter } from '../../../api/sources/data-source'
import { LATENCY_METRICS } from '../../../domain/metrics/metric-info'
import type { LatencyMetric } from '../../../domain/metrics/metric-info'

export interface WindowPercentiles {
  /** µs; null when the window holds no calls */
  values: Record<LatencyMetric, number | null>
  from: number
  to: number
}

/**
 * p50 / p95 / p99 over the whole window (the source merges the window's latency histograms, then
 * takes the quantile), for sources that answer one-point window queries; null otherwise or while
 * loading. Not for grouped views (one line per group).
 */
export function useWindowPercentiles(p: { service: string; operation?: string; filters: TagFilter[]; window: { from: number; to: number }; grouped: boolean }): WindowPercentiles | null {
  const source = useDataSource()
  const enabled = source.capabilities.windowPercentiles === true && !p.grouped && p.service !== ''
  const results = useQueries({
    queries: LATENCY_METRICS.map((metric) => ({
      ...metricQueries.range(source, { metric, service: p.service, operation: p.operation, filters: p.filters.length ? p.filters : undefined, from: p.window.from, to: p.window.to, wholeWindow: true }),
      enabled,
    })),
  })
  if (!enabled || results.some((r) => !r.data)) return null
  const values = {} as Record<LatencyMetric, number | null>
  LATENCY_METRICS.forEach((m, i) => {
    values[m] = results[i].data?.series[0]?.points[0]?.[1] ?? null
  })
  return { values, from: p.window.from, to: p.window.to }
}
