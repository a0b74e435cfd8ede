import { queryOptions } from '@tanstack/react-query'
import type { DataSource, ExemplarQuery, MetricQuery, TimeWindow } from '../sources/data-source'

export const metricQueries = {
  all: (source: DataSource) => ['metrics', source.id] as const,
  range: (source: DataSource, q: MetricQuery) =>
    queryOptions({
      queryKey: ['metrics', source.id, 'range', q] as const,
      queryFn: ({ signal }) => source.queryMetrics(q, signal),
      staleTime: 15_000,
    }),
  /** The services to choose from on the metrics page: the metrics store's own list when it has one. */
  services: (source: DataSource, w: TimeWindow) =>
    queryOptions({
      queryKey: ['metrics', source.id, 'services', w] as const,
      queryFn: ({ signal }) => (source.getMetricServices ? source.getMetricServices(w, signal) : source.getServices(w, signal)),
      staleTime: 60_000,
    }),
  labels: (source: DataSource, q: { service: string } & TimeWindow) =>
    queryOptions({
      queryKey: ['metrics', source.id, 'labels', q] as const,
      queryFn: ({ signal }) => source.getMetricLabels(q, signal),
      staleTime: 60_000,
    }),
  exemplars: (source: DataSource, q: ExemplarQuery) =>
    queryOptions({
      queryKey: ['metrics', source.id, 'exemplars', q] as const,
      queryFn: ({ signal }) => source.getExemplars(q, signal),
      staleTime: 15_000,
    }),
}
