import { Pacer } from '../../lib/pacer'
import { httpError, readText, requestControl, stoppedBy } from './request'
import type { RequestControl, RequestOptions } from './request'

/**
 * An answer to this very request that is already on its way (asked for before the caller came),
 * or null when there is none and the caller asks for itself. `signal` is the caller's: it stops
 * that answer as it would stop the caller's own request.
 */
export type AnswerUnderWay = (url: string, accept: string, signal: AbortSignal) => Promise<Response | null>

export interface StreamOptions extends RequestOptions {
  /** an answer already requested for this address and media type (taken instead of asking again) */
  underWay?: AnswerUnderWay
  /** the body is read only once this settles (the bytes wait in the network buffer meanwhile) */
  readAfter?: Promise<unknown>
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
  options: StreamOptions = {},
): Promise<{ streamed: true } | { streamed: false; text: string }> {
  const source = options.source ?? 'backend'
  const control = requestControl(options, source, url)
  const fail = control.fail
  try {
    let response: Response
    try {
      // an answer asked for without the caller's headers cannot stand for a request with them
      const underWay = options.headers || !options.underWay ? null : await options.underWay(url, accept, control.signal)
      response = underWay ?? (await fetch(url, { signal: control.signal, headers: { Accept: accept, ...options.headers } }))
    } catch (cause) {
      throw fail(cause)
    }
    control.answered(response)
    const type = response.headers.get('content-type') ?? ''
    if (!response.ok || !type.includes(accept) || !response.body) {
      let text: string
      try {
        text = await readText(response, control)
      } catch (cause) {
        throw fail(cause)
      }
      if (!response.ok) throw httpError(response, text, source, url)
      return { streamed: false, text }
    }
    if (options.readAfter) {
      // the answer waits in the network buffer on purpose: that is not the backend's silence
      control.pause()
      await options.readAfter.catch(() => undefined)
      control.resume()
    }
    await readLines(response.body, onLines, fail, control)
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

/** Reads `body` in paced pieces and hands its complete lines to `onLines`, numbered from 1. */
async function readLines(
  body: ReadableStream<Uint8Array>,
  onLines: (block: string, firstLine: number) => void,
  fail: (cause: unknown) => Error,
  control: Pick<RequestControl, 'heard' | 'signal'>,
): Promise<void> {
  const heard = control.heard
  const read = chunkReader(body, control.signal)
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
    if (!chunk.done) heard(chunk.value.byteLength)
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
    if (chunk.done) return
  }
}

/**
 * Reads a body in pieces of at most READ_BYTES where the stream allows it (a byte stream, as
 * browsers give for fetch): a body that piled up in the network buffer is then not handed over
 * as one chunk of megabytes to decode at once.
 */
function chunkReader(body: ReadableStream<Uint8Array>, signal: AbortSignal): () => Promise<ReadableStreamReadResult<Uint8Array>> {
  let byob: ReadableStreamBYOBReader | null
  try {
    byob = body.getReader({ mode: 'byob' })
  } catch {
    // not a byte stream (a test double, an older browser): chunks as they come
    byob = null
  }
  if (!byob) {
    const reader = body.getReader()
    return stoppedBy(signal, () => reader.read(), () => reader.cancel())
  }
  const bytes = byob
  let buffer = new ArrayBuffer(READ_BYTES)
  const readInto = stoppedBy(signal, () => bytes.read(new Uint8Array(buffer, 0, READ_BYTES)), () => bytes.cancel())
  return async () => {
    const r = await readInto()
    if (r.done) return { done: true, value: undefined }
    // the buffer was handed to the stream and comes back with the bytes read: decode, then reuse
    const value = r.value
    const copy = value.slice()
    buffer = value.buffer as ArrayBuffer
    return { done: false, value: copy }
  }
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}
