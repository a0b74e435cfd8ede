import type { MatchedSpan, Span, SpanCondition, Trace } from '../model'

/**
 * The span-level rule of a metric drill-down, for sources whose search answers whole traces
 * (Jaeger) or cannot be trusted to apply every condition to one span: a trace matches when one
 * span of `service` (named `operation` when given), starting in the window, meets every condition
 * on its own (duration, status, tags or resource fields). Without an operation, the spans the
 * service serves (server, consumer), as a whole service's series count them. Pure.
 */
export interface SpanMatchQuery {
  service: string
  operation?: string
  /** ms since epoch: the span starts in [from, to) */
  from: number
  to: number
  span: SpanCondition
}

const tagValue = (s: Span, key: string): string | undefined => {
  if (key === 'operation') return s.name
  const v = Object.hasOwn(s.tags, key) ? s.tags[key] : Object.hasOwn(s.resource, key) ? s.resource[key] : undefined
  return v === undefined ? undefined : String(v)
}

export function spanMeets(s: Span, q: SpanMatchQuery): boolean {
  if (s.service !== q.service) return false
  if (q.operation !== undefined && s.name !== q.operation) return false
  // a whole service's series count the spans it serves (server and consumer), as Prometheus span metrics are read
  if (q.operation === undefined && s.kind !== 'server' && s.kind !== 'consumer') return false
  if (s.startTime < q.from * 1000 || s.startTime >= q.to * 1000) return false
  if (q.span.minDuration !== undefined && s.duration < q.span.minDuration) return false
  if (q.span.status === 'error' && s.status !== 'error') return false
  return (q.span.tags ?? []).every((t) => tagValue(s, t.key) === t.value)
}

/** The span that matches (the slowest when a duration is asked, else the earliest), or null. */
export function matchingSpan(trace: Trace, q: SpanMatchQuery): MatchedSpan | null {
  let pick: Span | null = null
  let count = 0
  const slowest = q.span.minDuration !== undefined
  for (const s of trace.spans) {
    if (!spanMeets(s, q)) continue
    count++
    if (!pick || (slowest ? s.duration > pick.duration : s.startTime < pick.startTime)) pick = s
  }
  if (!pick) return null
  return {
    spanId: pick.spanId,
    service: pick.service,
    operation: pick.name,
    startTime: pick.startTime,
    duration: pick.duration,
    status: pick.status === 'error' ? 'error' : 'ok',
    count,
  }
}
