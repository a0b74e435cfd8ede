/// <reference lib="webworker" />
/** Digests traces and aggregates path trees off the main thread. */
import { aggregatePaths } from '../../domain/paths/aggregate'
import { digestPathTrace } from '../../domain/paths/digest'
import type { PathsRequest, PathsResponse } from './analyzer-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (e: MessageEvent<PathsRequest>) => {
  const req = e.data
  let res: PathsResponse
  const t0 = performance.now()
  try {
    if (req.type === 'digest') {
      res = { id: req.id, type: 'digest', digests: req.traces.map((t) => digestPathTrace(t, req.entry)), ms: performance.now() - t0 }
    } else {
      res = { id: req.id, type: 'aggregate', result: aggregatePaths(req.digests, req.design, req.window, req.entry), ms: performance.now() - t0 }
    }
  } catch (err) {
    res = { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(res)
}
