import { useCallback, useSyncExternalStore } from 'react'
import { subscribeTraceProgress, traceProgress, traceProgressKey } from '../../../api/trace-progress'
import type { TraceLoadProgress } from '../../../api/sources/data-source'

/** How much of the trace has arrived while it loads (null when the source cannot tell). */
export function useTraceProgress(sourceId: string, traceId: string): TraceLoadProgress | null {
  const key = traceProgressKey(sourceId, traceId)
  const get = useCallback(() => traceProgress(key), [key])
  return useSyncExternalStore(subscribeTraceProgress, get, get)
}
