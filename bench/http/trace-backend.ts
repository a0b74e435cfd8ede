// The synthetic world's trace endpoint for a plain HTTP server in Node, so a bench can open the
// trace page against a real backend (no service worker, no world worker in the browser): the way
// the reference figures of Jaeger UI were taken, against Jaeger's own query service.
import { bigTraceId } from '../../mocks/synthetic/catalogue'
import { buildTrace } from '../../mocks/synthetic/trace'
import { pinNow } from '../../src/lib/clock'
import { writeTraceStream } from '../../src/api/schemas/trace-stream'

export { bigTraceId }

/** The body of GET /api/v1/traces/:id with "now" pinned, as JSON or streamed (one line per span); null for an unknown id. */
export function traceBody(id: string, nowMs: number, stream: boolean): string | null {
  pinNow(nowMs)
  const trace = buildTrace(id.toLowerCase())
  if (!trace) return null
  return stream ? writeTraceStream(trace) : JSON.stringify({ trace })
}
