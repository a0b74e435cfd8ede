/// <reference lib="webworker" />
/** Digests traces and aggregates path trees off the main thread; the digests stay here. */
import { restoreTrace } from '../../../domain/trace/slim-trace'
import type { PathsRequest, PathsResponse } from './analyzer-protocol'
import { DigestSessions } from './sessions'

const scope = self as unknown as DedicatedWorkerGlobalScope
const sessions = new DigestSessions()

scope.onmessage = (e: MessageEvent<PathsRequest>) => {
  // the clock starts before the message is read: the browser copies its data in on first access
  const t0 = performance.now()
  const req = e.data
  let res: PathsResponse
  try {
    if (req.type === 'digest') res = { id: req.id, type: 'digest', kept: sessions.digest(req.session, req.traces.map(restoreTrace), req.strata, req.entry), ms: performance.now() - t0 }
    else if (req.type === 'digest-sources') res = { id: req.id, type: 'digest', kept: sessions.digestSources(req.session, req.traces.map(restoreTrace), req.strata, req.target), ms: performance.now() - t0 }
    else if (req.type === 'aggregate-sources') res = { id: req.id, type: 'aggregate-sources', result: sessions.aggregateSources(req.session, req.design, req.window, req.target), ms: performance.now() - t0 }
    else if (req.type === 'aggregate') res = { id: req.id, type: 'aggregate', result: sessions.aggregate(req.session, req.design, req.window, req.entry), ms: performance.now() - t0 }
    else {
      sessions.drop(req.session)
      res = { id: req.id, type: 'drop' }
    }
  } catch (err) {
    res = { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(res)
}
