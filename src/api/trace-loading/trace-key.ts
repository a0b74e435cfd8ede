import { isFileTraceId } from '../formats/trace-file'

/** The source id of traces opened from a file, whatever source the console is configured with. */
export const TRACE_FILES_SOURCE_ID = 'files'

/**
 * The one key of a trace: its query key (traceQueries.detail) and the key of its progress in the
 * TraceLoader are the same tuple, generic to specific. A trace opened from a file (`file-<hash>`) is
 * the files source's, whatever source the view passes.
 */
export const traceKey = (sourceId: string, traceId: string) =>
  ['traces', isFileTraceId(traceId) ? TRACE_FILES_SOURCE_ID : sourceId, 'detail', traceId] as const
export type TraceKey = ReturnType<typeof traceKey>

/** The same key as one string, for maps. */
export const traceKeyText = (key: TraceKey): string => JSON.stringify(key)
