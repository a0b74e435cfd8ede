import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import { eventQueries } from '../../../api/queries/events'
import { useDataSource } from '../../../api/source-context'
import type { ChainAggregate } from '../../../domain/error-chain/aggregate'
import { CHANGE_LOOKBACK_MS, rankOrigins } from '../../../domain/error-chain/root-cause'
import { yesterdayOf } from '../../../domain/error-chain/sample'
import { createChainAnalyzer } from '../analyzer'
import { useTraceSample } from './use-trace-sample'

const final = (phase: string) => phase === 'done' || phase === 'cancelled' || phase === 'error'

/** The window's chains against the same window yesterday, ranked, with change events. */
export function useErrorChains(window: { from: number; to: number }, scope: { service?: string; dc?: string; origin?: string }) {
  const source = useDataSource()
  const analyzer = useMemo(() => createChainAnalyzer(), [])
  useEffect(() => () => analyzer.dispose(), [analyzer])
  const yesterday = useMemo(() => yesterdayOf(window), [window])
  const current = useTraceSample({ ...window, service: scope.service, dc: scope.dc }, analyzer)
  const baseline = useTraceSample({ ...yesterday, service: scope.service, dc: scope.dc }, analyzer)
  const changes = useQuery(eventQueries.changes(source, { from: window.from - CHANGE_LOOKBACK_MS, to: window.to }))

  const ready = final(current.state.phase) && current.state.phase !== 'error' && final(baseline.state.phase)
  const [aggregate, setAggregate] = useState<{ key: string; value: ChainAggregate } | null>(null)
  const [aggError, setAggError] = useState<unknown>(null)
  const cur = current.state
  const base = baseline.state
  const key = `${window.from}|${window.to}|${scope.service ?? ''}|${scope.dc ?? ''}|${scope.origin ?? ''}|${cur.digests.length}|${base.digests.length}|${cur.phase}|${base.phase}`
  useEffect(() => {
    if (!ready) return
    let alive = true
    analyzer
      .aggregate(
        cur.digests,
        base.phase === 'error' ? [] : base.digests,
        { matched: cur.matched, truncated: cur.truncated },
        { matched: base.matched, truncated: base.truncated },
        { origin: scope.origin },
      )
      .then((value) => alive && setAggregate({ key, value }))
      .catch((e: unknown) => alive && setAggError(e))
    return () => {
      alive = false
    }
  }, [ready, key, analyzer, cur, base, scope.origin])

  const value = aggregate?.key === key ? aggregate.value : null
  const origins = useMemo(() => (value ? rankOrigins(value.groups, changes.data ?? []) : []), [value, changes.data])
  return {
    current,
    baseline,
    yesterday,
    aggregate: value,
    aggregateError: aggError,
    origins,
    changes: changes.data ?? [],
    changesError: changes.error,
  }
}
