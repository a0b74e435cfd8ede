import { http, HttpResponse } from 'msw'
import type { TraceResponse, TraceSearchResponse } from '../../src/api/schemas/trace'
import { SAMPLING_MODES } from '../../src/domain/model'
import { DCS } from '../synthetic/world-catalog'
import { currentIncidents, outagePartial } from '../synthetic/incidents'
import { searchTraces } from '../synthetic/search'
import { buildTrace } from '../synthetic/trace'
import { getWorld } from '../synthetic/world'
import { guarded, keyValues, notFound, num, oneOf, operationParam, serviceParam, timeWindow } from './params'

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 10_000

export const traceHandlers = [
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
      const { rows, truncated, partial } = searchTraces(world, inc, {
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
      })
      return HttpResponse.json<TraceSearchResponse>({ traces: rows.map((r) => r.summary), partial: partial ? outagePartial(inc) : null, truncated })
    }),
  ),
  http.get('/api/v1/traces/:traceId', ({ params }) => {
    const id = String(params.traceId)
    const trace = buildTrace(id.toLowerCase())
    if (!trace) return notFound(`No trace with id "${id}" in the synthetic world`)
    return HttpResponse.json<TraceResponse>({ trace })
  }),
]
