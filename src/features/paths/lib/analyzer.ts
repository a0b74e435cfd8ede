/**
 * Path analysis in a Web Worker when one is available (browsers), on the calling thread otherwise
 * (tests). Every digest and aggregation of the page goes through here.
 */
import type { SampleDesign } from '../../../domain/error-chain/estimate'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import type { PathEntry } from '../../../domain/paths/digest'
import type { Trace } from '../../../domain/model'
import type { SourcesAggregate, SourceTarget } from '../../../domain/paths/sources'
import { slimTrace, slimTransferables } from '../../../domain/trace/slim-trace'
import type { SlimTrace } from '../../../domain/trace/slim-trace'
import type { PathsRequest, PathsResponse } from './analyzer-protocol'
import { DigestSessions } from './sessions'

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

/** Digests are kept where the analysis runs, per `session` (one side of one analysis). */
export interface PathAnalyzer {
  /** digests `traces` (drawn from time slices `strata`) into the session; resolves to the digests it holds */
  digest(session: string, traces: Trace[], strata: number[], entry: PathEntry): Promise<number>
  aggregate(session: string, design: SampleDesign, window: { from: number; to: number }, entry: PathEntry): Promise<PathAggregate>
  /** traffic sources: the calls arriving at `target` */
  digestSources(session: string, traces: Trace[], strata: number[], target: SourceTarget): Promise<number>
  aggregateSources(session: string, design: SampleDesign, window: { from: number; to: number }, target: SourceTarget): Promise<SourcesAggregate>
  drop(session: string): void
  dispose(): void
}

/** Traces packed for the worker, with the buffers to move. */
function pack(traces: Trace[]): { slim: SlimTrace[]; transfer: ArrayBuffer[] } {
  const slim = traces.map(slimTrace)
  return { slim, transfer: slim.flatMap(slimTransferables) }
}

export function createPathAnalyzer(useWorker = typeof Worker !== 'undefined'): PathAnalyzer {
  let worker: Worker | null = null
  let nextId = 1
  const pending = new Map<number, { resolve: (r: PathsResponse) => void; reject: (e: Error) => void }>()
  const getWorker = (): Worker | null => {
    if (!useWorker) return null
    if (!worker) {
      worker = new Worker(new URL('./paths.worker.ts', import.meta.url), { type: 'module' })
      worker.onmessage = (e: MessageEvent<PathsResponse>) => {
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
  const send = (w: Worker, req: WithoutId<PathsRequest>, transfer: Transferable[] = []): Promise<PathsResponse> => {
    const id = nextId++
    return new Promise<PathsResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      w.postMessage({ ...req, id }, transfer)
    }).then((res) => {
      if (res.type === 'error') throw new Error(res.message)
      return res
    })
  }
  const local = new DigestSessions()
  return {
    async digest(session, traces, strata, entry) {
      const w = getWorker()
      if (!w) return local.digest(session, traces, strata, entry)
      const { slim, transfer } = pack(traces)
      const res = await send(w, { type: 'digest', session, traces: slim, strata, entry }, transfer)
      if (res.type !== 'digest') throw new Error('Unexpected answer from the analysis worker.')
      return res.kept
    },
    async aggregate(session, design, window, entry) {
      const w = getWorker()
      if (!w) return local.aggregate(session, design, window, entry)
      const res = await send(w, { type: 'aggregate', session, design, window, entry })
      if (res.type !== 'aggregate') throw new Error('Unexpected answer from the analysis worker.')
      return res.result
    },
    async digestSources(session, traces, strata, target) {
      const w = getWorker()
      if (!w) return local.digestSources(session, traces, strata, target)
      const { slim, transfer } = pack(traces)
      const res = await send(w, { type: 'digest-sources', session, traces: slim, strata, target }, transfer)
      if (res.type !== 'digest') throw new Error('Unexpected answer from the analysis worker.')
      return res.kept
    },
    async aggregateSources(session, design, window, target) {
      const w = getWorker()
      if (!w) return local.aggregateSources(session, design, window, target)
      const res = await send(w, { type: 'aggregate-sources', session, design, window, target })
      if (res.type !== 'aggregate-sources') throw new Error('Unexpected answer from the analysis worker.')
      return res.result
    },
    drop(session) {
      local.drop(session)
      if (worker) void send(worker, { type: 'drop', session }).catch(() => {})
    },
    dispose() {
      worker?.terminate()
      worker = null
      for (const p of pending.values()) p.reject(new Error('Analysis cancelled.'))
      pending.clear()
    },
  }
}
