/**
 * A trace answered by a backend (Jaeger's classic JSON, Jaeger's v3 OTLP JSON, Tempo's OTLP JSON)
 * read off the page's main thread: the page fetches it (so the silence limit, the waiting notice
 * and Cancel stay as for every request) and passes each piece of the body, as it arrives, to a
 * worker that decodes it, then parses, checks and converts the whole answer and works out the
 * tree's order and builds the tree. The worker hands the trace to the page as the file readers do
 * (`handOver`, ../files/trace-file-steps.ts): the trace's head, its tree (typed columns), then its
 * spans in the tree's order, a packed block at a time (typed arrays moved, strings written once),
 * so the page draws the first rows from the first block and neither parses nor builds anything again.
 *
 * This module holds the protocol and the worker's side (`serveBackendTrace`), which also runs on
 * a message channel where no worker can be started (tests).
 */
import type { Trace } from '../../../domain/model'
import { splitJsonDocuments } from '../../http/json-documents'
import { FormatError, isFormatError } from '../../formats/format-error'
import type { FormatErrorKind } from '../../formats/format-error'
import { jaegerToTraces, jaegerTraceToTrace } from '../../formats/jaeger'
import type { JaegerTrace } from '../../formats/jaeger'
import { JaegerAnswerSegments } from '../../formats/jaeger-parts'
import type { JaegerPart } from '../../formats/jaeger-parts'
import { otlpToTraces } from '../../formats/otlp'
import { blockSize, handOver, packedTreeOf } from '../files/trace-file-steps'
import type { HandOverMessage } from '../files/trace-file-steps'
import { packedTreeBuffers } from '../../../domain/trace/packed-tree'
import { packSpans, packedSpanBuffers } from '../packed-spans'
import { LineBlocks } from '../../http/ndjson'
import { formatIssuePath } from '../../http/parse'
import { TraceStreamError, TraceStreamReader } from '../../schemas/trace-stream'

/**
 * What the answer is: Jaeger's /api/traces/:id, Jaeger's /api/v3/traces/:id, Tempo's trace by id,
 * or the console API's streamed trace (one JSON document per line, ../../schemas/trace-stream.ts),
 * which is read line by line as it arrives, with the first rows reported before the last span.
 */
export type BackendTraceFormat = 'jaeger' | 'jaeger-v3' | 'tempo' | 'console-stream'

export type BackendTraceRequest =
  /** a new answer begins; `backend` names the backend in messages */
  | { type: 'begin'; format: BackendTraceFormat; backend: string }
  /** the next piece of the body, as it came from the network (transferred, not copied) */
  | { type: 'chunk'; bytes: ArrayBuffer }
  /** the body is complete */
  | { type: 'end' }

export type BackendTraceResponse =
  | HandOverMessage
  /** the answer is valid but holds no trace (Jaeger's `{"data": []}`) */
  | { type: 'missing' }
  /**
   * When the worker's steps ended, as times since the epoch (`performance.timeOrigin + now()`): the
   * page turns them into performance marks (`tracelens:worker-…`) so a profile shows where the time goes.
   */
  | { type: 'timing'; marks: [string, number][] }
  /** the answer cannot be read: `kind` 'not-json' when it is no JSON at all (`start`: its first characters) */
  | { type: 'error'; kind: FormatErrorKind | null; message: string; path: string | null; start?: string }

/** One end of a worker or of a message channel. */
export interface TracePort<In, Out> {
  postMessage(message: Out, transfer?: Transferable[]): void
  onmessage: ((e: MessageEvent<In>) => void) | null
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Older Tempo writes `instrumentationLibrarySpans`; the OTLP converter reads `scopeSpans`. */
export function normaliseOtlp(resourceSpans: unknown[]): { resourceSpans: unknown[] } {
  return {
    resourceSpans: resourceSpans.map((rs) => {
      if (isObj(rs) && 'instrumentationLibrarySpans' in rs && !('scopeSpans' in rs)) {
        const { instrumentationLibrarySpans, ...rest } = rs
        return { ...rest, scopeSpans: instrumentationLibrarySpans }
      }
      return rs
    }),
  }
}

const notJson = (text: string) => new FormatError('not-json', `not JSON (it starts with "${text.trim().slice(0, 40)}")`)
const shape = (message: string, path: string) => new FormatError('invalid', message, path)

/** Jaeger's v3 API streams `{"result": …}` documents one after another (usually one). */
function documents(text: string): unknown[] {
  try {
    return [JSON.parse(text)]
  } catch {
    let docs: unknown[]
    try {
      docs = splitJsonDocuments(text)
    } catch {
      docs = []
    }
    if (docs.length === 0) throw notJson(text)
    return docs
  }
}

/**
 * The one trace of a backend's trace-by-id answer, checked and converted; null when the answer
 * holds none. Throws a FormatError naming what is wrong.
 */
export function parseBackendTrace(text: string, format: BackendTraceFormat, onParsed?: () => void): Trace | null {
  let traces: Trace[]
  if (format === 'jaeger-v3') {
    traces = []
    documents(text).forEach((doc, i) => {
      if (!isObj(doc)) throw shape(`document ${i + 1} is not an object`, '(root)')
      if (doc.result === undefined) return
      if (i === 0) onParsed?.()
      if (!isObj(doc.result) || !Array.isArray(doc.result.resourceSpans)) throw shape('expected "result" with "resourceSpans"', 'result.resourceSpans')
      traces.push(...otlpToTraces(doc.result))
    })
    // a trace may come in several chunks: one trace
    if (traces.length > 1) traces = [{ ...traces[0], spans: traces.flatMap((t) => t.spans) }]
  } else {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw notJson(text)
    }
    onParsed?.()
    if (!isObj(body)) throw shape('expected an object', '(root)')
    if (format === 'jaeger') {
      const data = body.data ?? []
      if (!Array.isArray(data)) throw shape('expected "data" to be a list', 'data')
      traces = jaegerToTraces({ data })
    } else {
      const inner = isObj(body.trace) ? body.trace.resourceSpans : undefined
      const rs = inner ?? body.resourceSpans ?? body.batches ?? []
      if (!Array.isArray(rs)) throw shape('expected "resourceSpans" (or "batches") to be a list', 'resourceSpans')
      traces = otlpToTraces(normaliseOtlp(rs))
    }
  }
  return traces[0] ?? null
}

/** Now, as a time since the epoch: comparable between the worker and the page. */
const epochNow = () => performance.timeOrigin + performance.now()

/**
 * A console API trace stream handed to the page as it arrives: complete lines are parsed and
 * checked a block at a time (`TraceStreamReader`), and the spans go to the page in packed blocks of
 * HAND_OVER_LINES as soon as that many have come, in the order they came (the tree's order when the
 * head promises it, so the page draws the first rows from the first block); once the body is
 * complete, the tree is built here and follows the last block. The page makes the spans while the
 * rest of the answer is still on its way, and neither parses nor builds anything.
 */
class StreamHandOver {
  private readonly lines = new LineBlocks()
  // (the page works out the first rows from the blocks it receives)
  private readonly reader = new TraceStreamReader()
  private started = false
  private sent = 0

  constructor(
    private readonly post: (m: HandOverMessage, transfer: ArrayBuffer[]) => void,
    private readonly marks: [string, number][],
  ) {}

  /** The next decoded piece of the body. Throws TraceStreamError for a line it refuses. */
  push(text: string): void {
    for (const [block, first] of this.lines.push(text)) this.reader.lines(block, first)
    this.flush(false)
  }

  /** The body is complete: the last spans, then the tree (the caller posts `done`). Throws TraceStreamError when it is empty, cut off or ends with a bad line. */
  end(rest: string): void {
    for (const [block, first] of [...this.lines.push(rest), ...this.lines.end()]) this.reader.lines(block, first)
    const trace: Trace = this.reader.finish()
    this.marks.push(['parsed', epochNow()])
    this.flush(true)
    const tree = packedTreeOf(trace)
    this.marks.push(['tree', epochNow()])
    this.post({ type: 'tree', trace: 0, tree }, packedTreeBuffers(tree))
  }

  private flush(all: boolean): void {
    const head = this.reader.arrivedHead()
    if (!head) return
    if (!this.started) {
      this.started = true
      this.post({ type: 'start', format: 'console', ids: [head.traceId], warnings: [] }, [])
      this.post({ type: 'head', trace: 0, head }, [])
    }
    const spans = this.reader.arrivedSpans()
    for (;;) {
      // the first block small: it holds the first rows, which should not wait for 2,000 spans
      const size = blockSize(this.sent)
      if (spans.length - this.sent < size && !(all && this.sent < spans.length)) break
      if (this.sent === 0) this.marks.push(['first-block', epochNow()])
      const block = packSpans(spans.slice(this.sent, this.sent + size))
      this.sent += block.count
      this.post({ type: 'spans', trace: 0, block }, packedSpanBuffers(block))
    }
  }
}

/**
 * A classic Jaeger answer parsed in parts while it arrived (JaegerAnswerSegments) as the trace a
 * whole parse gives. The parts were checked by the rules of JaegerTraceSchema and JaegerSpanSchema.
 */
function segmentsTrace(read: JaegerPart): Trace {
  return jaegerTraceToTrace({ ...read.fields, spans: read.spans } as unknown as JaegerTrace)
}

/** A refused line of a stream as the worker reports it: the field named in the message, as the page shows it. */
function streamRefusal(err: TraceStreamError): BackendTraceResponse {
  const path = err.path.length ? formatIssuePath(err.path) : null
  return { type: 'error', kind: 'invalid', message: `${path ? `field "${path}", ` : ''}${err.message}`, path }
}

/** Posts the error `err` stands for: a refused line, a FormatError naming what is wrong, or anything else in its own words. */
function postFailure(post: (m: BackendTraceResponse) => void, err: unknown, text: string): void {
  if (err instanceof TraceStreamError) return post(streamRefusal(err))
  post(
    isFormatError(err)
      ? { type: 'error', kind: err.kind, message: err.message, path: err.path, ...(err.kind === 'not-json' ? { start: text.trim().slice(0, 40) } : {}) }
      : { type: 'error', kind: null, message: err instanceof Error ? err.message : String(err), path: null },
  )
}

/** The worker's side: takes an answer's pieces, then hands its trace over. */
export function serveBackendTrace(port: TracePort<BackendTraceRequest, BackendTraceResponse>): void {
  let format: BackendTraceFormat = 'jaeger'
  let decoder = new TextDecoder()
  let parts: string[] = []
  let marks: [string, number][] = []
  let stream: StreamHandOver | null = null
  // a classic Jaeger answer is parsed a part at a time while it arrives
  let segments: JaegerAnswerSegments | null = null
  let chunks = 0
  /** a line of the stream was refused: the rest of the answer is not read */
  let refused = false
  const post = (m: BackendTraceResponse) => port.postMessage(m)
  port.onmessage = (e) => {
    const m = e.data
    if (m.type === 'begin') {
      format = m.format
      decoder = new TextDecoder()
      parts = []
      marks = []
      chunks = 0
      refused = false
      stream = format === 'console-stream' ? new StreamHandOver((r, transfer) => port.postMessage(r, transfer), marks) : null
      segments = format === 'jaeger' ? new JaegerAnswerSegments() : null
      return
    }
    if (refused) return
    if (m.type === 'chunk') {
      if (chunks++ === 0) marks.push(['first-chunk', epochNow()])
      // decoded as it comes: only the parse waits for the end (a stream is parsed as it comes too)
      const text = decoder.decode(new Uint8Array(m.bytes), { stream: true })
      if (!stream) {
        parts.push(text)
        segments?.push(text)
        return
      }
      try {
        stream.push(text)
      } catch (err) {
        refused = true
        postFailure(post, err, text)
      }
      return
    }
    marks.push(['body-end', epochNow()])
    const rest = decoder.decode()
    let text = ''
    try {
      if (stream) {
        const s = stream
        // the worker may read another answer next: it keeps nothing of this one
        stream = null
        s.end(rest)
        marks.push(['handed', epochNow()])
        post({ type: 'timing', marks })
        return post({ type: 'done' })
      }
      const read = segments?.end(rest) ?? null
      segments = null
      let trace: Trace | null
      if (read) {
        marks.push(['parsed', epochNow()])
        trace = segmentsTrace(read)
      } else {
        parts.push(rest)
        text = parts.join('')
        marks.push(['joined', epochNow()])
        trace = parseBackendTrace(text, format, () => marks.push(['parsed', epochNow()]))
      }
      parts = []
      marks.push(['converted', epochNow()])
      if (!trace) return post({ type: 'missing' })
      let blocks = 0
      handOver({ format: format === 'jaeger' ? 'jaeger' : 'otlp', traces: [trace], ids: [trace.traceId], warnings: [] }, (r, transfer) => {
        if (r.type === 'spans' && blocks++ === 0) marks.push(['first-block', epochNow()])
        if (r.type === 'tree') marks.push(['tree', epochNow()])
        if (r.type === 'done') {
          marks.push(['handed', epochNow()])
          post({ type: 'timing', marks })
        }
        port.postMessage(r, transfer)
      })
    } catch (err) {
      postFailure(post, err, text)
    }
  }
}
