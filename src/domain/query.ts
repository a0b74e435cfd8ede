/**
 * The one home of the query types the views, the analyses and the data sources share: the time
 * window, tag filters, the trace query, and the words for how a trace was sampled. Pure.
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

/**
 * How a trace was sampled, in words, in one place for every view: `name` in menus and sentences
 * ("Fixed probability sampling at 1 %"), `short` on a badge in a dense list, `long` where the
 * trace is shown on its own and the name alone would not say what the mode means.
 */
export type SamplingLabelForm = 'name' | 'short' | 'long'

const SAMPLING_LABELS: Record<SamplingMode, Record<SamplingLabelForm, string>> = {
  probability: { name: 'Fixed probability', short: 'Fixed', long: 'Fixed probability' },
  adaptive: { name: 'Adaptive', short: 'Adaptive', long: 'Adaptive' },
  dyed: { name: 'Dyed', short: 'Dyed', long: 'Dyed (always sampled)' },
  posttrace: { name: 'PostTrace', short: 'PostTrace', long: 'PostTrace' },
  unknown: { name: 'Unknown', short: 'Unknown', long: 'Unknown sampling' },
}

export function samplingLabel(mode: SamplingMode, form: SamplingLabelForm = 'name'): string {
  return SAMPLING_LABELS[mode][form]
}
