import { workerRpc } from '../../src/lib/worker-rpc'
import type { SerializedRequest, TraceTiming, WorldKnobs, WorldRequest, WorldResponse } from './protocol'

export interface WorldClient {
  /** services in this world and in the default world */
  size: { services: number; base: number }
  /** the world's answer to a console API request, or undefined when no handler matches */
  fetch(request: Request): Promise<Response | undefined>
  timeTrace(traceId: string): Promise<TraceTiming | null>
}

/** Starts the world worker with the page's knobs and resolves once it has taken them. */
export async function startWorldWorker(knobs: WorldKnobs, name = 'synthetic-world'): Promise<WorldClient> {
  const worker = new Worker(new URL('./world.worker.ts', import.meta.url), { type: 'module', name })
  const rpc = workerRpc<WorldRequest, WorldResponse>(worker, (e) => new Error(`The synthetic backend stopped: ${e.message || 'its worker failed to load'}.`))
  const send = rpc.send

  const ready = await send({ type: 'init', knobs })
  const size = ready.type === 'ready' ? { services: ready.services, base: ready.baseServices } : { services: 0, base: 0 }

  return {
    size,
    async fetch(request) {
      const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer()
      const serialized: SerializedRequest = { method: request.method, url: request.url, headers: [...request.headers], body }
      const res = await send({ type: 'fetch', request: serialized }, body ? [body] : [])
      if (res.type !== 'response' || !res.response) return undefined
      const { status, statusText, headers, body: resBody } = res.response
      return new Response(resBody, { status, statusText, headers })
    },
    async timeTrace(traceId) {
      const res = await send({ type: 'timeTrace', traceId })
      return res.type === 'timing' ? res.timing : null
    },
  }
}
