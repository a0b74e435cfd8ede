/**
 * Flame graphs, per-trace graphs and comparisons: in a Web Worker for big traces (browsers), on the
 * calling thread for small ones and where workers do not exist (tests). The worker keeps the last
 * traces it was given, so switching between views or modes does not send a trace again.
 */
import type { HandOverTap } from '../../../../api/trace-loading/trace-loader'
import type { Trace } from '../../../../domain/model'
import type { FlameGraph, FlameGroup } from '../../../../domain/trace/flame'
import { packedFormOf } from '../../../../domain/trace/packed-tree'
import { slimTrace, slimTraceInParts, slimTransferables } from '../../../../domain/trace/slim-trace'
import type { SlimTrace } from '../../../../domain/trace/slim-trace'
import { TaskSlicer } from '../../../../lib/pacer'
import type { TraceGraph, TraceGraphGroup } from '../../../../domain/trace/trace-graph'
import type { TraceTree } from '../../../../domain/trace/tree'
import { feedingTap } from './arriving-traces'
import { analyse, compareOf, flameOf, graphOf } from './compute'
import type { AnalysedTrace, ComparisonResult } from './compute'
import { workerRpc } from '../../../../lib/worker-rpc'
import type { WithoutId, WorkerRpc } from '../../../../lib/worker-rpc'
import type { AnalysisNote, AnalysisRequest, AnalysisResponse, TraceRef } from './protocol'

/** spans above which the work moves to the worker */
export const WORKER_MIN_SPANS = 5_000

type Rpc = WorkerRpc<AnalysisRequest, AnalysisResponse, AnalysisNote>

let worker: Rpc | null = null
const keys = new WeakMap<Trace, string>()
let nextKey = 1
/** keys of the traces the worker was sent (it may have forgotten some since: it then says so) */
const sent = new Set<string>()
const local = new WeakMap<Trace, Map<boolean, AnalysedTrace>>()

function getWorker(): Rpc | null {
  if (typeof Worker === 'undefined') return null
  if (!worker) {
    const w = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'trace-analysis' })
    worker = workerRpc<AnalysisRequest, AnalysisResponse, AnalysisNote>(w, (e) => {
      w.terminate()
      worker = null
      sent.clear()
      return new Error(e.message || 'The trace analysis failed.')
    })
  }
  return worker
}

function keyOf(trace: Trace): string {
  let k = keys.get(trace)
  if (!k) {
    k = `t${nextKey++}`
    keys.set(trace, k)
  }
  return k
}

/**
 * A tap on a trace's hand-over (the loader's HandOverTap) that feeds the trace to the worker as it
 * arrives, for a page that will ask for its flame graph or service graph: the worker makes the
 * spans from each packed block while the rest is on its way and puts the reader's tree together
 * when it comes, so that once the trace is loaded it holds the trace, its tree and its per-span
 * figures, and the page neither packs the trace nor sends it again. A trace below
 * WORKER_MIN_SPANS, or a read the tap joined half-way, is not fed (the views then send the trace
 * as usual), and the worker is started only once a trace is known to be fed. Null where there is
 * no worker.
 */
export function feedArrivingTrace(): HandOverTap | null {
  if (typeof Worker === 'undefined') return null
  const key = `t${nextKey++}`
  // the worker the trace is fed to, started with the first note (none for a trace too small to feed)
  let w: Rpc | null = null
  return feedingTap(
    key,
    WORKER_MIN_SPANS,
    (note, transfer) => {
      w ??= getWorker()
      w?.notify(note, transfer)
    },
    (trace) => {
      // (a worker started since holds nothing of it: the trace is then sent when asked for)
      if (!w || worker !== w) return
      keys.set(trace, key)
      sent.add(key)
      // for profiles and the end-to-end tests: the trace reached the worker while it arrived
      performance.mark('tracelens:analysis-fed')
    },
  )
}

/** A request being built: the packed traces' buffers it moves to the worker. */
type Transfers = ArrayBuffer[]

/**
 * The trace as the worker needs it: its key when the worker holds it, else the trace packed, with
 * the columns `tree` was put together from when it is the tree the reader built with this skew
 * setting (copied, not moved: the page's tree keeps using its critical path).
 */
function ref(trace: Trace, adjustSkew: boolean, force: boolean, transfer: Transfers, tree?: TraceTree, prepacked?: SlimTrace): TraceRef {
  const key = keyOf(trace)
  const known = sent.has(key) && !force
  sent.add(key)
  if (known) return { key, adjustSkew }
  const slim = prepacked ?? slimTrace(trace)
  // for profiles and the end-to-end tests: a trace packed for the worker (now, or with `prepacked` earlier)
  performance.mark('tracelens:analysis-packed')
  transfer.push(...slimTransferables(slim))
  const packed = tree ? packedFormOf(tree) : null
  return { key, adjustSkew, slim, ...(packed && packed.adjustSkew === adjustSkew ? { tree: packed } : {}) }
}

function post(w: Rpc, build: (force: boolean, transfer: Transfers) => WithoutId<AnalysisRequest>, force: boolean) {
  const transfer: Transfers = []
  const req = build(force, transfer)
  return w.send(req, transfer)
}

/** Sends a request built from the traces' refs; when the worker has forgotten a trace, sends it again once. */
async function ask(w: Rpc, build: (force: boolean, transfer: Transfers) => WithoutId<AnalysisRequest>): Promise<AnalysisResponse> {
  let res = await post(w, build, false)
  if (res.type === 'missing') res = await post(w, build, true)
  if (res.type === 'missing') throw new Error('The trace analysis lost the trace.')
  return res
}

function here(trace: Trace, adjustSkew: boolean, tree?: TraceTree): AnalysedTrace {
  let byMode = local.get(trace)
  if (!byMode) {
    byMode = new Map()
    local.set(trace, byMode)
  }
  let a = byMode.get(adjustSkew)
  if (!a) {
    a = analyse(trace, adjustSkew, tree)
    byMode.set(adjustSkew, a)
  }
  return a
}

const workerFor = (...traces: Trace[]): Rpc | null => (traces.reduce((n, t) => n + t.spans.length, 0) >= WORKER_MIN_SPANS ? getWorker() : null)

/** Leaves a performance entry the benchmark reads (bench/cases). */
function timed<T>(name: string, p: Promise<T>): Promise<T> {
  const t0 = performance.now()
  return p.then((v) => {
    performance.measure(`tracelens:${name}`, { start: t0, end: performance.now() })
    return v
  })
}

/**
 * Hands a big trace to the worker and has it build the trace's tree and per-span figures ahead of
 * need (the trace page calls it once the whole trace is shown), so that opening the flame graph or
 * the service graph later only aggregates. Does nothing for small traces.
 */
export function prepareAnalysis(trace: Trace, adjustSkew: boolean, tree?: TraceTree): Promise<void> {
  const w = workerFor(trace)
  if (!w) return Promise.resolve()
  return ask(w, (force, tr) => ({ type: 'prepare', ref: ref(trace, adjustSkew, force, tr, tree) })).then(() => undefined)
}

/**
 * As prepareAnalysis, for a page that has shown the trace and prepares its analysis when idle: the
 * trace is packed beforehand in parts, each ending its task once it has run a frame's work (packed
 * in one go, a 100k-span trace held the page for about 100 ms just after it was shown). The packed
 * trace serves the first request only, as its buffers move to the worker.
 */
export async function prepareAnalysisInParts(trace: Trace, adjustSkew: boolean, tree?: TraceTree): Promise<void> {
  const w = workerFor(trace)
  if (!w) return
  let packed = sent.has(keyOf(trace)) ? undefined : await packInParts(trace)
  await ask(w, (force, tr) => {
    const r = ref(trace, adjustSkew, force, tr, tree, packed)
    packed = undefined
    return { type: 'prepare', ref: r }
  })
  performance.mark('tracelens:analysis-prepared')
}

function packInParts(trace: Trace): Promise<SlimTrace> {
  const slicer = new TaskSlicer()
  return slimTraceInParts(trace, () => slicer.turn())
}

/** Traces handed over early (handOver), and who waits to hear of one. */
const handed = new WeakSet<Trace>()
const handedListeners = new Set<() => void>()

/**
 * Hands a trace to the worker now (packing and posting it on this thread before returning), for a
 * page that will ask for an analysis of it soon, and tells subscribeHandOvers' listeners. Marks
 * the trace as handed over even where there is no worker or the trace is small (then there was
 * nothing to do), so a page waiting on it never waits for good.
 */
export function handOver(trace: Trace, adjustSkew: boolean, tree?: TraceTree): void {
  if (handed.has(trace)) return
  void prepareAnalysis(trace, adjustSkew, tree).catch(() => undefined)
  handed.add(trace)
  for (const l of handedListeners) l()
}

export const isHandedOver = (trace: Trace): boolean => handed.has(trace)

export function subscribeHandOvers(listener: () => void): () => void {
  handedListeners.add(listener)
  return () => handedListeners.delete(listener)
}

/** The flame graph of a trace; `tree`, when the caller has built it with the same skew setting, is reused on the calling thread. */
export function flameGraphOf(trace: Trace, adjustSkew: boolean, group: FlameGroup, tree?: TraceTree): Promise<FlameGraph> {
  const w = workerFor(trace)
  if (!w) return timed('flame', Promise.resolve().then(() => flameOf(here(trace, adjustSkew, tree), group)))
  return timed(
    'flame',
    ask(w, (force, tr) => ({ type: 'flame', ref: ref(trace, adjustSkew, force, tr, tree), group })).then((r) => {
      if (r.type !== 'flame') throw new Error('Unexpected answer from the trace analysis.')
      return r.flame
    }),
  )
}

export function traceGraphOf(trace: Trace, adjustSkew: boolean, group: TraceGraphGroup, tree?: TraceTree): Promise<TraceGraph> {
  const w = workerFor(trace)
  if (!w) return timed('trace-graph', Promise.resolve().then(() => graphOf(here(trace, adjustSkew, tree), group)))
  return timed(
    'trace-graph',
    ask(w, (force, tr) => ({ type: 'graph', ref: ref(trace, adjustSkew, force, tr, tree), group })).then((r) => {
      if (r.type !== 'graph') throw new Error('Unexpected answer from the trace analysis.')
      return r.graph
    }),
  )
}

/** Two traces compared path by path (clock skew corrected in both); `treeA`, `treeB`: their skew-corrected trees, when the caller has them. */
export function compareTracesOf(a: Trace, b: Trace, treeA?: TraceTree, treeB?: TraceTree): Promise<ComparisonResult> {
  const w = workerFor(a, b)
  if (!w) return timed('compare', Promise.resolve().then(() => compareOf(here(a, true, treeA), here(b, true, treeB))))
  return timed(
    'compare',
    ask(w, (force, tr) => ({ type: 'compare', a: ref(a, true, force, tr, treeA), b: ref(b, true, force, tr, treeB) })).then((r) => {
      if (r.type !== 'compare') throw new Error('Unexpected answer from the trace analysis.')
      return r.result
    }),
  )
}
