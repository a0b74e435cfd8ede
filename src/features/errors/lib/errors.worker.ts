/// <reference lib="webworker" />
/** Runs chain extraction and aggregation off the main thread. */
import { aggregateChains } from '../../../domain/error-chain/aggregate'
import { digestTrace } from '../../../domain/error-chain/digest'
import type { AnalyzerRequest, AnalyzerResponse } from './analyzer-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (e: MessageEvent<AnalyzerRequest>) => {
  const req = e.data
  let res: AnalyzerResponse
  const t0 = performance.now()
  try {
    if (req.type === 'digest') {
      const digests = req.traces.map(digestTrace)
      res = { id: req.id, type: 'digest', digests, ms: performance.now() - t0 }
    } else {
      const result = aggregateChains(req.current, req.baseline, req.currentInfo, req.baselineInfo, req.opts)
      res = { id: req.id, type: 'aggregate', result, ms: performance.now() - t0 }
    }
  } catch (err) {
    res = { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(res)
}
