import { queryOptions } from '@tanstack/react-query'
import type { DataSource, ErrorVolumeQuery, EventQuery } from '../sources/data-source'

export const eventQueries = {
  all: (source: DataSource) => ['events', source.id] as const,
  changes: (source: DataSource, q: EventQuery) =>
    queryOptions({
      queryKey: ['events', source.id, 'changes', q] as const,
      queryFn: ({ signal }) => source.getChanges(q, signal),
      staleTime: 15_000,
    }),
  alerts: (source: DataSource, q: EventQuery) =>
    queryOptions({
      queryKey: ['events', source.id, 'alerts', q] as const,
      queryFn: ({ signal }) => source.getAlerts(q, signal),
      staleTime: 15_000,
    }),
  /** error volumes aggregated by the backend (sources with getErrorVolumes) */
  errorVolumes: (source: DataSource, q: ErrorVolumeQuery) =>
    queryOptions({
      queryKey: ['events', source.id, 'error-volumes', q] as const,
      queryFn: ({ signal }) => {
        if (!source.getErrorVolumes) throw new Error(`${source.label} cannot aggregate error volumes`)
        return source.getErrorVolumes(q, signal)
      },
      staleTime: 15_000,
    }),
}
