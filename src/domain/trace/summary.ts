import type { SamplingInfo, Span, Trace, TraceSummary } from '../model'

/**
 * A search-result summary of a full trace, for backends whose search answers whole traces (Jaeger).
 * The root is the span without a parent in the trace (the earliest one if there are several). Pure.
 */
export function summarizeTrace(trace: Trace): TraceSummary {
  const ids = new Set(trace.spans.map((s) => s.spanId))
  let root: Span | null = null
  let start = Infinity
  let end = -Infinity
  const services = new Map<string, { spanCount: number; errorCount: number }>()
  let errors = 0
  for (const s of trace.spans) {
    start = Math.min(start, s.startTime)
    end = Math.max(end, s.startTime + s.duration)
    const isRoot = s.parentSpanId === null || !ids.has(s.parentSpanId)
    if (isRoot && (!root || s.startTime < root.startTime)) root = s
    const entry = services.get(s.service) ?? { spanCount: 0, errorCount: 0 }
    entry.spanCount++
    if (s.status === 'error') {
      entry.errorCount++
      errors++
    }
    services.set(s.service, entry)
  }
  const sampling: Pick<SamplingInfo, 'mode' | 'rate'> = trace.sampling
  return {
    traceId: trace.traceId,
    rootService: root?.service ?? '',
    rootOperation: root?.name ?? '',
    startTime: Number.isFinite(start) ? start : 0,
    duration: Number.isFinite(end) ? end - start : 0,
    spanCount: trace.spans.length,
    errorCount: errors,
    services: [...services].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name)),
    sampling: { mode: sampling.mode, rate: sampling.rate },
  }
}
