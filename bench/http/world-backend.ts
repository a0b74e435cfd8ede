// The synthetic world's console API for a plain HTTP server in Node, so a bench can open the
// console against a real backend (no service worker, no world worker in the browser): the way
// the reference figures of Jaeger UI were taken, against Jaeger's own query service.
import { getResponse } from 'msw'
import { apiHandlers } from '../../mocks/handlers/api'
import { setLiveAnchor } from '../../mocks/synthetic/incidents'
import { setWorldScale } from '../../mocks/synthetic/world'
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

/**
 * The world's size and clock for `answer`: `scale` services (as `?scale=` in the browser), and
 * "now" pinned (a number) or running (null, with the live incidents anchored at start).
 */
export function setWorld(scale: number | null, nowMs: number | null): void {
  if (scale !== null) setWorldScale(scale)
  pinNow(nowMs)
  if (nowMs === null) setLiveAnchor(Date.now())
}

/**
 * The handlers' paths are relative ("/api/v1/topology"): MSW resolves them against `location`,
 * which Node has not, so the world answers as if served from this origin.
 */
const ORIGIN = 'http://world.invalid'
if (typeof (globalThis as { location?: unknown }).location === 'undefined') {
  Object.defineProperty(globalThis, 'location', { value: new URL(`${ORIGIN}/`), configurable: true })
}

/** Any console API request (`path` with its query), answered by the same handlers as the synthetic backend in the browser. */
export async function answer(path: string, headers: Record<string, string>): Promise<{ status: number; headers: [string, string][]; body: Buffer } | null> {
  const response = await getResponse(apiHandlers, new Request(new URL(path, ORIGIN), { headers }))
  if (!response) return null
  return { status: response.status, headers: [...response.headers], body: Buffer.from(await response.arrayBuffer()) }
}
