/**
 * The one home of the query types the views, the analyses and the data sources share: the time
 * window, tag filters and the trace query. Pure types.
 */
import type { SamplingMode, SpanCondition } from './model'

/**
 * A time window in ms since the epoch, [from, to). Called TimeWindow so that it does not shadow
 * the DOM's Window.
 */
export interface TimeWindow {
  from: number
  to: number
}

/** `key=value` tag filters, as entered by a user. */
export interface TagFilter {
  key: string
  value: string
}

/** A trace search, as every data source answers it (DataSource.searchTraces). */
export interface TraceQuery extends TimeWindow {
  service?: string
  operation?: string
  tags?: TagFilter[]
  /** µs */
  minDuration?: number
  /** µs */
  maxDuration?: number
  status?: 'ok' | 'error'
  sampling?: SamplingMode
  dc?: string
  limit?: number
  /**
   * Conditions on one span of `service` (and `operation`), which must then be given. With them
   * `minDuration`, `status` and `tags` above still apply to the whole trace; the window applies to
   * the matching span's start. Each summary carries the span that matched (`match`).
   */
  span?: SpanCondition
}
