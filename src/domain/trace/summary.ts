import type { SamplingInfo, Span, Trace, TraceSummary } from '../model'

/**
 * A search-result summary of a full trace, for backends whose search answers whole traces (Jaeger).
 * The root is the span without a parent (the earliest one if there are several); when no span is
 * without one (its root was not captured), the earliest span whose parent is missing stands in,
 * with `rootCaptured: false`. Pure.
 */
export function summarizeTrace(trace: Trace): TraceSummary {
  const ids = new Set(trace.spans.map((s) => s.spanId))
  let root: Span | null = null
  let stand: Span | null = null
  let start = Infinity
  let end = -Infinity
  const services = new Map<string, { spanCount: number; errorCount: number }>()
  let errors = 0
  for (const s of trace.spans) {
    start = Math.min(start, s.startTime)
    end = Math.max(end, s.startTime + s.duration)
    if (s.parentSpanId === null && (!root || s.startTime < root.startTime)) root = s
    else if (s.parentSpanId !== null && !ids.has(s.parentSpanId) && (!stand || s.startTime < stand.startTime)) stand = s
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
    rootService: (root ?? stand)?.service ?? '',
    rootOperation: (root ?? stand)?.name ?? '',
    rootCaptured: root !== null,
    startTime: Number.isFinite(start) ? start : 0,
    duration: Number.isFinite(end) ? end - start : 0,
    spanCount: trace.spans.length,
    errorCount: errors,
    services: [...services].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name)),
    sampling: { mode: sampling.mode, rate: sampling.rate, samplerRate: trace.sampling.samplerRate },
  }
}
