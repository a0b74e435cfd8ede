import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query'
import { metricQueries } from '../../../api/queries/metrics'
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react'
import { eventQueries } from '../../../api/queries/events'
import { useDataSource } from '../../../api/source-context'
import type { ChainAggregate } from '../../../domain/error-chain/aggregate'
import { withVolumes } from '../../../domain/error-chain/volumes'
import type { VolumedAggregate } from '../../../domain/error-chain/volumes'
import { CHANGE_LOOKBACK_MS, rankOrigins, rateShift, SHIFT_SPAN_MS } from '../../../domain/error-chain/root-cause'
import type { RateShift } from '../../../domain/error-chain/root-cause'
import { yesterdayOf } from '../../../domain/error-chain/sample'
import { EMPTY_DESIGN } from '../../../domain/error-chain/estimate'
import { createChainAnalyzer } from '../lib/analyzer'
import { useTraceSample } from './use-trace-sample'
import type { SampleState } from './use-trace-sample'
import type { ChangeEvent } from '../../../domain/model'

/** one empty list, so the results below are not drawn again on every progress update */
const NO_CHANGES: ChangeEvent[] = []

const final = (phase: string) => phase === 'done' || phase === 'cancelled' || phase === 'error'

/**
 * Early answers while the sample is fetched: the chains of what has been analysed so far, once a
 * tenth of both samples is in (at least EARLY_MIN traces each; fetched spread over the window, see
 * spreadOrder) and again at half, so an incident shows its chains within a second or two instead
 * of after the whole sample; then the final answer. Few updates on purpose: each may reorder the
 * cards.
 */
const EARLY_SHARE = 0.1
const EARLY_MIN = 20
const HALF_SHARE = 0.5

type Stage = 'early' | 'half' | 'final'

function stageOf(cur: SampleState, base: SampleState, ready: boolean): Stage | null {
  if (ready) return 'final'
  if (cur.phase !== 'fetching' || cur.total === 0) return null
  const share = (s: SampleState) => (final(s.phase) ? 1 : s.total > 0 ? s.digests.length / s.total : 0)
  const enough = (s: SampleState, at: number) => final(s.phase) || s.digests.length >= Math.min(s.total, Math.max(EARLY_MIN, Math.ceil(at * s.total)))
  if (share(cur) >= HALF_SHARE && enough(base, HALF_SHARE)) return 'half'
  if (enough(cur, EARLY_SHARE) && enough(base, EARLY_SHARE)) return 'early'
  return null
}

/** The window's chains against the same window yesterday, ranked, with change events. */
export function useErrorChains(window: { from: number; to: number }, scope: { service?: string; dc?: string; origin?: string }) {
  const source = useDataSource()
  const analyzer = useMemo(() => createChainAnalyzer(), [])
  useEffect(() => () => analyzer.dispose(), [analyzer])
  const yesterday = useMemo(() => yesterdayOf(window), [window])
  const current = useTraceSample({ ...window, service: scope.service, dc: scope.dc }, analyzer)
  const baseline = useTraceSample({ ...yesterday, service: scope.service, dc: scope.dc }, analyzer)
  const changes = useQuery(eventQueries.changes(source, { from: window.from - CHANGE_LOOKBACK_MS, to: window.to }))
  // a source that aggregates where the data is gives every volume over all error traces; the sample still gives the chains' examples and hints
  const canAggregate = source.getErrorVolumes !== undefined
  const volumes = useQuery({ ...eventQueries.errorVolumes(source, { ...window, service: scope.service, dc: scope.dc }), enabled: canAggregate })

  const cur = current.state
  const base = baseline.state
  const ready = final(cur.phase) && cur.phase !== 'error' && final(base.phase)
  const stage = cur.phase === 'error' ? null : stageOf(cur, base, ready)
  const [aggregate, setAggregate] = useState<{ scope: string; key: string; value: ChainAggregate } | null>(null)
  const [aggError, setAggError] = useState<unknown>(null)
  // a new scope (window, filters) starts over; within one, each stage is one analysis
  const scopeKey = `${window.from}|${window.to}|${scope.service ?? ''}|${scope.dc ?? ''}|${scope.origin ?? ''}|${current.run}|${baseline.run}`
  const key = stage === 'final' ? `${scopeKey}|final|${cur.digests.length}|${base.digests.length}|${cur.phase}|${base.phase}` : `${scopeKey}|${stage ?? ''}`
  const analyse = useEffectEvent(() =>
    analyzer.aggregate(
      cur.digests,
      base.phase === 'error' ? [] : base.digests,
      cur.design ?? EMPTY_DESIGN,
      base.design ?? EMPTY_DESIGN,
      { origin: scope.origin },
    ),
  )
  useEffect(() => {
    if (!stage) return
    let alive = true
    analyse()
      .then((value) => alive && setAggregate({ scope: scopeKey, key, value }))
      .catch((e: unknown) => alive && setAggError(e))
    return () => {
      alive = false
    }
  }, [stage, key, scopeKey])

  // the last answer of this scope stays on screen while the next is worked out
  const sampled = aggregate?.scope === scopeKey ? aggregate.value : null
  const value = useMemo<VolumedAggregate | null>(
    () => (sampled ? (volumes.data ? withVolumes(sampled, volumes.data, { origin: scope.origin }) : { ...sampled, volumes: null }) : null),
    [sampled, volumes.data, scope.origin],
  )
  const preliminary = value !== null && !(stage === 'final' && aggregate?.key === key)
  // the error rate of each origin service around each of its changes (metrics are never sampled)
  const originChanges = useMemo(() => {
    const services = new Set((value?.origins ?? []).map((o) => o.service))
    return (changes.data ?? NO_CHANGES).filter((c) => services.has(c.service))
  }, [value, changes.data])
  const around = (c: ChangeEvent) => ({ service: c.service, from: c.time - SHIFT_SPAN_MS, to: c.time + SHIFT_SPAN_MS, step: 60_000 })
  // combine keeps the map stable between renders: it is rebuilt only when an answer or the list of changes changes
  const combineShifts = useCallback(
    (results: UseQueryResult<Parameters<typeof rateShift>[0]>[]) => {
      const m = new Map<string, RateShift | null>()
      originChanges.forEach((c, i) => {
        const err = results[2 * i]
        const req = results[2 * i + 1]
        if (err?.isError || req?.isError) m.set(c.id, null)
        else if (err?.data && req?.data) m.set(c.id, rateShift(err.data, req.data, c.time))
      })
      return m
    },
    [originChanges],
  )
  const shifts = useQueries({
    queries: originChanges.flatMap((c) => [
      metricQueries.range(source, { metric: 'error_rate', ...around(c) }),
      metricQueries.range(source, { metric: 'request_rate', ...around(c) }),
    ]),
    combine: combineShifts,
  })
  const origins = useMemo(
    () => (value ? rankOrigins(value.groups, changes.data ?? [], value.origins, (c) => shifts.get(c.id)) : null),
    [value, changes.data, shifts],
  )
  return {
    current,
    baseline,
    yesterday,
    aggregate: value,
    /** the answer shown is from part of the sample: a later one will replace it */
    preliminary,
    aggregateError: aggError,
    origins,
    changes: changes.data ?? NO_CHANGES,
    changesError: changes.error,
    /** the backend's volumes: loading while this source aggregates and has not answered, and its failure */
    volumesPending: canAggregate && volumes.isPending,
    volumesError: volumes.error,
    volumesPartial: volumes.data?.partial ?? null,
  }
}
