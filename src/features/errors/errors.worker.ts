/// <reference lib="webworker" />
/** Runs chain extraction and aggregation off the main thread. */
import { aggregateChains } from '../../domain/error-chain/aggregate'
import { digestTrace } from '../../domain/error-chain/digest'
import type { AnalyzerRequest, AnalyzerResponse } from './analyzer-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = (e: MessageEvent<AnalyzerRequest>) => {
  const req = e.data
  let res: AnalyzerResponse
  try {
    res =
      req.type === 'digest'
        ? { id: req.id, type: 'digest', digests: req.traces.map(digestTrace) }
        : { id: req.id, type: 'aggregate', result: aggregateChains(req.current, req.baseline, req.currentInfo, req.baselineInfo, req.opts) }
  } catch (err) {
    res = { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(res)
}
