import { useQueries } from '@tanstack/react-query'
import type { UseQueryResult } from '@tanstack/react-query'
import { metricQueries } from '../../../api/queries/metrics'
import { useDataSource } from '../../../api/source-context'
import type { TagFilter } from '../../../api/sources/data-source'
import type { MetricName, MetricResult } from '../../../domain/model'
import { METRIC_NAMES } from '../../../domain/model'

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

/**
 * Every built-in series of a scope, and for `withYesterday` the same window yesterday (the dashed
 * overlay; only where it is drawn, to keep the number of range queries down).
 */
export function useMetricSeries(p: SeriesScopeParams, withYesterday: readonly MetricName[], metrics: readonly MetricName[] = METRIC_NAMES): MetricSeriesData {
  const source = useDataSource()
  const base = { service: p.service, operation: p.operation, filters: p.filters.length ? p.filters : undefined, groupBy: p.groupBy, step: p.step }
  const past = metrics.filter((m) => withYesterday.includes(m))
  const results = useQueries({
    queries: [
      ...metrics.map((metric) => metricQueries.range(source, { ...base, metric, from: p.window.from, to: p.window.to })),
      ...past.map((metric) => metricQueries.range(source, { ...base, metric, from: p.window.from - DAY_MS, to: p.window.to - DAY_MS })),
    ],
  })
  const current: MetricSeriesData['current'] = {}
  const yesterday: MetricSeriesData['yesterday'] = {}
  metrics.forEach((m, i) => {
    current[m] = results[i]
  })
  past.forEach((m, i) => {
    yesterday[m] = results[metrics.length + i]
  })
  return { current, yesterday }
}
