/**
 * Chain analysis, in a Web Worker when the input is large and a worker is available
 * (browsers), on the calling thread otherwise (small inputs, tests).
 */
import { aggregateChains } from '../../domain/error-chain/aggregate'
import type { AggregateOptions, ChainAggregate } from '../../domain/error-chain/aggregate'
import type { SampleDesign } from '../../domain/error-chain/estimate'
import { digestTrace } from '../../domain/error-chain/digest'
import type { TraceDigest } from '../../domain/error-chain/digest'
import type { Trace } from '../../domain/model'
import type { AnalyzerRequest, AnalyzerResponse } from './analyzer-protocol'

/** spans per batch above which extraction moves to the worker */
export const WORKER_MIN_SPANS = 1_000
/** digests above which aggregation moves to the worker */
export const WORKER_MIN_DIGESTS = 300

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never
type Pending = { resolve: (r: AnalyzerResponse) => void; reject: (e: Error) => void }

export interface ChainAnalyzer {
  digest(traces: Trace[]): Promise<TraceDigest[]>
  aggregate(current: TraceDigest[], baseline: TraceDigest[], currentInfo: SampleDesign, baselineInfo: SampleDesign, opts: AggregateOptions): Promise<ChainAggregate>
  dispose(): void
}

export function createChainAnalyzer(): ChainAnalyzer {
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<number, Pending>()

  const getWorker = (): Worker | null => {
    if (typeof Worker === 'undefined') return null
    if (!worker) {
      worker = new Worker(new URL('./errors.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = (e: MessageEvent<AnalyzerResponse>) => {
        const p = pending.get(e.data.id)
        pending.delete(e.data.id)
        p?.resolve(e.data)
      }
      worker.onerror = (e) => {
        for (const p of pending.values()) p.reject(new Error(e.message || 'The analysis worker failed.'))
        pending.clear()
      }
    }
    return worker
  }

  const send = (w: Worker, req: WithoutId<AnalyzerRequest>): Promise<AnalyzerResponse> => {
    const id = nextId++
    return new Promise<AnalyzerResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      w.postMessage({ ...req, id })
    }).then((res) => {
      if (res.type === 'error') throw new Error(res.message)
      return res
    })
  }

  return {
    async digest(traces) {
      const spans = traces.reduce((s, t) => s + t.spans.length, 0)
      const w = spans >= WORKER_MIN_SPANS ? getWorker() : null
      if (!w) return traces.map(digestTrace)
      const res = await send(w, { type: 'digest', traces })
      return res.type === 'digest' ? res.digests : []
    },
    async aggregate(current, baseline, currentInfo, baselineInfo, opts) {
      const w = current.length + baseline.length >= WORKER_MIN_DIGESTS ? getWorker() : null
      if (!w) return aggregateChains(current, baseline, currentInfo, baselineInfo, opts)
      const res = await send(w, { type: 'aggregate', current, baseline, currentInfo, baselineInfo, opts })
      if (res.type !== 'aggregate') throw new Error('Unexpected answer from the analysis worker.')
      return res.result
    },
    dispose() {
      worker?.terminate()
      worker = null
      for (const p of pending.values()) p.reject(new Error('Analysis cancelled.'))
      pending.clear()
    },
  }
}
