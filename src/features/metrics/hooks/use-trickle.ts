import { useIsFetching, useQueryClient } from '@tanstack/react-query'
import type { QueryKey } from '@tanstack/react-query'
import { traceQueries } from '../../../api/queries/traces'
import { useDataSource } from '../../../api/source-context'

/**
 * Background queries (secondary series, traces for "what is different") start a few at a time,
 * and none start while a trace search is on its way: a backend that computes one answer at a time
 * (the synthetic one) then serves the drill-down's search first instead of after a queue of
 * background work. Returns, per query key in order, whether it may run now. Queries that started
 * or finished stay enabled.
 */
export function useTrickle(keys: readonly QueryKey[], concurrency: number, ready = true): boolean[] {
  const client = useQueryClient()
  const source = useDataSource()
  const searching = useIsFetching({ queryKey: [...traceQueries.all(source), 'search'] }) > 0
  const states = keys.map((k) => client.getQueryState(k))
  const started = (i: number) => {
    const s = states[i]
    return !!s && (s.fetchStatus === 'fetching' || s.dataUpdatedAt > 0 || s.errorUpdatedAt > 0)
  }
  let open = ready && !searching ? concurrency - states.filter((s) => s?.fetchStatus === 'fetching').length : 0
  return keys.map((_, i) => {
    if (started(i)) return true
    if (open > 0) {
      open--
      return true
    }
    return false
  })
}
