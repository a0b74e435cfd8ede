import { queryOptions } from '@tanstack/react-query'
import { topologyQueries } from '../../../api/queries/topology'
import type { DataSource, TopologyGroupBy, TopologyQuery } from '../../../api/sources/data-source'
import { now } from '../../../lib/clock'
import { rangeDurationMs } from '../../../lib/time-range'
import type { TimeRange } from '../../../lib/time-range'

export interface LiveTopologyQuery {
  range: TimeRange
  focus?: string
  up?: number
  down?: number
  groupBy?: TopologyGroupBy
}

/**
 * The live graph: for a relative range the key holds the range, not the window, and the window is
 * resolved when the request starts; so every live refresh asks for the latest window while the
 * cached answer (and the graph drawn from it) stays in place, and a failed refresh keeps the last
 * good answer next to the error. An absolute window is asked for as it is.
 */
export function liveTopologyQuery(source: DataSource, q: LiveTopologyQuery) {
  const { range, ...rest } = q
  const rangeKey = range.kind === 'relative' ? range.range : `${range.from}-${range.to}`
  return queryOptions({
    queryKey: [...topologyQueries.all(source), 'graph', 'live', rangeKey, rest] as const,
    queryFn: ({ signal }) => {
      const to = range.kind === 'relative' ? now() : range.to
      const from = range.kind === 'relative' ? to - rangeDurationMs(range.range) : range.from
      const query: TopologyQuery = { from, to, ...rest }
      return source.getTopology(query, signal)
    },
    staleTime: 5_000,
    // every refresh brings new numbers: comparing the old answer with the new one field by field
    // (to keep unchanged parts) costs main-thread time on big graphs and keeps nothing
    structuralSharing: false,
  })
}
