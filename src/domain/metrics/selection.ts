/**
 * A selection on a metric chart (a clicked point or a brushed range) turned back into a precise
 * trace query. The series counts spans (of its service and operation, with its labels), so the
 * query is span-level: a trace matches when one of those spans, starting in the window, meets the
 * condition of what the series measures (its own duration at or above the percentile, its own
 * status an error). Pure.
 */
import type { MetricName, MetricSeries, SpanCondition } from '../model'
import { METRIC_INFO } from './metric-info'
import type { TagFilter, TimeWindow } from '../query'

export type { TagFilter, TimeWindow }

/** The trace query a selection asks for: a TraceQuery (src/domain/query.ts) with its series' service, span condition and limit given. */
export interface DrillTraceQuery extends TimeWindow {
  service: string
  operation?: string
  /** conditions on one span of the series (its labels, its duration or status) */
  span: SpanCondition
  limit: number
}

/** The series a chart shows: service, optional operation and label filters. */
export interface SeriesScope {
  service: string
  operation?: string
  filters: TagFilter[]
}

export interface ChartSelection {
  metric: MetricName
  /** ms */
  from: number
  to: number
  /** labels of the selected series (the group-by value), empty when not grouped */
  labels: Record<string, string>
  /** true when a single point was clicked: the window is its step */
  point: boolean
}

/** Labels that describe the query itself rather than a span tag. */
const NON_TAG_LABELS = new Set(['service', 'operation', 'ServiceName', '__name__'])

/**
 * The window a point stands for. A point at `t` summarises the step that starts at `t`
 * ([t, t + step)), as the console API defines it (docs/api.md).
 */
export function pointWindow(t: number, step: number): TimeWindow {
  return { from: t, to: t + step }
}

/** `w` reaching `by` ms further on each side, kept inside `within` (the chart's window). */
export function widenWindow(w: TimeWindow, by: number, within: TimeWindow): TimeWindow {
  return { from: Math.max(within.from, w.from - by), to: Math.min(within.to, w.to + by) }
}

/** Sorts and de-duplicates a range given in either direction. */
export function normalizeRange(a: number, b: number): TimeWindow {
  return { from: Math.min(a, b), to: Math.max(a, b) }
}

/**
 * The percentile threshold for a latency selection: the series' value at the point, or over a
 * range the lowest value in it (so every span at or above the percentile anywhere in the range
 * is included). The series is a quantile of its spans' own durations, so the threshold is compared
 * with those spans, never with whole traces. µs; null when the series has no data there.
 */
export function percentileThreshold(series: MetricSeries | undefined, sel: Pick<ChartSelection, 'from' | 'to' | 'point'>): number | null {
  if (!series) return null
  let min: number | null = null
  for (const [t, v] of series.points) {
    if (v === null) continue
    const inside = sel.point ? t === sel.from : t >= sel.from && t < sel.to
    if (inside && (min === null || v < min)) min = v
  }
  return min
}

/** A latency series' percentile by its short name ("p99"); the series' title for the others. */
export const quantileLabelOf = (metric: MetricName): string => METRIC_INFO[metric].title.replace('Latency ', '')

/**
 * How a drill-down picks its traces: those with a failed span of the series, those with a span at
 * or above the selected percentile, or a sample spread across the window (a rate, or a latency
 * selection without a percentile value to stand on).
 */
export type DrillMode = 'failed' | 'slowest' | 'sample'

export interface DrillQuery {
  mode: DrillMode
  query: DrillTraceQuery
  /** plain-words conditions every returned trace satisfies */
  conditions: string[]
  /** µs, latency selections only: the percentile the matching span's own duration reaches */
  threshold: number | null
  /** the percentile's short name ("p99"), latency selections only */
  quantileLabel: string | null
}

export interface DrillOptions {
  /** µs; the percentile value for latency selections (see percentileThreshold) */
  threshold?: number | null
  limit?: number
}

/** Tag filters of the selected series: the chart's filters plus the series' own labels. */
export function seriesTags(scope: SeriesScope, labels: Record<string, string>): TagFilter[] {
  const out = [...scope.filters]
  for (const [key, value] of Object.entries(labels)) {
    if (NON_TAG_LABELS.has(key)) continue
    if (!out.some((t) => t.key === key && t.value === value)) out.push({ key, value })
  }
  return out
}

/**
 * Selection → span-level trace query: a span of the same service (and operation) with the series'
 * tags, starting in the window, and the metric's condition on that span itself.
 */
export function selectionToTraceQuery(scope: SeriesScope, sel: ChartSelection, opts: DrillOptions = {}): DrillQuery {
  const info = METRIC_INFO[sel.metric]
  const tags = seriesTags(scope, sel.labels)
  const span: SpanCondition = {}
  if (tags.length) span.tags = tags
  const query: DrillTraceQuery = { from: sel.from, to: sel.to, service: scope.service, span, limit: opts.limit ?? 50 }
  const operation = scope.operation ?? sel.labels.operation
  if (operation) query.operation = operation
  const conditions: string[] = []
  let threshold: number | null = null
  let quantileLabel: string | null = null
  let mode: DrillMode
  if (info.drill === 'errors') {
    mode = 'failed'
    span.status = 'error'
    conditions.push('failed')
  } else if (info.drill === 'percentile' && opts.threshold != null && opts.threshold > 0) {
    mode = 'slowest'
    threshold = Math.floor(opts.threshold)
    quantileLabel = quantileLabelOf(sel.metric)
    span.minDuration = threshold
    conditions.push(`at or above ${quantileLabel}`)
  } else {
    mode = 'sample'
    conditions.push('sampled across the window')
  }
  return { mode, query, conditions, threshold, quantileLabel }
}
