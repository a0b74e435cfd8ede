import type { QueryClient } from '@tanstack/react-query'
import { traceQueries } from '../../api/queries/traces'
import type { DataSource } from '../../api/sources/data-source'
import { viewChunks } from '../router'
import { viewChunkFor } from './view-path'
import { sourceTraceIdOfPath } from '../../lib/trace-path'

export { viewChunkFor }

/**
 * Work the first view needs, started at boot instead of one step after another: the view's chunk
 * loads while the configuration (and the synthetic backend) starts, and a trace named by the
 * address is requested as soon as a data source exists, while the page still renders. On a big
 * trace this takes the boot off the critical path; the route then finds both in the caches.
 */
/** Starts loading the chunk of the view at `pathname`; a failure is left to the router to report. */
export function startViewChunk(pathname: string): void {
  const view = viewChunkFor(pathname)
  if (view) viewChunks[view]().catch(() => undefined)
}

/**
 * The trace id named by `pathname` (the trace page's address, src/lib/trace-path.ts) that a source
 * can be asked for: not a trace opened from a file (kept only in the page). The early script in
 * index.html (./early-trace.ts) asks by the same rule.
 */
export function traceIdIn(pathname: string): string | null {
  return sourceTraceIdOfPath(pathname)
}

/** Requests the trace the address names, into the cache the trace page reads. */
export function prefetchFirstView(client: QueryClient, source: DataSource, pathname: string): void {
  const id = traceIdIn(pathname)
  if (id) void client.prefetchQuery(traceQueries.detail(source, id))
}
