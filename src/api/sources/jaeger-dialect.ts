import { z } from 'zod'
import { backendJson } from '../backend-http'
import type { BackendConn } from '../backend-http'
import { ApiError } from '../errors'
import type { TraceQuery } from './data-source'
import { toGoDuration } from './jaeger-util'
import { dataRecord, putData } from '../../lib/records'
import { deferred } from '../schemas/deferred'
import { askedOnce } from '../asked-once'

/**
 * Which of Jaeger's query APIs a server speaks, found out by asking it (docs/data-sources.md, "Jaeger"):
 * - `legacy`: the classic JSON API (`/api/traces`), which Jaeger's main branch no longer has;
 * - `v3` with `attributes: false`: Jaeger up to 2.18 (and v1.x builds of the v2 binary, e.g. v1.75):
 *   reads `query.num_traces` and ignores every attribute, so tag and status filters cannot be sent;
 * - `v3` with `attributes: true`: Jaeger 2.19 and later: `query.search_depth`, `query.attributes`
 *   as one JSON object, and the `error` attribute matched against the span status.
 */
export type JaegerDialect = { api: 'legacy' } | { api: 'v3'; attributes: boolean }

export type JaegerApi = 'auto' | 'v3' | 'legacy'

const V3Services = deferred(() => z.object({ services: z.array(z.string()).optional() }))

/** "This endpoint does not exist here" (as opposed to "the server could not answer now"). */
const isMissingEndpoint = (e: unknown): boolean =>
  e instanceof ApiError && ((e.kind === 'http' && (e.status === 404 || e.status === 405)) || e.kind === 'malformed')

/**
 * Does /api/v3 exist? True or false when the server says so; a failure that says nothing about the API
 * (network down, proxy error, timeout) is thrown, so the next request asks again.
 */
export async function probeV3(conn: BackendConn, signal?: AbortSignal): Promise<boolean> {
  try {
    await backendJson(conn, { path: '/api/v3/services', signal }, V3Services)
    return true
  } catch (e) {
    if (isMissingEndpoint(e)) return false
    throw e
  }
}

/**
 * Does this v3 API read `query.attributes`? Asked with an attribute value that is not JSON and no time
 * range, so no server searches anything: 2.19+ parses the attributes first and refuses them by name
 * ("malformed parameter query.attributes"); older servers ignore them and refuse the missing times.
 */
export async function probeV3Attributes(conn: BackendConn, signal?: AbortSignal): Promise<boolean> {
  try {
    await backendJson(conn, { path: '/api/v3/traces', query: { 'query.attributes': '{' }, signal }, z.unknown())
    // an answer to a search without a time range: not a Jaeger that checks its parameters
    return false
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'http' && e.status === 400) return e.message.includes('query.attributes')
    if (isMissingEndpoint(e)) return false
    throw e
  }
}

/**
 * The dialect, asked once per source and kept, under no caller's signal (askedOnce); a failure of
 * the asking is not kept (a backend that was down while the page loaded must not switch the console
 * to another API until a reload).
 */
export function dialectDetector(conn: BackendConn, api: JaegerApi = 'auto'): (signal?: AbortSignal) => Promise<JaegerDialect> {
  const detect = async (): Promise<JaegerDialect> => {
    if (api === 'auto' && !(await probeV3(conn))) return { api: 'legacy' }
    return { api: 'v3', attributes: await probeV3Attributes(conn) }
  }
  return askedOnce(detect, api === 'legacy' ? { api: 'legacy' } : undefined)
}

const rfc3339 = (ms: number) => new Date(ms).toISOString()

/** What a search sends to the server, and what the console must still check on what comes back. */
export interface EncodedSearch {
  path: string
  query: Record<string, string | number | undefined>
  /** the tag filters the server was not asked to apply */
  clientTags: TraceQuery['tags']
  /** the status filter the server was not asked to apply */
  clientStatus: 'ok' | 'error' | null
}

/**
 * The search parameters for a dialect. Only what the server understands is sent; the rest is named in
 * `clientTags` / `clientStatus`, for the console to apply to the traces fetched.
 * - v3 ≤ 2.18: no attributes at all; `query.num_traces` for the depth (it would read no depth otherwise
 *   and fail with "search depth must be greater than 0").
 * - v3 ≥ 2.19: `query.attributes={"k":"v","error":"true"}` (`"false"` for spans without error),
 *   `query.search_depth`.
 * - classic: `tags={"k":"v"}`. The status is not sent: the in-memory store of Jaeger before 2.17
 *   compares `error=true` with a boolean and keeps only spans whose status is OK.
 * `serverTags` are the tags the server may see (console-only fields such as `ToService` are not).
 */
export function encodeSearch(d: JaegerDialect, q: TraceQuery, service: string, depth: number, serverTags: NonNullable<TraceQuery['tags']>): EncodedSearch {
  const minDuration = q.minDuration !== undefined ? toGoDuration(q.minDuration) : undefined
  const maxDuration = q.maxDuration !== undefined ? toGoDuration(q.maxDuration) : undefined
  const tagRecord = (status?: 'ok' | 'error'): string | undefined => {
    const tags: Record<string, string> = dataRecord<string>()
    for (const t of serverTags) putData(tags, t.key, t.value)
    if (status) tags.error = status === 'error' ? 'true' : 'false'
    return Object.keys(tags).length ? JSON.stringify(tags) : undefined
  }
  if (d.api === 'legacy') {
    return {
      path: '/api/traces',
      query: { service, operation: q.operation, tags: tagRecord(), start: q.from * 1000, end: q.to * 1000, minDuration, maxDuration, limit: depth },
      clientTags: [],
      clientStatus: q.status ?? null,
    }
  }
  const query: Record<string, string | number | undefined> = {
    'query.service_name': service,
    'query.operation_name': q.operation,
    'query.start_time_min': rfc3339(q.from),
    'query.start_time_max': rfc3339(q.to),
    'query.duration_min': minDuration,
    'query.duration_max': maxDuration,
  }
  if (d.attributes) {
    query['query.search_depth'] = depth
    query['query.attributes'] = tagRecord(q.status)
    return { path: '/api/v3/traces', query, clientTags: [], clientStatus: null }
  }
  query['query.num_traces'] = depth
  return { path: '/api/v3/traces', query, clientTags: serverTags, clientStatus: q.status ?? null }
}
