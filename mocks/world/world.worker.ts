/// <reference lib="webworker" />
/**
 * The synthetic backend's world, off the page's main thread: generating traces, scanning the
 * search window, building topologies and metric series all run here, so the console's own
 * main-thread work is measured and felt as it would be against a real backend.
 */
import './worker-globals'
import { getResponse } from 'msw'
import { pinNow } from '../../src/lib/clock'
import { apiHandlers } from '../handlers/api'
import { setLiveAnchor } from '../synthetic/incidents'
import { buildTrace } from '../synthetic/trace'
import { setWorldScale, worldSize } from '../synthetic/world'
import type { SerializedResponse, TraceTiming, WorldRequest, WorldResponse } from './protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope

function timeTrace(traceId: string): TraceTiming | null {
  const t0 = performance.now()
  const trace = buildTrace(traceId)
  const t1 = performance.now()
  if (!trace) return null
  const chars = JSON.stringify({ trace }).length
  return { generateMs: t1 - t0, serialiseMs: performance.now() - t1, spans: trace.spans.length, chars }
}

async function answer(req: WorldRequest): Promise<{ res: WorldResponse; transfer: Transferable[] }> {
  switch (req.type) {
    case 'init': {
      pinNow(req.knobs.pinnedNow)
      if (req.knobs.scale !== null) setWorldScale(req.knobs.scale)
      setLiveAnchor(req.knobs.anchor, req.knobs.anchorGiven)
      const size = worldSize()
      return { res: { id: req.id, type: 'ready', services: size.services, baseServices: size.base }, transfer: [] }
    }
    case 'timeTrace':
      return { res: { id: req.id, type: 'timing', timing: timeTrace(req.traceId) }, transfer: [] }
    case 'fetch': {
      const { method, url, headers, body } = req.request
      const request = new Request(url, { method, headers, body })
      const response = await getResponse(apiHandlers, request)
      if (!response) return { res: { id: req.id, type: 'response', response: null }, transfer: [] }
      const out: SerializedResponse = {
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        body: response.body ? await response.arrayBuffer() : null,
      }
      return { res: { id: req.id, type: 'response', response: out }, transfer: out.body ? [out.body] : [] }
    }
  }
}

scope.onmessage = (e: MessageEvent<WorldRequest>) => {
  const req = e.data
  answer(req).then(
    ({ res, transfer }) => scope.postMessage(res, transfer),
    (err: unknown) => scope.postMessage({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies WorldResponse),
  )
}
