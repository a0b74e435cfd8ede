import type { z } from 'zod'
import { formatBytes } from '../../lib/format'
import { ApiError, formatWait, parseRetryAfter } from '../errors'
import { ApiErrorBodySchema } from '../schemas/common'
import { parseJsonText } from './parse'
import type { RequestWatch } from './watch'

export interface RequestOptions {
  /** cancels the request (TanStack Query passes one per query) */
  signal?: AbortSignal
  /**
   * ms; default 15 s. The longest the backend may stay silent: before its answer starts, and
   * between two pieces of its body. A slow answer that keeps arriving is never cut off.
   */
  silenceMs?: number
  /** name of the backend for messages, e.g. "synthetic backend" */
  source?: string
  headers?: Record<string, string>
  /** where the request is registered while on its way (what the console waits for, with Cancel) */
  watch?: RequestWatch
}

export const DEFAULT_SILENCE_MS = 15_000

/**
 * The one fetch wrapper. Gives up when the backend stays silent too long (not after a fixed time:
 * a big answer on a slow link keeps arriving), follows the caller's abort signal and turns every
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
    control.answered(response)
    text = await readText(response, control)
  } catch (cause) {
    throw control.fail(cause)
  } finally {
    control.release()
  }

  if (!response.ok) throw httpError(response, text, source, url)
  return text
}

/** The body as text, each piece counted as news from the backend (see RequestControl.heard). */
export async function readText(response: Response, control: RequestControl): Promise<string> {
  if (!response.body) return response.text()
  const reader = response.body.getReader()
  const read = stoppedBy(control.signal, () => reader.read(), () => reader.cancel())
  const decoder = new TextDecoder()
  const parts: string[] = []
  for (;;) {
    const r = await read()
    if (r.done) break
    control.heard(r.value.byteLength)
    parts.push(decoder.decode(r.value, { stream: true }))
  }
  parts.push(decoder.decode())
  return parts.join('')
}

/**
 * `read`, failing as soon as `signal` aborts (and then calling `cancel`): not every body stream
 * ends when its request's signal aborts after the answer began (some runtimes leave it waiting).
 */
export function stoppedBy<T>(signal: AbortSignal, read: () => Promise<T>, cancel: () => Promise<unknown>): () => Promise<T> {
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => {
      // refused first: the cancelled read then ends as "done", which must not read as the end of the body
      reject(signal.reason instanceof Error ? signal.reason : new DOMException('The request was aborted.', 'AbortError'))
      cancel().catch(() => undefined)
    }
    if (signal.aborted) stop()
    else signal.addEventListener('abort', stop, { once: true })
  })
  aborted.catch(() => undefined)
  return () => Promise.race([read(), aborted])
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
  /** the answer's headers came: the backend has started answering */
  answered: (response: Response) => void
  /** `bytes` more of the body came: the silence starts again from now */
  heard: (bytes: number) => void
  /** the body is left unread for a while on purpose (the reader is not ready): silence does not count meanwhile */
  pause: () => void
  resume: () => void
  fail: (cause: unknown) => ApiError
  release: () => void
}

/**
 * The abort signal of one request: it follows the caller's signal and fires when the backend has
 * been silent for `silenceMs` (no answer yet, or no new piece of the body); `fail` turns a
 * transport failure into the right ApiError (timeout, cancelled, offline), and `release`
 * detaches the timer and the caller's signal once the body has been read. With a watch, the
 * request is registered there while on its way, and the user can cancel it from there.
 */
export function requestControl(options: RequestOptions, source: string, url: string): RequestControl {
  const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS
  const controller = new AbortController()
  const startedAt = Date.now()
  let lastHeard = startedAt
  let answeredYet = false
  let bytes = 0
  let paused = false
  let stopped: 'silence' | 'user' | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  // one timer, checked when it fires (not re-armed for every piece of a fast body)
  const arm = (ms: number) => {
    timer = setTimeout(() => {
      timer = null
      if (paused) return
      const left = lastHeard + silenceMs - Date.now()
      if (left > 0) return arm(left)
      stopped = 'silence'
      controller.abort()
    }, ms)
  }
  arm(silenceMs)
  const watched = options.watch?.start(source, url, () => {
    stopped = 'user'
    controller.abort()
  })
  const onAbort = () => controller.abort()
  if (options.signal?.aborted) controller.abort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    answered: (response) => {
      answeredYet = true
      lastHeard = Date.now()
      // a compressed body's length is not the length read
      const length = response.headers.get('content-encoding') ? null : Number(response.headers.get('content-length') ?? NaN)
      watched?.answered(length !== null && Number.isFinite(length) ? length : null)
    },
    heard: (n) => {
      bytes += n
      lastHeard = Date.now()
      watched?.received(n)
    },
    pause: () => {
      paused = true
    },
    resume: () => {
      paused = false
      lastHeard = Date.now()
      if (timer === null && stopped === null) arm(silenceMs)
    },
    fail: (cause: unknown) =>
      networkError(cause, {
        source,
        url,
        stopped,
        silenceMs,
        answered: answeredYet,
        bytes,
        waitedMs: Date.now() - startedAt,
        callerAborted: options.signal?.aborted ?? false,
      }),
    release: () => {
      if (timer !== null) clearTimeout(timer)
      timer = null
      watched?.end()
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
      message:
        response.status === 429
          ? `Rate-limited by the ${source} (${status}): it asks the console to wait ${formatWait(retryAfterMs)} before asking again, so nothing is asked before then.`
          : `Unavailable: the ${source} answered ${status} and asks the console to wait ${formatWait(retryAfterMs)} before asking again, so nothing is asked before then.`,
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
  ctx: { source: string; url: string; stopped: 'silence' | 'user' | null; silenceMs: number; answered: boolean; bytes: number; waitedMs: number; callerAborted: boolean },
): ApiError {
  if (ctx.stopped === 'silence') {
    const limit = formatMs(ctx.silenceMs)
    return new ApiError({
      kind: 'timeout',
      source: ctx.source,
      url: ctx.url,
      cause,
      message: ctx.answered
        ? `The ${ctx.source} stopped sending its answer: nothing more came for ${limit}, after ${formatBytes(ctx.bytes)} of it.`
        : `The ${ctx.source} did not answer within ${limit}.`,
    })
  }
  if (ctx.stopped === 'user') {
    return new ApiError({
      kind: 'aborted',
      source: ctx.source,
      url: ctx.url,
      cause,
      message: `Cancelled after waiting ${formatWait(ctx.waitedMs)} for the ${ctx.source}${ctx.bytes ? ` (${formatBytes(ctx.bytes)} of its answer had come)` : ''}.`,
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

const formatMs = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`)

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
