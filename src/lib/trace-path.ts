/**
 * The trace page's address, written once: the router's pattern (`TRACE_ROUTE`), the reading of an
 * address (`traceIdOfPath`, used by boot and by the early script in index.html) and the writing of
 * one (`tracePath`, used by every link) all come from here.
 */

/** The router's pattern of the trace page, relative to the root. */
export const TRACE_ROUTE = 'traces/:traceId'

/** The comparison page shares the trace page's prefix; its segment is not a trace id. */
export const COMPARE_ROUTE = 'traces/compare'

const TRACE_PATH = new RegExp(`^/${TRACE_ROUTE.replace(':traceId', '([^/]+)')}/?$`)

/** The address of a trace's page (the id encoded as one path segment). */
export function tracePath(traceId: string): string {
  return `/${TRACE_ROUTE.replace(':traceId', encodeURIComponent(traceId))}`
}

/** The raw (still encoded) segment after /traces/ when `pathname` has the trace route's shape, else null; the comparison page too. */
export function traceSegmentOf(pathname: string): string | null {
  return TRACE_PATH.exec(pathname)?.[1] ?? null
}

/**
 * The trace id `pathname` names, decoded, or null: not the trace page's address, an id that does
 * not decode, or the comparison page. Ids of traces opened from a file (`file-…`) are returned too.
 */
export function traceIdOfPath(pathname: string): string | null {
  const raw = traceSegmentOf(pathname)
  if (raw === null || `traces/${raw}` === COMPARE_ROUTE) return null
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/**
 * The trace id `pathname` names that a source can be asked for: as `traceIdOfPath`, but not a trace
 * opened from a file (kept only in the page). Boot's prefetch and the early script both ask by it.
 */
export function sourceTraceIdOfPath(pathname: string): string | null {
  const id = traceIdOfPath(pathname)
  return id === null || isFileTraceId(id) ? null : id
}

/** How the id of a trace opened from a file begins (src/api/formats/trace-file.ts, fileTraceIdOf). */
export const FILE_TRACE_PREFIX = 'file-'

/** Whether a trace id names a trace opened from a file (kept only in the page, never asked of a source). */
export function isFileTraceId(traceId: string): boolean {
  return traceId.startsWith(FILE_TRACE_PREFIX)
}
