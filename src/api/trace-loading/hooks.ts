import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useSyncExternalStore } from 'react'
import { traceLoaderOf } from '../query-client'
import type { Trace } from '../../domain/model'
import type { TraceTree } from '../../domain/trace/tree'
import type { TraceLoadProgress } from '../sources/data-source'
import type { TraceLoader } from './trace-loader'
import { traceKey } from './trace-key'

/** The trace loader of the QueryClient in context. */
export function useTraceLoader(): TraceLoader {
  return traceLoaderOf(useQueryClient())
}

/**
 * The tree of `trace` as the worker that read it built it (skew-corrected, with its critical path),
 * or null when the trace came another way (the console API's stream, a cache) and the view builds it.
 */
export function useBuiltTree(trace: Trace | undefined): TraceTree | null {
  const { trees } = useTraceLoader()
  return trace ? (trees.get(trace) ?? null) : null
}

/** How much of trace `traceId` of source `sourceId` has arrived while it loads (null when the source cannot tell). */
export function useTraceProgress(sourceId: string, traceId: string): TraceLoadProgress | null {
  const { progress } = useTraceLoader()
  const get = useCallback(() => progress.get(traceKey(sourceId, traceId)), [progress, sourceId, traceId])
  return useSyncExternalStore(progress.subscribe, get, get)
}
