import { http, HttpResponse } from 'msw'
import type { SamplesResponse } from '../../src/api/schemas/events'
import type { TraceResponse, TraceSearchResponse } from '../../src/api/schemas/trace'
import { TRACE_STREAM_TYPE, writeTraceStream } from '../../src/api/schemas/trace-stream'
import { SAMPLING_MODES } from '../../src/domain/model'
import { BoundedCache, WORLD_CACHE_IDLE_MS } from '../synthetic/bounded-cache'
import { CATALOGUE } from '../synthetic/catalogue'
import { DCS } from '../synthetic/world-catalog'
import { currentIncidents, outagePartial } from '../synthetic/incidents'
import { searchTraces } from '../synthetic/search'
import { buildTrace } from '../synthetic/trace'
import { getWorld } from '../synthetic/world'
import { guarded, keyValues, notFound, num, oneOf, operationParam, ParamError, serviceParam, timeWindow } from './params'

/**
 * Serialised answers of the last traces asked for: a view that refetches a big trace (or a test
 * that opens it twice) does not pay generation and serialisation again: 64 million characters
 * at most, and what nobody opened in 10 minutes goes.
 */
export const MAX_CACHED_TRACE_CHARS = 64_000_000
const bodies = new BoundedCache<string, string>({ maxWeight: MAX_CACHED_TRACE_CHARS, weigh: (body) => body.length, idleMs: WORLD_CACHE_IDLE_MS })

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 10_000

export const traceHandlers = [
  // the special traces (mocks/synthetic/catalogue.ts), for the search page's "Sample traces" menu
  http.get('/api/v1/samples', () =>
    HttpResponse.json<SamplesResponse>({ samples: CATALOGUE.map((c) => ({ traceId: c.id, name: c.name, description: c.description })) }),
  ),
  http.get('/api/v1/traces', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const world = getWorld()
      const inc = currentIncidents()
      const { from, to } = timeWindow(p)
      const svc = serviceParam(world, p, false)
      const op = operationParam(world, p, svc)
      const minDuration = num(p, 'minDuration', { min: 0, unit: 'µs' })
      const maxDuration = num(p, 'maxDuration', { min: 0, unit: 'µs' })
      const spanMinDuration = num(p, 'spanMinDuration', { min: 0, unit: 'µs' })
      const spanStatus = oneOf(p, 'spanStatus', ['error'] as const)
      const spanTags = keyValues(p, 'spanTag')
      const spanLevel = oneOf(p, 'match', ['trace', 'span'] as const) === 'span' || spanMinDuration !== undefined || spanStatus !== undefined || spanTags.length > 0
      if (spanLevel && !svc) throw new ParamError('service', 'a span-level search (match=span, spanMinDuration, spanStatus, spanTag) needs a service')
      const { summaries, truncated, partial } = searchTraces(world, inc, {
        from,
        to,
        service: svc?.name,
        operation: op?.name,
        tags: keyValues(p, 'tag'),
        minDuration,
        maxDuration,
        status: oneOf(p, 'status', ['ok', 'error'] as const),
        sampling: oneOf(p, 'sampling', SAMPLING_MODES),
        dc: oneOf(p, 'dc', DCS),
        limit: num(p, 'limit', { min: 1, max: MAX_LIMIT, integer: true }) ?? DEFAULT_LIMIT,
        span:
          spanLevel && svc
            ? { ops: op ? [op] : svc.ops.map((i) => world.ops[i]), minDuration: spanMinDuration, status: spanStatus, tags: spanTags }
            : undefined,
      })
      return HttpResponse.json<TraceSearchResponse>({ traces: summaries, partial: partial ? outagePartial(inc) : null, truncated })
    }),
  ),
  // JSON by default; one line per span when the client asks for a stream (docs/api.md)
  http.get('/api/v1/traces/:traceId', ({ params, request }) => {
    const id = String(params.traceId).toLowerCase()
    const stream = (request.headers.get('accept') ?? '').includes(TRACE_STREAM_TYPE)
    const cacheKey = `${currentIncidents().anchor}|${id}|${stream ? 'lines' : 'json'}`
    let body = bodies.get(cacheKey)
    if (body === undefined) {
      const trace = buildTrace(id)
      if (!trace) return notFound(`No trace with id "${String(params.traceId)}" in the synthetic world`)
      body = stream ? writeTraceStream(trace) : JSON.stringify({ trace } satisfies TraceResponse)
      bodies.set(cacheKey, body)
    }
    return new HttpResponse(body, { headers: { 'Content-Type': stream ? TRACE_STREAM_TYPE : 'application/json' } })
  }),
]
