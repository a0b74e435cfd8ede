/**
 * The one key of a trace: its query key (traceQueries.detail) and the key of its progress in the
 * TraceLoader are the same tuple, generic to specific.
 */
export const traceKey = (sourceId: string, traceId: string) => ['traces', sourceId, 'detail', traceId] as const
export type TraceKey = ReturnType<typeof traceKey>

/** The same key as one string, for maps. */
export const traceKeyText = (key: TraceKey): string => JSON.stringify(key)
