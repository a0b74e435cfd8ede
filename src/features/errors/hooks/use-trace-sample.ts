import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import { allocateSample } from '../../../domain/error-chain/census'
import type { TraceDigest } from '../../../domain/error-chain/digest'
import { designOf } from '../../../domain/error-chain/estimate'
import type { SampleDesign } from '../../../domain/error-chain/estimate'
import { spreadOrder } from '../../../domain/error-chain/sample'
import type { Partiality, Trace } from '../../../domain/model'
import type { ChainAnalyzer } from '../lib/analyzer'
import { listWindow } from '../../../api/listing/list-window'

/** error traces fetched and analysed per window */
export const SAMPLE_SIZE = 300
const CONCURRENCY = 6
/** traces are handed to the analysis in batches of at most this many traces or spans, so each
 * hand-over (a structured clone on the main thread when a worker analyses) stays short */
const BATCH_TRACES = 25
const BATCH_SPANS = 2_000
/** ms between two progress counts on screen: a render per fetched trace kept the page's main thread
 * busy with hundreds of renders while the traces arrive */
const PROGRESS_MS = 150

export type SamplePhase = 'searching' | 'fetching' | 'done' | 'cancelled' | 'error'

export interface SampleState {
  phase: SamplePhase
  /** the listing of the window's stored error traces, stratum by stratum (null while listing) */
  design: SampleDesign | null
  /** strata listed so far, of `strata` */
  listedStrata: number
  strata: number
  partial: Partiality | null
  /** traces picked for analysis */
  total: number
  fetched: number
  failed: number
  digests: TraceDigest[]
  error: unknown
}

const initial: SampleState = { phase: 'searching', design: null, listedStrata: 0, strata: 0, partial: null, total: 0, fetched: 0, failed: 0, digests: [], error: null }

function mergePartial(a: Partiality | null, b: Partiality): Partiality {
  if (!a) return b
  const missingDcs = [...new Set([...a.missingDcs, ...b.missingDcs])].sort()
  const reason = a.reason === b.reason || !b.reason ? a.reason : a.reason ? `${a.reason}; ${b.reason}` : b.reason
  return { missingDcs, reason }
}


export interface SampleScope {
  from: number
  to: number
  service?: string
  dc?: string
}

/**
 * Lists the window's stored error traces stratum by stratum over the whole window (census.ts),
 * draws a bounded analysis sample stratified in time, fetches each trace with bounded
 * concurrency through the shared query cache (so the trace page reuses them) and digests them.
 * Progress is reported as it goes; `cancel()` stops fetching and keeps what was analysed.
 */
export function useTraceSample(scope: SampleScope, analyzer: ChainAnalyzer) {
  const source = useDataSource()
  const queryClient = useQueryClient()
  const [stored, setState] = useState<SampleState & { key: string }>({ ...initial, key: '' })
  const [run, setRun] = useState(0)
  const abortRef = useRef<AbortController | null>(null)
  const { from, to, service, dc } = scope
  const scopeKey = `${source.id}|${from}|${to}|${service ?? ''}|${dc ?? ''}|${run}`
  const state: SampleState = stored.key === scopeKey ? stored : initial

  useEffect(() => {
    const ac = new AbortController()
    abortRef.current = ac
    const update = (patch: Partial<SampleState> | ((s: SampleState) => Partial<SampleState>)) => {
      if (ac.signal.aborted) return
      setState((prev) => {
        const s = prev.key === scopeKey ? prev : { ...initial, key: scopeKey }
        return { ...s, ...(typeof patch === 'function' ? patch(s) : patch) }
      })
    }
    const started: string[] = []

    async function go() {
      const search = (q: { from: number; to: number; limit: number }) =>
        queryClient.fetchQuery(traceQueries.search(source, { ...q, status: 'error', service, dc }))
      const listings = await listWindow(search, { from, to }, {
        signal: ac.signal,
        onPartial: (p) => update((s) => ({ partial: mergePartial(s.partial, p) })),
        onStratum: (done, of) => update({ listedStrata: done, strata: of }),
      })
      if (ac.signal.aborted) return
      const design = designOf(listings)
      const stratumOf = new Map<string, number>()
      const allocated = allocateSample(listings, SAMPLE_SIZE)
      for (const a of allocated) stratumOf.set(a.trace.traceId, a.stratum)
      // fetched spread over the window, so the early answer from the first traces is not skewed in time
      const picked = spreadOrder(allocated.map((a) => a.trace).sort((a, b) => a.startTime - b.startTime))
      update({ phase: 'fetching', design, total: picked.length })
      let next = 0
      let fetched = 0
      let failed = 0
      let progressTimer: ReturnType<typeof setTimeout> | undefined
      const showProgress = () => {
        clearTimeout(progressTimer)
        progressTimer = undefined
        update({ fetched, failed })
      }
      const progress = () => {
        progressTimer ??= setTimeout(showProgress, PROGRESS_MS)
      }
      ac.signal.addEventListener('abort', () => clearTimeout(progressTimer))
      let batch: Trace[] = []
      let batchSpans = 0
      const pendingDigests: Promise<void>[] = []
      const flush = () => {
        if (batch.length === 0) return
        const traces = batch
        batch = []
        batchSpans = 0
        pendingDigests.push(
          analyzer.digest(traces).then((ds) => {
            for (const d of ds) d.stratum = stratumOf.get(d.traceId) ?? -1
            update((s) => ({ digests: s.digests.concat(ds) }))
          }),
        )
      }
      const lane = async () => {
        while (!ac.signal.aborted && next < picked.length) {
          const summary = picked[next++]
          if (!summary) break
          started.push(summary.traceId)
          try {
            // await first: a flush during the fetch replaces `batch`
            const trace = await queryClient.fetchQuery(traceQueries.detail(source, summary.traceId))
            batch.push(trace)
            batchSpans += trace.spans.length
            fetched++
          } catch {
            if (ac.signal.aborted) return
            fetched++
            failed++
          }
          progress()
          if (batch.length >= BATCH_TRACES || batchSpans >= BATCH_SPANS) flush()
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, lane))
      showProgress()
      flush()
      await Promise.all(pendingDigests)
      update({ phase: 'done' })
    }

    go().catch((error: unknown) => update({ phase: 'error', error }))
    return () => {
      ac.abort()
      const detailKey = traceQueries.all(source)
      void queryClient.cancelQueries({
        predicate: (q) => q.queryKey[0] === detailKey[0] && q.queryKey[2] === 'detail' && started.includes(String(q.queryKey[3])) && q.state.data === undefined,
      })
    }
  }, [source, queryClient, analyzer, from, to, service, dc, scopeKey])

  const cancel = useCallback(() => {
    abortRef.current?.abort()
    setState((s) => (s.phase === 'fetching' || s.phase === 'searching' ? { ...s, phase: 'cancelled' } : s))
  }, [])
  const restart = useCallback(() => setRun((r) => r + 1), [])
  return { state, cancel, restart, run }
}
