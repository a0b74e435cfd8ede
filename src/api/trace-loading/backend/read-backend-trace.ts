/**
 * The page's side of reading a backend's trace off the main thread (see backend-trace-steps.ts):
 * fetches the answer as every request is fetched (silence limit, waiting notice with Cancel, the
 * caller's abort signal, typed failures), passes each piece of the body to the worker as it
 * arrives, and takes the worker's hand-over in short paced tasks, reporting the first rows as soon
 * as the first block is in (for a stream in the tree's order, the console API's, as soon as the
 * worker has read the first lines).
 */
import type { Trace } from '../../../domain/model'
import type { TraceTree } from '../../../domain/trace/tree'
import { Pacer, TaskSlicer } from '../../../lib/pacer'
import { ApiError } from '../../errors'
import { httpError, readText, requestControl, stoppedBy } from '../../http/request'
import type { RequestOptions } from '../../http/request'
import type { AnswerUnderWay } from '../../http/ndjson'
import type { TraceLoadProgress } from '../../sources/data-source'
import { HandOverReceiver } from '../files/trace-file-steps'
import type { HandOverMessage } from '../files/trace-file-steps'
import { serveBackendTrace } from './backend-trace-steps'
import type { BackendTraceFormat, BackendTraceRequest, BackendTraceResponse, TracePort } from './backend-trace-steps'

/** A worker reading one backend answer (a real Worker, or the same steps on a message channel). */
export interface BackendTraceWorker extends TracePort<BackendTraceResponse, BackendTraceRequest> {
  onerror?: ((e: ErrorEvent) => void) | null
  terminate(): void
}

export type StartTraceWorker = () => BackendTraceWorker

/** A worker for one answer: a Web Worker where the platform has them, else the same steps on a message channel on this thread. */
export const startTraceWorker: StartTraceWorker = () => {
  if (typeof Worker !== 'undefined') return new Worker(new URL('./backend-trace.worker.ts', import.meta.url), { type: 'module' })
  return inThreadWorker()
}

/** The worker's steps on this thread, behind a message channel (where no Worker exists: tests, server-side). */
export function inThreadWorker(): BackendTraceWorker {
  const channel = new MessageChannel()
  serveBackendTrace(channel.port2 as unknown as TracePort<BackendTraceRequest, BackendTraceResponse>)
  const page = channel.port1
  const worker: BackendTraceWorker = {
    onmessage: null,
    postMessage: (m, transfer) => page.postMessage(m, transfer ?? []),
    terminate: () => {
      page.close()
      channel.port2.close()
    },
  }
  page.onmessage = (e: MessageEvent<BackendTraceResponse>) => worker.onmessage?.(e)
  return worker
}

export interface BackendTraceOptions extends RequestOptions {
  format: BackendTraceFormat
  accept?: string
  onProgress?: (p: TraceLoadProgress) => void
  /** the trace's tree, built in the worker: the page takes it instead of building it again */
  onTree?: (trace: Trace, tree: TraceTree) => void
  /** each hand-over message once the page has taken it (see HandOverTap, ../trace-loader.ts) */
  onHandOver?: (m: HandOverMessage) => void
  startWorker?: StartTraceWorker
  /**
   * Takes the worker back once the read is over: `reusable` when it handed a whole answer over and
   * can read another (else it is stopped). Without it the worker is stopped.
   */
  releaseWorker?: (worker: BackendTraceWorker, reusable: boolean) => void
  /**
   * The answer to this very request, asked for before the console's code ran (the page's early
   * script, src/app/boot/early-trace.ts), taken instead of asking again; only without headers of
   * the caller's own beyond Accept, which that request did not send.
   */
  underWay?: AnswerUnderWay
  /** the body is read only once this settles (the bytes wait in the network buffer meanwhile) */
  readAfter?: Promise<unknown>
  /**
   * How to read an answer of another media type than `accept` (a server that does not stream
   * answers one JSON document): its whole text, on the page. Without it every answer goes to the worker.
   */
  whole?: (text: string) => Trace
}

/** The bytes of a chunk as a buffer of their own, to transfer (a chunk may be a view on a bigger buffer). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer
  return bytes.slice().buffer
}

/**
 * GET `url` and read its trace in a worker. Null when the answer is valid but holds no trace.
 * Throws ApiError (http, timeout, aborted, offline, malformed) with a plain-words message.
 * The worker is started beside the request, so its code loads while the answer is on its way.
 */
export async function readBackendTrace(url: string, options: BackendTraceOptions): Promise<Trace | null> {
  const source = options.source ?? 'backend'
  const control = requestControl(options, source, url)
  const w = (options.startWorker ?? startTraceWorker)()
  // reusable when it was sent nothing (the request failed, or the answer was read on the page) or
  // handed a whole answer over; not when a read stopped half-way
  let reusable = true
  try {
    let response: Response
    const accept = options.accept ?? 'application/json'
    const ownHeaders = Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() !== 'accept')
    mark('request')
    try {
      const early = ownHeaders || !options.underWay ? null : await options.underWay(url, accept, control.signal)
      if (early) mark('early-answer')
      response = early ?? (await fetch(url, { signal: control.signal, headers: { Accept: accept, ...options.headers } }))
    } catch (cause) {
      throw control.fail(cause)
    }
    control.answered(response)
    mark('response')
    const other = options.whole && !(response.headers.get('content-type') ?? '').includes(accept)
    if (!response.ok || !response.body || other) {
      let text: string
      try {
        text = await readText(response, control)
      } catch (cause) {
        throw control.fail(cause)
      }
      if (!response.ok) throw httpError(response, text, source, url)
      if (other && options.whole) return options.whole(text)
      response = new Response(text)
    }
    if (options.readAfter) {
      // the answer waits in the network buffer on purpose: that is not the backend's silence
      control.pause()
      await options.readAfter.catch(() => undefined)
      control.resume()
    }
    reusable = false
    const handed = takeHandOver(w, options, source, url)
    // a refusal while the body still arrives (a bad line of a stream) stops the download
    let refusal: unknown = null
    handed.catch((e: unknown) => {
      refusal = e
      control.abort()
    })
    w.postMessage({ type: 'begin', format: options.format, backend: source })
    const body = response.body
    if (body) {
      const reader = body.getReader()
      const read = stoppedBy(control.signal, () => reader.read(), () => reader.cancel())
      let first = true
      // a body the network has buffered is read without leaving the task: sliced, so a 36 MB
      // answer arriving at once does not hold the page for its whole length
      const slicer = new TaskSlicer()
      for (;;) {
        let r: ReadableStreamReadResult<Uint8Array>
        try {
          r = await read()
        } catch (cause) {
          if (refusal) throw refusal
          throw control.fail(cause)
        }
        if (r.done) break
        if (first) mark('first-chunk')
        first = false
        control.heard(r.value.byteLength)
        const bytes = ownBuffer(r.value)
        w.postMessage({ type: 'chunk', bytes }, [bytes])
        await slicer.turn()
      }
    }
    if (refusal) throw refusal
    w.postMessage({ type: 'end' })
    mark('body-end')
    // the download is over: the silence limit no longer applies, the caller's signal still does
    control.release()
    const read = await untilAborted(handed, options.signal)
    reusable = true
    mark('handed')
    if (read?.tree) options.onTree?.(read.trace, read.tree)
    return read?.trace ?? null
  } finally {
    control.release()
    if (options.releaseWorker) options.releaseWorker(w, reusable)
    else w.terminate()
  }
}

/** A performance mark `tracelens:trace-<name>` (at `epoch`, a time since the epoch, when given), for profiles. */
function mark(name: string, epoch?: number): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return
  const startTime = epoch === undefined ? undefined : epoch - performance.timeOrigin
  performance.mark(`tracelens:trace-${name}`, startTime === undefined ? undefined : { startTime })
}

function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new DOMException('The trace is no longer asked for.', 'AbortError'))
    if (signal.aborted) return stop()
    signal.addEventListener('abort', stop, { once: true })
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
  })
}

interface Handed {
  trace: Trace
  tree: TraceTree | null
}

/**
 * The worker's hand-over, taken one block per short task (the first rows get a frame to be drawn
 * in): the trace and its tree once all of it is in, null for an answer without a trace.
 */
function takeHandOver(worker: BackendTraceWorker, options: BackendTraceOptions, source: string, url: string): Promise<Handed | null> {
  return new Promise<Handed | null>((resolve, reject) => {
    const receiver = new HandOverReceiver()
    const queue: HandOverMessage[] = []
    const pacer = new Pacer()
    let draining = false
    let stopped = false
    let firstBlock = true
    const stop = (err: Error | null, trace: Handed | null) => {
      stopped = true
      if (err) reject(err)
      else resolve(trace)
    }
    const drain = async () => {
      draining = true
      while (queue.length > 0 && !stopped) {
        await pacer.turn()
        const m = queue.shift()
        if (!m || stopped) break
        try {
          const read = receiver.take(m)
          options.onHandOver?.(m)
          if (m.type === 'spans' && firstBlock) {
            firstBlock = false
            mark('first-block')
          }
          if (m.type === 'head' || m.type === 'spans') {
            const p = receiver.progress(0)
            if (p) options.onProgress?.(p)
            if (m.type === 'spans') pacer.handedOver()
          }
          if (read) stop(null, read.traces[0] ? { trace: read.traces[0], tree: read.trees?.[0] ?? null } : null)
          // a tree that came after all its spans (a stream) is put together a slice per turn, not in one task
          else while (!stopped && receiver.assemble()) await pacer.turn()
        } catch (err) {
          stop(new ApiError({ kind: 'malformed', source, url, message: `The ${source}'s trace was read but could not be handed to the page: ${err instanceof Error ? err.message : String(err)}` }), null)
        }
      }
      draining = false
    }
    worker.onmessage = (e) => {
      const m = e.data
      if (stopped) return
      if (m.type === 'missing') return stop(null, null)
      if (m.type === 'timing') {
        for (const [name, at] of m.marks) mark(`worker-${name}`, at)
        return
      }
      if (m.type === 'error') {
        const message =
          m.kind === 'not-json'
            ? `The ${source} sent an answer that is not JSON (it starts with "${m.start ?? ''}").`
            : `The ${source} sent a trace the console cannot read: ${m.message.replace(/\.$/, '')}.`
        return stop(new ApiError({ kind: 'malformed', source, url, path: m.path, message }), null)
      }
      queue.push(m)
      if (!draining) void drain()
    }
    worker.onerror = (e) => stop(new ApiError({ kind: 'malformed', source, url, message: `The ${source}'s trace could not be read: ${e.message || 'the reader stopped'}.` }), null)
  })
}
