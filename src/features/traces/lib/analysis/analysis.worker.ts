/// <reference lib="webworker" />
/** Works out flame graphs, per-trace graphs and comparisons of big traces off the main thread. */
import { flameTransferables } from '../../../../domain/trace/flame'
import { restoreTrace } from '../../../../domain/trace/slim-trace'
import { ArrivingTraces } from './arriving-traces'
import { analyseWithTree, compareOf, flameOf, graphOf } from './compute'
import type { AnalysedTrace } from './compute'
import type { Trace } from '../../../../domain/model'
import type { AnalysisNote, AnalysisRequest, AnalysisResponse, TraceRef } from './protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
/** traces held at once: a comparison needs two */
const HELD = 2
const traces = new Map<string, Trace>()
const analysed = new Map<string, AnalysedTrace>()

/** Keeps `value` under `key` as the most recently used, forgetting the oldest beyond HELD. */
function remember<V>(m: Map<string, V>, key: string, value: V): void {
  m.delete(key)
  m.set(key, value)
  while (m.size > HELD) m.delete(m.keys().next().value as string)
}

/** The key an analysis is held under: the trace's, and its skew setting. */
const analysisId = (key: string, adjustSkew: boolean) => `${key}|${adjustSkew ? 'skew' : 'raw'}`

/** Traces being fed as they arrive (AnalysisNote). */
const arriving = new ArrivingTraces()

/** Takes the next message of a trace being fed; once it is whole, holds it with its tree and per-span figures. */
function feed(note: AnalysisNote): void {
  const fed = arriving.take(note)
  if (!fed) return
  remember(traces, fed.key, fed.trace)
  remember(analysed, analysisId(fed.key, fed.adjustSkew), fed.analysed)
}

function take(ref: TraceRef): AnalysedTrace | null {
  const trace = ref.slim ? restoreTrace(ref.slim) : traces.get(ref.key)
  if (!trace) return null
  remember(traces, ref.key, trace)
  const id = analysisId(ref.key, ref.adjustSkew)
  const a = analysed.get(id) ?? analyseWithTree(trace, ref.adjustSkew, ref.tree)
  remember(analysed, id, a)
  return a
}

scope.onmessage = (e: MessageEvent<AnalysisRequest | AnalysisNote>) => {
  if (!('id' in e.data)) return feed(e.data)
  const req = e.data
  const t0 = performance.now()
  let res: AnalysisResponse
  let transfer: ArrayBuffer[] = []
  try {
    const refs = req.type === 'compare' ? [req.a, req.b] : [req.ref]
    const got = refs.map(take)
    const missing = refs.filter((_, i) => !got[i]).map((r) => r.key)
    if (missing.length > 0) res = { id: req.id, type: 'missing', keys: missing }
    else if (req.type === 'prepare') res = { id: req.id, type: 'prepared', ms: performance.now() - t0 }
    else if (req.type === 'flame') {
      const flame = flameOf(got[0] as AnalysedTrace, req.group)
      transfer = flameTransferables(flame)
      res = { id: req.id, type: 'flame', flame, ms: performance.now() - t0 }
    } else if (req.type === 'graph') {
      res = { id: req.id, type: 'graph', graph: graphOf(got[0] as AnalysedTrace, req.group), ms: performance.now() - t0 }
    } else {
      res = { id: req.id, type: 'compare', result: compareOf(got[0] as AnalysedTrace, got[1] as AnalysedTrace), ms: performance.now() - t0 }
    }
  } catch (err) {
    res = { id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) }
  }
  scope.postMessage(res, transfer)
}
