import type { LogsResponse } from '../../src/api/schemas/events'
import type { TraceWire } from '../../src/api/schemas/trace'

type LogWire = LogsResponse['logs'][number]
const LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const
const levelOf = (v: unknown): LogWire['level'] => (LEVELS as readonly unknown[]).includes(v) ? (v as LogWire['level']) : 'info'

/**
 * Log lines of a trace (never sampled in the world: every span writes them), linked by TraceID and
 * SpanID: an access line per server/consumer span, and one line per event (log, exception, panic).
 */
export function logsOf(trace: TraceWire, spanId?: string): LogWire[] {
  const out: LogWire[] = []
  for (const s of trace.spans) {
    if (spanId && s.spanId !== spanId) continue
    const base = { service: s.service, pod: s.resource.PodName ?? '', traceId: trace.traceId, spanId: s.spanId }
    for (const e of s.events) {
      const a = e.attributes
      if (e.name === 'panic') out.push({ ...base, time: e.time, level: 'fatal', message: `panic: ${String(a.message)}\n${String(a['exception.stacktrace'] ?? '')}` })
      else if (e.name === 'exception') out.push({ ...base, time: e.time, level: 'error', message: `${String(a['exception.type'])}: ${String(a['exception.message'])}` })
      else out.push({ ...base, time: e.time, level: levelOf(a.level), message: String(a.message ?? e.name) })
    }
    if (s.kind === 'server' || s.kind === 'consumer') {
      const code = s.tags.StatusCode ?? 200
      out.push({ ...base, time: s.startTime + s.duration, level: s.status === 'error' ? 'warn' : 'info', message: `${s.name} finished in ${(s.duration / 1000).toFixed(1)} ms with status ${String(code)}` })
    }
  }
  return out.sort((a, b) => a.time - b.time)
}
