/**
 * Chain analysis, in a Web Worker when the input is large and a worker is available
 * (browsers), on the calling thread otherwise (small inputs, tests).
 */
import { aggregateChains } from '../../../domain/error-chain/aggregate'
import type { AggregateOptions, ChainAggregate } from '../../../domain/error-chain/aggregate'
import type { SampleDesign } from '../../../domain/error-chain/estimate'
import { digestTrace } from '../../../domain/error-chain/digest'
import type { TraceDigest } from '../../../domain/error-chain/digest'
import type { Trace } from '../../../domain/model'
import { workerRpc } from '../../../lib/worker-rpc'
import type { WorkerRpc } from '../../../lib/worker-rpc'
import type { AnalyzerRequest, AnalyzerResponse } from './analyzer-protocol'

/** spans per batch above which extraction moves to the worker */
export const WORKER_MIN_SPANS = 1_000
/** digests above which aggregation moves to the worker */
export const WORKER_MIN_DIGESTS = 300

export interface ChainAnalyzer {
  digest(traces: Trace[]): Promise<TraceDigest[]>
  aggregate(current: TraceDigest[], baseline: TraceDigest[], currentInfo: SampleDesign, baselineInfo: SampleDesign, opts: AggregateOptions): Promise<ChainAggregate>
  dispose(): void
}

export function createChainAnalyzer(): ChainAnalyzer {
  let worker: Worker | null = null
  let rpc: WorkerRpc<AnalyzerRequest, AnalyzerResponse> | null = null

  const getWorker = (): WorkerRpc<AnalyzerRequest, AnalyzerResponse> | null => {
    if (typeof Worker === 'undefined') return null
    if (!worker || !rpc) {
      worker = new Worker(new URL('./errors.worker.ts', import.meta.url), { type: 'module' })
      rpc = workerRpc<AnalyzerRequest, AnalyzerResponse>(worker, (e) => new Error(e.message || 'The analysis worker failed.'))
    }
    return rpc
  }

  return {
    async digest(traces) {
      const spans = traces.reduce((s, t) => s + t.spans.length, 0)
      const w = spans >= WORKER_MIN_SPANS ? getWorker() : null
      if (!w) return traces.map(digestTrace)
      const res = await w.send({ type: 'digest', traces })
      return res.type === 'digest' ? res.digests : []
    },
    async aggregate(current, baseline, currentInfo, baselineInfo, opts) {
      const w = current.length + baseline.length >= WORKER_MIN_DIGESTS ? getWorker() : null
      if (!w) return aggregateChains(current, baseline, currentInfo, baselineInfo, opts)
      const res = await w.send({ type: 'aggregate', current, baseline, currentInfo, baselineInfo, opts })
      if (res.type !== 'aggregate') throw new Error('Unexpected answer from the analysis worker.')
      return res.result
    },
    dispose() {
      worker?.terminate()
      worker = null
      rpc?.rejectAll(new Error('Analysis cancelled.'))
      rpc = null
    },
  }
}
