import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react'
import type { Trace } from '../../../domain/model'
import type { TraceTree } from '../../../domain/trace/tree'
import { useTraceLoader } from '../../../api/trace-loading/hooks'
import { feedArrivingTrace, handOver, isHandedOver, prepareAnalysis, prepareAnalysisInParts, subscribeHandOvers, WORKER_MIN_SPANS } from '../lib/analysis/analysis-client'

export type AnalysisState<T> = { status: 'working' } | { status: 'done'; value: T } | { status: 'failed'; message: string }

/**
 * The answer of an asynchronous analysis for the current inputs (`key` says when they change).
 * The previous answer is dropped as soon as the inputs change: a view never shows one trace's
 * figures under another's name.
 */
export function useAnalysis<T>(key: string, run: () => Promise<T>): AnalysisState<T> {
  const [state, setState] = useState<{ key: string; state: AnalysisState<T> } | null>(null)
  const start = useEffectEvent(run)
  useEffect(() => {
    let alive = true
    start()
      .then((value) => alive && setState({ key, state: { status: 'done', value } }))
      .catch((e: unknown) => alive && setState({ key, state: { status: 'failed', message: e instanceof Error ? e.message : String(e) } }))
    return () => {
      alive = false
    }
  }, [key])
  return state && state.key === key ? state.state : { status: 'working' }
}

/**
 * Prepares a big trace's analysis in the worker (see prepareAnalysis): once the browser is idle
 * after the trace is shown (`idle`: the trace page), or at once (`now`: the comparison, whose first
 * trace can be analysed while the second still arrives). A failure here is not shown: the view
 * that needs the analysis asks again and shows its own error.
 */
export function usePreparedAnalysis(trace: Trace | undefined, adjustSkew: boolean, when: 'idle' | 'now' = 'idle', tree?: TraceTree | null): void {
  useEffect(() => {
    if (!trace || trace.spans.length < WORKER_MIN_SPANS) return
    // when idle, the trace is packed in parts (the page stays responsive meanwhile)
    const prepare = when === 'idle' ? prepareAnalysisInParts : prepareAnalysis
    const run = () => void prepare(trace, adjustSkew, tree ?? undefined).catch(() => undefined)
    if (when === 'idle' && typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 1000 })
      return () => cancelIdleCallback(id)
    }
    const id = setTimeout(run, 0)
    return () => clearTimeout(id)
  }, [trace, adjustSkew, when, tree])
}

/**
 * For a page that will ask the worker about trace `traceId` of source `sourceId` (`wanted`): the
 * trace is fed to the worker as it arrives if it is read in a reader worker and big enough for the
 * worker (feedArrivingTrace; the worker starts with the trace's first note), so that once loaded
 * the trace is there with its tree and figures. Stops feeding when the page no longer wants it.
 */
export function useFedTrace(sourceId: string, traceId: string, wanted: boolean): void {
  const loader = useTraceLoader()
  useEffect(() => {
    if (!wanted || !traceId) return
    const tap = feedArrivingTrace()
    if (!tap) return
    const stop = loader.tap(sourceId, traceId, tap)
    return () => {
      stop()
      // (after the trace came whole this does nothing: the worker keeps it)
      tap.failed()
    }
  }, [loader, sourceId, traceId, wanted])
}


/**
 * For a page opened on a view the worker computes (the flame graph, the service graph): hands a
 * big trace to the worker as soon as it is loaded, before the page builds its own tree, so that
 * the worker builds its tree and per-span figures on another core meanwhile. Returns whether the
 * page may go on (true at once for small traces, other views, or once the trace was handed over);
 * until then the caller keeps showing what it showed while the trace arrived.
 */
export function useEarlyHandOver(trace: Trace | undefined, adjustSkew: boolean, wanted: boolean, tree?: TraceTree | null): boolean {
  const early = Boolean(trace && wanted && trace.spans.length >= WORKER_MIN_SPANS)
  const handed = useSyncExternalStore(subscribeHandOvers, () => (trace ? isHandedOver(trace) : false))
  useEffect(() => {
    if (early && trace) handOver(trace, adjustSkew, tree ?? undefined)
  }, [early, trace, adjustSkew, tree])
  return !early || handed
}
