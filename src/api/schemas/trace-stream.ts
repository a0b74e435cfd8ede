/**
 * GET /api/v1/traces/:traceId as a stream (Accept: application/x-ndjson): one JSON document per
 * line, the trace's head first ({traceId, sampling, warnings, spanCount}), then one span per line.
 * Each line is checked as it arrives, by the same rules as TraceResponseSchema; a bad line, or an
 * answer that ends before `spanCount` spans, is refused in plain words naming the line.
 *
 * A head with `order: "depth-first"` and `extent` promises the spans in the order the tree shows
 * them; the page then builds the first rows of the Gantt from the first spans (a preview, shown
 * while the rest arrives: the hand-over's ArrivingTrace, ../trace-loading/files/trace-file-steps.ts).
 */
import { depthFirstSpans } from '../../domain/trace/preview'
import type { SpanWire, TraceWire } from './trace'
import { checkSpan, checkTraceHead } from './trace-fast'
import type { Problem } from './trace-fast'

export const TRACE_STREAM_TYPE = 'application/x-ndjson'

/** The first line of a streamed trace. */
export interface TraceStreamHead {
  traceId: string
  sampling: TraceWire['sampling']
  warnings: string[]
  spanCount: number
  /** "depth-first": spans come in the order the tree shows them (pre-order, children by start time) */
  order?: 'depth-first'
  /** the trace's time span (µs since epoch, skew-corrected), sent with `order` so rows can be placed early */
  extent?: { start: number; end: number }
  /** the trace's services (names, sorted): the first rows get the colours the whole trace will have */
  services?: string[]
}

/** Rows the preview covers: more than a tall screen shows. */
export const PREVIEW_ROWS = 60

/** A line the reader refuses: `path` is where in the trace the bad field is, e.g. spans[3].duration. */
export class TraceStreamError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message)
    this.name = 'TraceStreamError'
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function refuse(line: number, p: Problem): never {
  throw new TraceStreamError(`line ${line}: ${p.message}`, p.path)
}

/** Collects a streamed trace line by line; `finish()` returns the trace once every span has come. */
export class TraceStreamReader {
  private head: TraceStreamHead | null = null
  private readonly spans: SpanWire[] = []

  /**
   * Lines of the answer (several, separated by newlines; `firstLine` numbers the first from 1).
   * Parsed as one JSON array when they are all well formed, which is much quicker than a parse per
   * line; otherwise line by line, to name the bad one. Blank lines are skipped.
   */
  lines(block: string, firstLine: number): void {
    let values: unknown[] | null
    try {
      values = JSON.parse(`[${block.replaceAll('\n', ',')}]`) as unknown[]
    } catch {
      values = null
    }
    if (values === null) {
      block.split('\n').forEach((text, i) => this.line(text, firstLine + i))
      return
    }
    for (let i = 0; i < values.length; i++) this.take(values[i], firstLine + i)
  }

  /** One line of the answer (line numbers from 1, for messages). A blank line is skipped. */
  line(text: string, lineNumber: number): void {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      if (!text.trim()) return
      refuse(lineNumber, { path: this.head ? ['spans', this.spans.length] : [], message: 'not JSON' })
    }
    this.take(value, lineNumber)
  }

  private take(value: unknown, lineNumber: number): void {
    if (!this.head) {
      this.head = readHead(value, lineNumber)
      return
    }
    const index = this.spans.length
    if (index >= this.head.spanCount) refuse(lineNumber, { path: ['spans', index], message: `more spans than the ${this.head.spanCount} announced` })
    const p = checkSpan(value)
    if (p) refuse(lineNumber, { path: ['spans', index, ...p.path], message: p.message })
    // checked field by field above against the same rules as SpanSchema
    this.spans.push(value as SpanWire)
  }

  /** The trace's head, once its line has been read. */
  arrivedHead(): TraceStreamHead | null {
    return this.head
  }

  /** The spans read and checked so far, in the order they came (the list grows as lines are read). */
  arrivedSpans(): readonly SpanWire[] {
    return this.spans
  }

  /** The trace, or an error when the answer was empty or ended early (cut off on the way). */
  finish(): TraceWire {
    const head = this.head
    if (!head) throw new TraceStreamError('the answer is empty', [])
    if (this.spans.length !== head.spanCount)
      throw new TraceStreamError(`the answer ended after ${this.spans.length} of the ${head.spanCount} spans it announced`, ['spans'])
    return { traceId: head.traceId, spans: this.spans, sampling: head.sampling, warnings: head.warnings }
  }
}

function readHead(value: unknown, line: number): TraceStreamHead {
  if (!isObj(value)) refuse(line, { path: [], message: 'expected the trace head {traceId, sampling, warnings, spanCount}' })
  if (typeof value.traceId !== 'string' || value.traceId.length === 0) refuse(line, { path: ['traceId'], message: 'expected a non-empty string' })
  const p = checkTraceHead(value)
  if (p) refuse(line, p)
  const n = value.spanCount
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) refuse(line, { path: ['spanCount'], message: 'expected a whole number ≥ 0' })
  const order = value.order
  if (order !== undefined && order !== 'depth-first') refuse(line, { path: ['order'], message: 'expected "depth-first" or no order' })
  const services = value.services
  if (services !== undefined && (!Array.isArray(services) || services.some((s) => typeof s !== 'string')))
    refuse(line, { path: ['services'], message: 'expected a list of service names' })
  const x = value.extent
  if (x !== undefined) {
    if (!isObj(x) || typeof x.start !== 'number' || typeof x.end !== 'number' || !Number.isFinite(x.start) || !Number.isFinite(x.end) || x.end < x.start)
      refuse(line, { path: ['extent'], message: 'expected {start, end}, numbers with end ≥ start' })
  }
  // warnings and sampling checked by checkTraceHead against the same rules as TraceSchema
  return {
    traceId: value.traceId,
    sampling: value.sampling as TraceWire['sampling'],
    warnings: value.warnings as string[],
    spanCount: n,
    ...(order ? { order } : {}),
    ...(isObj(x) ? { extent: { start: x.start as number, end: x.end as number } } : {}),
    ...(Array.isArray(services) ? { services: services as string[] } : {}),
  }
}

/**
 * Writes a trace in the streamed form (the synthetic world and the bench's HTTP backend use it):
 * in the tree's order, with the extent, unless the trace repeats span ids (then as it came).
 */
export function writeTraceStream(trace: TraceWire): string {
  const { head, spans } = traceStreamParts(trace)
  const lines = [JSON.stringify(head)]
  for (const s of spans) lines.push(JSON.stringify(s))
  return lines.join('\n') + '\n'
}

/**
 * A trace's head and its spans in the order the stream sends them: the tree's order, with the
 * order and extent in the head, unless the trace repeats span ids (then as they came, and no
 * promise). `ordered: false` sends them as they came without working out the tree's order.
 */
export function traceStreamParts(trace: TraceWire, ordered = true): { head: TraceStreamHead; spans: SpanWire[] } {
  const head: TraceStreamHead = {
    traceId: trace.traceId,
    sampling: trace.sampling,
    warnings: trace.warnings,
    spanCount: trace.spans.length,
    services: [...new Set(trace.spans.map((s) => s.service))].sort(),
  }
  const tree = ordered ? depthFirstSpans(trace.spans, trace.sampling) : null
  if (!tree) return { head, spans: trace.spans }
  head.order = 'depth-first'
  head.extent = { start: tree.start, end: tree.end }
  return { head, spans: tree.spans }
}
