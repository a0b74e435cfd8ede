import { QueryObserver } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { traceQueries } from '../../../api/queries/traces'
import type { DataSource } from '../../../api/sources/data-source'
import { fileTraceId } from '../../../api/formats/trace-file'
import type { Trace } from '../../../domain/model'

/** How many opened files stay in memory (a 100k-span trace is tens of MB). */
const KEEP = 3
const kept: { id: string; unsubscribe: () => void }[] = []

/**
 * Puts a trace read from a file into the query cache under `file-<hash>`, where the trace page
 * finds it (traceQueries.detail). A silent observer keeps the last few files from being
 * garbage-collected while the user moves between pages; nothing is fetched for them.
 */
export function putFileTrace(queryClient: QueryClient, source: DataSource, trace: Trace, id: string = fileTraceId(trace)): string {
  const options = traceQueries.detail(source, id)
  // the id is the content's: a file opened again is the trace already shown (not rebuilt)
  if (queryClient.getQueryData(options.queryKey) === undefined) queryClient.setQueryData(options.queryKey, trace)
  if (!kept.some((k) => k.id === id)) {
    const observer = new QueryObserver(queryClient, { ...options, enabled: false })
    kept.push({ id, unsubscribe: observer.subscribe(() => undefined) })
    while (kept.length > KEEP) kept.shift()?.unsubscribe()
  }
  return id
}
