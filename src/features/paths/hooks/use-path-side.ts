import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'
import type { TagFilter } from '../../../api/sources/data-source'
import { allocateSample } from '../../../domain/error-chain/census'
import { designOf } from '../../../domain/error-chain/estimate'
import { spreadOrder } from '../../../domain/error-chain/sample'
import type { PathAggregate } from '../../../domain/paths/aggregate'
import type { SourcesAggregate } from '../../../domain/paths/sources'
import type { Partiality, Trace } from '../../../domain/model'
import type { PathAnalyzer } from '../lib/analyzer'
import { listedDurationQuantile, listEntry, splitListing } from '../../../api/listing/list-entry'

/** One side of the analysis: the entry, its window and conditions. */
export interface SideQuery {
  /** paths: the tree below an entry; sources: the calls arriving at a service (operation optional: '' for all) */
  kind?: 'paths' | 'sources'
  from: number
  to: number
  service: string
  operation: string
  tags: TagFilter[]
  status?: 'ok' | 'error'
  dc?: string
  /** µs */
  minDuration?: number
  maxDuration?: number
  /** slow: at or above the listed traces' weighted p95 duration; normal: below it */
  split?: 'slow' | 'normal'
  /** traces analysed at most */
  size: number
}

export type SidePhase = 'listing' | 'fetching' | 'done' | 'cancelled' | 'error'

export interface SideState {
  phase: SidePhase
  listedStrata: number
  strata: number
  /** stored traces listed (after the split), PostTrace captures left out of the listing */
  listed: number
  postTrace: number
  /** share of the window whose traces were all listed */
  listedShare: number
  /** µs: the slow/normal threshold (the listed traces' weighted p95), when split */
  threshold: number | null
  total: number
  fetched: number
  failed: number
  aggregate: PathAggregate | null
  /** the traffic sources (kind 'sources') */
  sources: SourcesAggregate | null
  /** the aggregate rests on the first `of` traces only (an early answer) */
  early: { n: number; of: number } | null
  partial: Partiality | null
  error: unknown
}

const initial: SideState = { phase: 'listing', listedStrata: 0, strata: 0, listed: 0, postTrace: 0, listedShare: 1, threshold: null, total: 0, fetched: 0, failed: 0, aggregate: null, sources: null, early: null, partial: null, error: null }
const CONCURRENCY = 6
const BATCH = 25

/**
 * Lists the entry's stored traces over the whole window in time slices, draws a sample stratified
 * in time, fetches it (bit-reversed time order, so any prefix is spread over the window) through
 * the shared query cache and digests it in the analyzer; aggregates at a tenth and at half of the
 * sample (early answers) and at the end. `cancel()` stops fetching and keeps what was analysed.
 */
export function usePathSide(q: SideQuery | null, analyzer: PathAnalyzer) {
  const source = useDataSource()
  const queryClient = useQueryClient()
  const [run, setRun] = useState(0)
  const key = q ? JSON.stringify([source.id, q, run]) : ''
  const [stored, setState] = useState<SideState & { key: string }>({ ...initial, key: '' })
  const state: SideState = stored.key === key ? stored : initial
  const abortRef = useRef<AbortController | null>(null)
  const stopRef = useRef<(() => void) | null>(null)

  useEffect(() => {
    if (!key) return
    const query: SideQuery = JSON.parse(key)[1] as SideQuery
    const ac = new AbortController()
    abortRef.current = ac
    const update = (patch: Partial<SideState> | ((s: SideState) => Partial<SideState>)) => {
      if (ac.signal.aborted && !stopped) return
      setState((prev) => {
        const s = prev.key === key ? prev : { ...initial, key }
        return { ...s, ...(typeof patch === 'function' ? patch(s) : patch) }
      })
    }
    let stopped = false
    const session = `${key}#${Math.random().toString(36).slice(2)}`
    const window = { from: query.from, to: query.to }
    const entry = { service: query.service, operation: query.operation }
    const target = { service: query.service, operation: query.operation || undefined }
    const sourcesKind = query.kind === 'sources'

    async function go() {
      const search = (w: { from: number; to: number; limit: number }) =>
        queryClient.fetchQuery(
          traceQueries.search(source, { ...w, service: query.service, operation: query.operation || undefined, tags: query.tags.length ? query.tags : undefined, status: query.status, dc: query.dc, minDuration: query.minDuration, maxDuration: query.maxDuration }),
        )
      const listed = await listEntry(search, window, {
        signal: ac.signal,
        onPartial: (p) => update((s) => ({ partial: s.partial ? { missingDcs: [...new Set([...s.partial.missingDcs, ...p.missingDcs])].sort(), reason: s.partial.reason ?? p.reason } : p })),
        onStratum: (done, of) => update({ listedStrata: done, strata: of }),
      })
      if (ac.signal.aborted) return
      const threshold = query.split ? listedDurationQuantile(listed.listings, 0.95) : null
      const listings = query.split && threshold !== null ? splitListing(listed.listings, threshold, query.split) : listed.listings
      const design = designOf(listings)
      const picks = allocateSample(listings, query.size)
      const stratumOf = new Map(picks.map((p) => [p.trace.traceId, p.stratum]))
      const order = spreadOrder(picks.map((p) => p.trace).sort((a, b) => a.startTime - b.startTime))
      update({ phase: 'fetching', listed: design.listed, postTrace: listed.postTrace, listedShare: design.listedShare, threshold, total: order.length })
      let analysed = 0
      const marks = [Math.max(20, Math.ceil(order.length / 10)), Math.ceil(order.length / 2)].filter((m) => m < order.length)
      const aggregate = async (early: boolean) => {
        if (sourcesKind) {
          const result = await analyzer.aggregateSources(session, design, window, target)
          update((s) => (s.early === null && s.sources && early ? {} : { sources: result, early: early ? { n: result.analysed, of: order.length } : null }))
          return
        }
        const result = await analyzer.aggregate(session, design, window, entry)
        update((s) => (s.early === null && s.aggregate && early ? {} : { aggregate: result, early: early ? { n: result.analysed, of: order.length } : null }))
      }
      let chain: Promise<void> = Promise.resolve()
      let batch: Trace[] = []
      const flush = () => {
        if (batch.length === 0) return
        const traces = batch
        batch = []
        chain = chain.then(async () => {
          const before = analysed
          const strata = traces.map((t) => stratumOf.get(t.traceId) ?? -1)
          analysed = sourcesKind ? await analyzer.digestSources(session, traces, strata, target) : await analyzer.digest(session, traces, strata, entry)
          if (marks.some((m) => before < m && analysed >= m)) await aggregate(true)
        })
      }
      let next = 0
      const lane = async () => {
        while (!ac.signal.aborted && next < order.length) {
          const t = order[next++]
          if (!t) break
          try {
            const trace = await queryClient.fetchQuery(traceQueries.detail(source, t.traceId))
            batch.push(trace)
            update((s) => ({ fetched: s.fetched + 1 }))
          } catch {
            if (ac.signal.aborted) return
            update((s) => ({ fetched: s.fetched + 1, failed: s.failed + 1 }))
          }
          if (batch.length >= BATCH) flush()
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, lane))
      flush()
      await chain
      if (ac.signal.aborted && !stopped) return
      await aggregate(false)
      update({ phase: stopped ? 'cancelled' : 'done' })
    }
    stopRef.current = () => {
      stopped = true
      ac.abort()
    }
    go().catch((error: unknown) => {
      if (!ac.signal.aborted) update({ phase: 'error', error })
    })
    return () => {
      stopped = false
      ac.abort()
      analyzer.drop(session)
    }
  }, [key, source, queryClient, analyzer])

  const cancel = useCallback(() => stopRef.current?.(), [])
  const restart = useCallback(() => setRun((r) => r + 1), [])
  return { state, cancel, restart }
}
