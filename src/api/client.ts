import type { z } from 'zod'
import { ApiError } from './errors'
import { ApiErrorBodySchema } from './schemas/common'
import { takeEarlyResponse } from './early-response'
import { Pacer } from '../lib/pacer'

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

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

/** Builds `path?query`; undefined, null and empty values are left out, arrays repeat the key. */
export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const v of value as readonly (string | number)[]) params.append(key, String(v))
    } else {
      params.set(key, String(value))
    }
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/** Formats a zod issue path the way a developer would write it: `traces[3].duration`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out ? `.${String(seg)}` : String(seg)
  }
  return out || '(root)'
}

/** Validates `body` with `schema`; a mismatch becomes a malformed-response ApiError naming the field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  body: unknown,
  ctx: { source: string; url: string },
): z.infer<S> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const path = issue ? formatIssuePath(issue.path) : '(root)'
  throw new ApiError({
    kind: 'malformed',
    source: ctx.source,
    url: ctx.url,
    path,
    message: `The ${ctx.source} sent an answer the console cannot read: field "${path}" ${issue ? issue.message.toLowerCase() : 'is invalid'}.`,
  })
}

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

/**
 * The abort signal of one request: it follows the caller's signal and fires after the timeout;
 * `fail` turns a transport failure into the right ApiError (timeout, cancelled, offline), and
 * `release` detaches the timer and the caller's signal once the body has been read.
 */
function requestControl(options: RequestOptions, source: string, url: string) {
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
function httpError(response: Response, text: string, source: string, url: string): ApiError {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  const parsed = ApiErrorBodySchema.safeParse(body)
  const detail = parsed.success ? parsed.data.error.message : text.trim().slice(0, 200)
  return new ApiError({
    kind: 'http',
    source,
    url,
    status: response.status,
    path: parsed.success ? (parsed.data.error.param ?? null) : null,
    message: `The ${source} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${detail ? `: ${detail}` : '.'}`,
  })
}

/**
 * Like fetchText, for answers of one JSON document per line (NDJSON): complete lines are handed to
 * `onLines` as soon as they have arrived, a block at a time (the lines of one network chunk,
 * without the last newline; `firstLine` numbers the first of them from 1), so a big answer is
 * parsed while the rest is still on the way, in small tasks, instead of all at once at the end.
 * `accept` is the media type asked for; if the server answers with another one (it does not
 * stream), the whole body is returned as text instead. `onLines` may throw (an ApiError for a bad line).
 */
export async function fetchLines(
  url: string,
  accept: string,
  onLines: (block: string, firstLine: number) => void,
  options: RequestOptions = {},
): Promise<{ streamed: true } | { streamed: false; text: string }> {
  const source = options.source ?? 'backend'
  const control = requestControl(options, source, url)
  const fail = control.fail
  try {
    let response: Response
    try {
      // a request the page made before the console's code ran (src/app/early-trace.ts) is taken over
      response =
        (options.headers ? null : await takeEarlyResponse(url, accept, control.signal)) ??
        (await fetch(url, { signal: control.signal, headers: { Accept: accept, ...options.headers } }))
    } catch (cause) {
      throw fail(cause)
    }
    const type = response.headers.get('content-type') ?? ''
    if (!response.ok || !type.includes(accept) || !response.body) {
      let text: string
      try {
        text = await response.text()
      } catch (cause) {
        throw fail(cause)
      }
      if (!response.ok) throw httpError(response, text, source, url)
      return { streamed: false, text }
    }
    // the answer waits in the network buffer while the first view loads (see holdStreamsUntil)
    await streamGate
    const read = chunkReader(response.body)
    const decoder = new TextDecoder()
    const pacer = new Pacer()
    let rest = ''
    let lineNumber = 0
    for (;;) {
      await pacer.turn()
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await read()
      } catch (cause) {
        throw fail(cause)
      }
      const decoded = rest + (chunk.done ? decoder.decode() : decoder.decode(chunk.value, { stream: true }))
      // at the end, whatever is left is the last line, with or without its newline
      const text = chunk.done ? decoded.replace(/\s+$/, '') : decoded
      const last = chunk.done ? text.length : text.lastIndexOf('\n')
      // a chunk can be megabytes (where the body cannot be read in bounded pieces): handed over in
      // blocks of about BLOCK_CHARS, so the first spans are shown without waiting for all of it
      for (let from = 0; from <= last; ) {
        const cut = last - from > BLOCK_CHARS ? text.indexOf('\n', from + BLOCK_CHARS) : last
        const to = cut === -1 || cut > last ? last : cut
        const block = text.slice(from, to)
        if (block) {
          onLines(block, lineNumber + 1)
          pacer.handedOver()
        }
        lineNumber += countNewlines(block) + 1
        from = to + 1
        if (from <= last) await pacer.turn()
      }
      rest = last === -1 ? text : text.slice(last + 1)
      if (chunk.done) break
    }
    return { streamed: true }
  } catch (e) {
    // a refused line stops the download too
    control.abort()
    throw e
  } finally {
    control.release()
  }
}

const BLOCK_CHARS = 256 * 1024
const READ_BYTES = 256 * 1024

/**
 * Reads a body in pieces of at most READ_BYTES where the stream allows it (a byte stream, as
 * browsers give for fetch): a body that piled up in the network buffer is then not handed over
 * as one chunk of megabytes to decode at once.
 */
function chunkReader(body: ReadableStream<Uint8Array>): () => Promise<ReadableStreamReadResult<Uint8Array>> {
  let byob: ReadableStreamBYOBReader | null
  try {
    byob = body.getReader({ mode: 'byob' })
  } catch {
    // not a byte stream (a test double, an older browser): chunks as they come
    byob = null
  }
  if (!byob) {
    const reader = body.getReader()
    return () => reader.read()
  }
  const bytes = byob
  let buffer = new ArrayBuffer(READ_BYTES)
  return async () => {
    const r = await bytes.read(new Uint8Array(buffer, 0, READ_BYTES))
    if (r.done) return { done: true, value: undefined }
    // the buffer was handed to the stream and comes back with the bytes read: decode, then reuse
    const value = r.value
    const copy = value.slice()
    buffer = value.buffer as ArrayBuffer
    return { done: false, value: copy }
  }
}

let streamGate: Promise<unknown> = Promise.resolve()

/**
 * Streamed answers requested before `until` settles are read only after it: at boot the trace the
 * address names is requested at once, but reading 100,000 spans would hold back the loading of
 * the view that shows them. The bytes wait in the network buffer meanwhile.
 */
export function holdStreamsUntil(until: Promise<unknown>): void {
  streamGate = until.catch(() => undefined)
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
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

/** JSON text, then the schema; a body that is not JSON or does not fit is a malformed-answer ApiError. */
export function parseJsonText<S extends z.ZodType>(text: string, schema: S, ctx: { source: string; url: string }): z.infer<S> {
  const { source, url } = ctx
  let body: unknown
  try {
    body = text.length ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (body === undefined) {
    throw new ApiError({
      kind: 'malformed',
      source,
      url,
      message: `The ${source} sent an answer that is not JSON (it starts with "${text.trim().slice(0, 40)}").`,
    })
  }
  return parseWith(schema, body, { source, url })
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
      : `The ${ctx.source} could not be reached. Check that it is running and reachable from this browser.`,
  })
}
