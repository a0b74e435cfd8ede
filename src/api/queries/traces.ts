import { queryOptions } from '@tanstack/react-query'
import type { DataSource, TraceQuery, TimeWindow } from '../sources/data-source'
import { traceLoaderOf } from '../query-client'
import { traceKey } from '../trace-loading/trace-key'

/** Query options for services and traces. Keys: generic → specific, source id first. */
export const traceQueries = {
  all: (source: DataSource) => ['traces', source.id] as const,
  services: (source: DataSource, w: TimeWindow) =>
    queryOptions({
      queryKey: ['traces', source.id, 'services', w] as const,
      queryFn: ({ signal }) => source.getServices(w, signal),
      staleTime: 60_000,
    }),
  /** One service's operations, from sources that list services without them (null when the list already has them). */
  operations: (source: DataSource, service: string, w: TimeWindow) =>
    queryOptions({
      queryKey: ['traces', source.id, 'operations', service, w] as const,
      queryFn: ({ signal }) => source.getOperations?.(service, w, signal) ?? Promise.resolve(null),
      enabled: Boolean(service && source.getOperations),
      staleTime: 60_000,
    }),
  /** Traces the backend offers as examples (sources with getSampleTraces); they never change. */
  samples: (source: DataSource) =>
    queryOptions({
      queryKey: ['traces', source.id, 'samples'] as const,
      queryFn: ({ signal }) => source.getSampleTraces?.(signal) ?? Promise.resolve([]),
      enabled: Boolean(source.getSampleTraces),
      staleTime: Infinity,
      retry: false,
    }),
  search: (source: DataSource, q: TraceQuery) =>
    queryOptions({
      queryKey: ['traces', source.id, 'search', q] as const,
      queryFn: ({ signal }) => source.searchTraces(q, signal),
      staleTime: 30_000,
    }),
  /** A trace never changes once stored. The one door through which a view gets a trace: the loader of the client the query runs in. */
  detail: (source: DataSource, traceId: string) =>
    queryOptions({
      queryKey: traceKey(source.id, traceId),
      queryFn: ({ client, signal }) => traceLoaderOf(client).load(source, traceId, signal),
      staleTime: Infinity,
      gcTime: 5 * 60_000,
    }),
  logs: (source: DataSource, traceId: string, spanId?: string) =>
    queryOptions({
      queryKey: ['traces', source.id, 'logs', traceId, spanId ?? null] as const,
      queryFn: ({ signal }) => source.getLogs({ traceId, spanId }, signal),
      staleTime: Infinity,
    }),
}
