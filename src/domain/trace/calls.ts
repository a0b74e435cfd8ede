import type { Trace } from '../model'

/**
 * Does the trace hold a call from service `from` to service `to`? Yes when a span of `from` has a
 * child span of `to` (the pairing the OpenTelemetry servicegraph connector and Jaeger's dependency
 * graph make), or when a span of `from` names `to` as the service it called (`ToService`: a callee
 * without spans of its own, such as a database or a topic). Pure.
 */
export function hasCall(trace: Trace, from: string, to: string): boolean {
  const fromSpans = new Set<string>()
  for (const s of trace.spans) {
    if (s.service !== from) continue
    if (s.tags.ToService === to) return true
    fromSpans.add(s.spanId)
  }
  if (fromSpans.size === 0) return false
  return trace.spans.some((s) => s.service === to && s.parentSpanId !== null && fromSpans.has(s.parentSpanId))
}
