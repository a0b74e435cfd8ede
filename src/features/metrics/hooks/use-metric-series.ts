import { useQueries } from '@tanstack/react-query'
import type { UseQueryResult } from '@tanstack/react-query'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { TagFilter } from '../../../api/sources/data-source'
import type { MetricName, MetricResult } from '../../../domain/model'
import { METRIC_NAMES } from '../../../domain/model'
import { useTrickle } from './use-trickle'

const DAY_MS = 24 * 3600 * 1000

export interface SeriesScopeParams {
  service: string
  operation?: string
  filters: TagFilter[]
  groupBy?: string
  window: { from: number; to: number }
  step: number
}

export interface MetricSeriesData {
  current: Partial<Record<MetricName, UseQueryResult<MetricResult>>>
  yesterday: Partial<Record<MetricName, UseQueryResult<MetricResult>>>
}

/** Series every scope shows; the others (sizes, MQ lag, yesterday) load once these have arrived. */
/** Secondary series asked at a time, so a drill-down's search never queues behind all of them. */
const BACKGROUND_AT_ONCE = 1

const FIRST: readonly MetricName[] = ['request_rate', 'error_rate', 'latency_p50', 'latency_p95', 'latency_p99']

/**
 * Every built-in series of a scope, and for `withYesterday` the same window yesterday (the dashed
 * overlay; only where it is drawn, to keep the number of range queries down). The main series are
 * asked first so the charts an on-call engineer needs draw before the secondary ones are computed.
 */
export function useMetricSeries(p: SeriesScopeParams, withYesterday: readonly MetricName[], wanted: readonly MetricName[] = METRIC_NAMES): MetricSeriesData {
  const source = useDataSource()
  // A source that declares which series it has (e.g. Prometheus span metrics) is never asked for others.
  const offered = source.capabilities.metricNames
  const metrics = offered ? wanted.filter((m) => offered.includes(m)) : wanted
  const base = { service: p.service, operation: p.operation, filters: p.filters.length ? p.filters : undefined, groupBy: p.groupBy, step: p.step }
  const first = metrics.filter((m) => FIRST.includes(m))
  const later = metrics.filter((m) => !FIRST.includes(m))
  const past = metrics.filter((m) => withYesterday.includes(m))
  const firstResults = useQueries({
    queries: first.map((metric) => metricQueries.range(source, { ...base, metric, from: p.window.from, to: p.window.to })),
  })
  const firstDone = firstResults.every((r) => !r.isPending)
  // yesterday's overlay first (it is drawn on the main charts), then sizes and MQ lag
  const background = [
    ...past.map((metric) => metricQueries.range(source, { ...base, metric, from: p.window.from - DAY_MS, to: p.window.to - DAY_MS })),
    ...later.map((metric) => metricQueries.range(source, { ...base, metric, from: p.window.from, to: p.window.to })),
  ]
  const may = useTrickle(background.map((o) => o.queryKey), BACKGROUND_AT_ONCE, firstDone)
  const laterResults = useQueries({ queries: background.map((o, i) => ({ ...o, enabled: may[i] ?? false })) })
  const current: MetricSeriesData['current'] = {}
  const yesterday: MetricSeriesData['yesterday'] = {}
  first.forEach((m, i) => {
    current[m] = firstResults[i]
  })
  past.forEach((m, i) => {
    yesterday[m] = laterResults[i]
  })
  later.forEach((m, i) => {
    current[m] = laterResults[past.length + i]
  })
  return { current, yesterday }
}
