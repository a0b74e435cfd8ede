import type { z } from 'zod'
import { ApiError, formatWait, parseRetryAfter } from '../errors'
import { ApiErrorBodySchema } from '../schemas/common'
import { parseJsonText } from './parse'

export interface RequestOptions {
  /** cancels the request (TanStack Query passes one per query) */
  signal?: AbortSignal
  /** ms; default 15 s */
  timeoutMs?: number
  /** name of the backend for messages, e.g. "synthetic backend" */
  source?: string
  headers?: Record<string, string>
}

export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * The one fetch wrapper. Adds a timeout, follows the caller's abort signal and turns every
 * transport failure or non-2xx answer into an ApiError with a plain-words message.
 * Returns the body as text.
 */
export async function fetchText(url: string, options: RequestOptions = {}): Promise<string> {
  const source = options.source ?? 'backend'
  const control = requestControl(options, source, url)
  let response: Response
  let text: string
  try {
    response = await fetch(url, {
      signal: control.signal,
      headers: { Accept: 'application/json', ...options.headers },
    })
    text = await response.text()
  } catch (cause) {
    throw control.fail(cause)
  } finally {
    control.release()
  }

  if (!response.ok) throw httpError(response, text, source, url)
  return text
}

/** fetchText, then JSON, then the schema: the answer is validated at the boundary. */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const text = await fetchText(url, options)
  return parseJsonText(text, schema, { source: options.source ?? 'backend', url })
}

/** The abort signal of one request and how its failures read; see requestControl. */
export interface RequestControl {
  signal: AbortSignal
  abort: () => void
  fail: (cause: unknown) => ApiError
  release: () => void
}

/**
 * The abort signal of one request: it follows the caller's signal and fires after the timeout;
 * `fail` turns a transport failure into the right ApiError (timeout, cancelled, offline), and
 * `release` detaches the timer and the caller's signal once the body has been read.
 */
export function requestControl(options: RequestOptions, source: string, url: string): RequestControl {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const onAbort = () => controller.abort()
  if (options.signal?.aborted) controller.abort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    fail: (cause: unknown) => networkError(cause, { source, url, timedOut, timeoutMs, callerAborted: options.signal?.aborted ?? false }),
    release: () => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    },
  }
}

/** A non-2xx answer as an ApiError: the console API's own error message when the body has one. */
export function httpError(response: Response, text: string, source: string, url: string): ApiError {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const parsed = ApiErrorBodySchema.safeParse(body)
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`
  // 429 and 503 may say how long to wait: that wait is honoured (src/api/query-client.ts) and said
  const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : null
  if (retryAfterMs !== null) {
    return new ApiError({
      kind: 'http',
      source,
      url,
      status: response.status,
      retryAfterMs,
      raw: text || null,
      message: `${response.status === 429 ? 'Rate-limited' : 'Asked to wait'} by the ${source} (${status}): it asks the console to wait ${formatWait(retryAfterMs)} before asking again, so nothing is asked before then.`,
    })
  }
  // an HTML page (nginx's "502 Bad Gateway", a load balancer's error page) is not quoted as markup:
  // it comes from a proxy in front of the backend, and its text is kept for whoever wants to read it
  if (!parsed.success && looksLikeHtml(text, response.headers.get('content-type'))) {
    return new ApiError({
      kind: 'http',
      source,
      url,
      status: response.status,
      raw: text,
      message: `The proxy in front of the ${source} answered ${status}: it sent a web page instead of the ${source}’s answer, so the ${source} is probably down or unreachable from that proxy.`,
    })
  }
  const detail = parsed.success ? parsed.data.error.message : text.trim().slice(0, 200)
  return new ApiError({
    kind: 'http',
    source,
    url,
    status: response.status,
    path: parsed.success ? (parsed.data.error.param ?? null) : null,
    message: `The ${source} answered ${status}${detail ? `: ${detail}` : '.'}`,
  })
}

function looksLikeHtml(text: string, type: string | null): boolean {
  return (type ?? '').includes('text/html') || /^\s*(<!doctype html|<html|<head|<body|<center|<h1)/i.test(text)
}

function networkError(
  cause: unknown,
  ctx: { source: string; url: string; timedOut: boolean; timeoutMs: number; callerAborted: boolean },
): ApiError {
  if (ctx.timedOut) {
    return new ApiError({
      kind: 'timeout',
      source: ctx.source,
      url: ctx.url,
      cause,
      message: `The ${ctx.source} did not answer within ${ctx.timeoutMs >= 1000 ? `${Math.round(ctx.timeoutMs / 1000)} s` : `${ctx.timeoutMs} ms`}.`,
    })
  }
  if (ctx.callerAborted) {
    return new ApiError({ kind: 'aborted', source: ctx.source, url: ctx.url, cause, message: 'The request was cancelled.' })
  }
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false
  return new ApiError({
    kind: 'offline',
    source: ctx.source,
    url: ctx.url,
    cause,
    message: offline
      ? 'This browser is offline. Reconnect and try again.'
      : `The ${ctx.source} could not be reached. Check that it is running and reachable from this browser.${corsHint(ctx.url)}`,
  })
}

/**
 * A failure to reach another origin is, as often as not, that origin refusing this page (CORS): the
 * browser does not tell the page which, so the message names both, for every kind of source.
 */
function corsHint(url: string): string {
  if (typeof window === 'undefined' || !/^https?:\/\//i.test(url)) return ''
  let origin: string
  try {
    origin = new URL(url).origin
  } catch {
    return ''
  }
  if (origin === window.location.origin) return ''
  return ` It is on another origin (${origin}), so it must also allow requests from ${window.location.origin} (CORS), or be reached through a proxy on this server (see docs/data-sources.md).`
}
