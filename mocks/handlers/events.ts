import { http, HttpResponse } from 'msw'
import type { AlertsResponse, ChangesResponse, LogsResponse } from '../../src/api/schemas/events'
import type { ServicesResponse } from '../../src/api/schemas/service'
import { alertsIn, changesIn } from '../synthetic/events'
import { currentIncidents } from '../synthetic/incidents'
import { logsOf } from '../synthetic/logs'
import { listServices } from '../synthetic/services'
import { buildTrace } from '../synthetic/trace'
import { getWorld } from '../synthetic/world'
import { guarded, notFound, ParamError, serviceParam, timeWindow } from './params'

export const eventHandlers = [
  http.get('/api/v1/services', ({ request }) =>
    guarded(() => {
      timeWindow(new URL(request.url).searchParams)
      return HttpResponse.json<ServicesResponse>(listServices(getWorld()))
    }),
  ),
  http.get('/api/v1/changes', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const world = getWorld()
      const { from, to } = timeWindow(p)
      const svc = serviceParam(world, p, false)
      return HttpResponse.json<ChangesResponse>({ changes: changesIn(world, currentIncidents(), from, to, svc?.name) })
    }),
  ),
  http.get('/api/v1/alerts', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const { from, to } = timeWindow(p)
      const svc = serviceParam(getWorld(), p, false)
      return HttpResponse.json<AlertsResponse>({ alerts: alertsIn(currentIncidents(), from, to, svc?.name) })
    }),
  ),
  http.get('/api/v1/logs', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const traceId = p.get('traceId')
      if (!traceId) throw new ParamError('traceId', 'traceId is required')
      const spanId = p.get('spanId') ?? undefined
      const trace = buildTrace(traceId.toLowerCase())
      if (!trace) return notFound(`No trace with id "${traceId}" in the synthetic world`)
      if (spanId && !trace.spans.some((s) => s.spanId === spanId)) throw new ParamError('spanId', `trace ${traceId} has no span "${spanId}"`)
      return HttpResponse.json<LogsResponse>({ logs: logsOf(trace, spanId) })
    }),
  ),
]
