import { http, HttpResponse } from 'msw'
import type { TopologyResponse } from '../../src/api/schemas/topology'
import { currentIncidents } from '../synthetic/incidents'
import { buildTopology, focusTopology } from '../synthetic/topology'
import { getWorld } from '../synthetic/world'
import { guarded, num, oneOf, ParamError, timeWindow } from './params'

export const topologyHandlers = [
  http.get('/api/v1/topology', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const { from, to } = timeWindow(p)
      const groupBy = oneOf(p, 'groupBy', ['service', 'method', 'cluster', 'dc', 'version'] as const) ?? 'service'
      const up = num(p, 'up', { min: 0, max: 5, integer: true, unit: 'hops' })
      const down = num(p, 'down', { min: 0, max: 5, integer: true, unit: 'hops' })
      const focus = p.get('focus')
      const full = buildTopology(getWorld(), currentIncidents(), { from, to, groupBy })
      if (!focus) return HttpResponse.json<TopologyResponse>(full)
      const focused = focusTopology(full, focus, up ?? 2, down ?? 2)
      if (!focused) throw new ParamError('focus', `no node or service "${focus}" in the topology`)
      return HttpResponse.json<TopologyResponse>(focused)
    }),
  ),
]
