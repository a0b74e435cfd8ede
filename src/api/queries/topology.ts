import { queryOptions } from '@tanstack/react-query'
import type { DataSource, TopologyQuery } from '../sources/data-source'

export const topologyQueries = {
  all: (source: DataSource) => ['topology', source.id] as const,
  graph: (source: DataSource, q: TopologyQuery) =>
    queryOptions({
      queryKey: ['topology', source.id, 'graph', q] as const,
      queryFn: ({ signal }) => source.getTopology(q, signal),
      staleTime: 5_000,
    }),
}
