import type { z } from 'zod'
import { buildUrl } from './http/url'
import { DEFAULT_SILENCE_MS, fetchJson, fetchText } from './http/request'
import type { RequestWatch } from './http/watch'
import { parseWith } from './http/parse'
import { ApiError } from './errors'
import { splitJsonDocuments } from './http/json-documents'
import type { Trace } from '../domain/model'
import type { TraceLoadHooks } from './sources/data-source'
import { readBackendTrace } from './trace-loading/backend/read-backend-trace'
import type { BackendTraceFormat } from './trace-loading/backend/backend-trace-steps'

/** A real backend the console talks to: Jaeger, Tempo or Prometheus. */
export interface BackendConn {
  /** the backend's name in messages, e.g. "Jaeger" */
  name: string
  /** '' (same origin, e.g. through the dev server proxy) or an absolute or root-relative URL */
  baseUrl: string
  /** sent as the Authorization header when set */
  authHeader?: string
  /** the longest silence before giving up (see RequestOptions.silenceMs) */
  silenceMs?: number
  /** where requests are registered while on their way (what the console is waiting for) */
  watch?: RequestWatch
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

export interface BackendRequest {
  path: string
  query?: Record<string, QueryValue>
  signal?: AbortSignal
  /** a 404 here means "no such item" (e.g. a trace id), not "no such endpoint" */
  notFound?: string
  accept?: string
}

export function backendUrl(conn: BackendConn, path: string, query: Record<string, QueryValue> = {}): string {
  return buildUrl(conn.baseUrl.replace(/\/+$/, '') + path, query)
}

function headers(conn: BackendConn, accept?: string): Record<string, string> {
  const h: Record<string, string> = {}
  if (accept) h.Accept = accept
  if (conn.authHeader) h.Authorization = conn.authHeader
  return h
}

/** GET a JSON endpoint of a backend; every failure becomes an ApiError naming the backend and what to check. */
export async function backendJson<S extends z.ZodType>(conn: BackendConn, req: BackendRequest, schema: S): Promise<z.infer<S>> {
  const url = backendUrl(conn, req.path, req.query)
  try {
    return await fetchJson(url, schema, {
      signal: req.signal,
      silenceMs: conn.silenceMs ?? DEFAULT_SILENCE_MS,
      watch: conn.watch,
      source: conn.name,
      headers: headers(conn, req.accept),
    })
  } catch (e) {
    throw explainBackendError(e, conn, req)
  }
}

/**
 * GET a trace by id and read it off the main thread (src/api/trace-loading/backend): the body goes
 * to a worker as it arrives, which parses, checks and converts it and hands the spans back in the
 * tree's order, the first rows first (reported to `load.onProgress`). Null when the answer holds
 * no trace. Every failure becomes an ApiError naming the backend, as backendJson's.
 */
export async function backendTrace(conn: BackendConn, req: BackendRequest, format: BackendTraceFormat, load?: TraceLoadHooks): Promise<Trace | null> {
  const url = backendUrl(conn, req.path, req.query)
  try {
    return await readBackendTrace(url, {
      format,
      accept: req.accept,
      signal: req.signal,
      silenceMs: conn.silenceMs ?? DEFAULT_SILENCE_MS,
      watch: conn.watch,
      source: conn.name,
      headers: headers(conn, req.accept),
      onProgress: load?.onProgress,
      onTree: load?.onTree,
      onHandOver: load?.onHandOver,
      startWorker: load?.startWorker,
      releaseWorker: load?.releaseWorker,
      // an answer the page's early script asked for (it sends no Authorization header)
      underWay: conn.authHeader ? undefined : load?.stream?.underWay,
    })
  } catch (e) {
    throw explainBackendError(e, conn, req)
  }
}

/**
 * GET an endpoint that may answer with several JSON documents one after another
 * (Jaeger's v3 API streams `{"result": ...}` chunks). Returns every document.
 */
export async function backendJsonStream<S extends z.ZodType>(
  conn: BackendConn,
  req: BackendRequest,
  schema: S,
): Promise<z.infer<S>[]> {
  const url = backendUrl(conn, req.path, req.query)
  try {
    const text = await fetchText(url, {
      signal: req.signal,
      silenceMs: conn.silenceMs ?? DEFAULT_SILENCE_MS,
      watch: conn.watch,
      source: conn.name,
      headers: headers(conn, req.accept),
    })
    let docs: unknown[]
    try {
      docs = splitJsonDocuments(text)
    } catch {
      docs = []
    }
    if (docs.length === 0)
      throw new ApiError({
        kind: 'malformed',
        source: conn.name,
        url,
        message: `The ${conn.name} sent an answer that is not JSON (it starts with "${text.trim().slice(0, 40)}").`,
      })
    return docs.map((d) => parseWith(schema, d, { source: conn.name, url }))
  } catch (e) {
    throw explainBackendError(e, conn, req)
  }
}

export { splitJsonDocuments } from './http/json-documents'

const isCrossOrigin = (baseUrl: string): boolean => {
  if (!/^https?:\/\//i.test(baseUrl)) return false
  try {
    return typeof window === 'undefined' || new URL(baseUrl).origin !== window.location.origin
  } catch {
    return false
  }
}

/** Rewrites a client failure into a message that names the backend, the endpoint and what to check. */
export function explainBackendError(e: unknown, conn: BackendConn, req: Pick<BackendRequest, 'path' | 'notFound'>): unknown {
  if (!(e instanceof ApiError)) return e
  const where = conn.baseUrl ? ` at ${conn.baseUrl}` : ' (through this server, see the dev server proxy)'
  const redo = (message: string) =>
    new ApiError({ kind: e.kind, source: e.source, url: e.url, status: e.status, path: e.path, raw: e.raw, retryAfterMs: e.retryAfterMs, retryAt: e.retryAt, cause: e, message })
  switch (e.kind) {
    case 'aborted':
    case 'timeout':
      return e
    case 'offline':
      if (e.message.startsWith('This browser is offline')) return e
      return redo(
        `${conn.name}${where} could not be reached. Check that it is running and that the base URL in Settings is right.` +
          (isCrossOrigin(conn.baseUrl)
            ? ` It is on another origin, so it must also allow requests from ${typeof window === 'undefined' ? 'this page' : window.location.origin} (CORS), or be reached through a proxy on this server (see docs/data-sources.md).`
            : ''),
      )
    case 'http': {
      const s = e.status ?? 0
      if (s === 401 || s === 403)
        return redo(
          `${conn.name} rejected the request (${s} ${s === 401 ? 'Unauthorized' : 'Forbidden'}). Check the Authorization header for ${conn.name} in Settings.`,
        )
      if (s === 502 || s === 504)
        // a gateway (the dev server's proxy, nginx, a load balancer) could not get an answer from the backend
        return redo(
          `${conn.name}${where} could not be reached: the proxy in front of it answered ${s} (${s === 502 ? 'Bad Gateway' : 'Gateway Timeout'}). ` +
            `Check that ${conn.name} is running and that the proxy points at it` +
            (conn.baseUrl && !isCrossOrigin(conn.baseUrl) ? ` (during development: TRACELENS_PROXY_${conn.name.toUpperCase()}, see docs/data-sources.md).` : '.'),
        )
      if (e.retryAfterMs !== null) return redo(e.message.replace(`the ${conn.name}`, conn.name))
      if (s === 404 && req.notFound) return redo(`${conn.name} has no ${req.notFound}.`)
      if (s === 404)
        return redo(
          `${conn.name}${where} has no endpoint ${req.path} (404). This ${conn.name} version may lack it, or the base URL does not point at the ${conn.name} API root.`,
        )
      const detail = e.message.replace(/^The .*? answered \d+[^:]*:?\s*/, '').trim()
      return redo(`${conn.name} answered ${s}${detail ? `: ${detail}` : '.'}`)
    }
    case 'malformed':
      if (e.message.includes('not JSON'))
        return redo(
          `${conn.name}${where} answered ${req.path} with something that is not JSON: the base URL probably points at a web page rather than the ${conn.name} API.`,
        )
      return e
  }
}
