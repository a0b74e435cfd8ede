import { http, HttpResponse } from 'msw'
import type { ErrorVolumesResponse } from '../../src/api/schemas/errors'
import { currentIncidents, outagePartial, overlapsOutage } from '../synthetic/incidents'
import { BoundedCache, WORLD_CACHE_IDLE_MS } from '../synthetic/bounded-cache'
import { volumesAnswer } from '../synthetic/error-volumes'
import { getWorld } from '../synthetic/world'
import { DCS } from '../synthetic/world-catalog'
import { guarded, oneOf, serviceParam, timeWindow } from './params'

const DAY = 86_400_000

/** What the synthetic world's counts rest on, in the words the page shows. */
export const MODEL_NOTE =
  "computed by the synthetic backend from its traffic model over every request of the window: the model's expected counts (no sampling), the same model its metrics come from"

/** Recent answers (a window and its filters), so a page that asks again does not pay the pass again; bounded. */
const answers = new BoundedCache<string, string>({ maxWeight: 24, idleMs: WORLD_CACHE_IDLE_MS })

export const errorHandlers = [
  http.get('/api/v1/errors/volumes', ({ request }) =>
    guarded(() => {
      const p = new URL(request.url).searchParams
      const world = getWorld()
      const inc = currentIncidents()
      const { from, to } = timeWindow(p)
      const svc = serviceParam(world, p, false)
      const dcName = oneOf(p, 'dc', DCS)
      const key = `${world.scale}|${inc.anchor}|${from}|${to}|${svc?.name ?? ''}|${dcName ?? ''}`
      let body = answers.get(key)
      if (body === undefined) {
        const filter = { dc: dcName ? DCS.indexOf(dcName) : undefined, service: svc?.name }
        const partial = (!dcName || dcName === 'dc-west') && (overlapsOutage(inc, from, to) || overlapsOutage(inc, from - DAY, to - DAY))
        const answer: ErrorVolumesResponse = {
          basis: { kind: 'model', note: MODEL_NOTE },
          window: volumesAnswer(world, inc, from, to, filter),
          yesterday: volumesAnswer(world, inc, from - DAY, to - DAY, filter),
          partial: partial ? outagePartial(inc) : null,
        }
        body = JSON.stringify(answer)
        answers.set(key, body)
      }
      return new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } })
    }),
  ),
]
