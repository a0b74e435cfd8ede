/**
 * A big Jaeger JSON file read on two threads (src/api/formats/jaeger-parts.ts): the file reader's
 * worker (the lead) reads and parses the head part, a second worker (the helper) the tail part,
 * side by side. Each then takes from its raw spans only what the tree's order needs (ids, parents,
 * timing, kind) and what the trace's head needs (sampling, warnings); the helper sends that to the
 * lead, which works out the order of the whole trace and opens the page. The spans are converted
 * afterwards, in the tree's order, as they are handed over: the first rows wait only for the first
 * block's. The page gets the same messages, in the same order, as from a whole read (handOver in
 * trace-file-steps.ts), sooner.
 *
 * Any trouble before the hand-over starts (a file that cannot be cut, a part that does not parse
 * or is not valid, a helper that fails) gives null, and the caller reads the file whole.
 */
import {
  HEAD_PROBE_BYTES,
  MIDDLE_PROBE_BYTES,
  PARTS_MIN_BYTES,
  findJaegerCut,
  jaegerFieldsLookValid,
  jaegerSpansLookValid,
  joinFields,
  readJaegerHead,
  readJaegerTail,
} from '../../formats/jaeger-parts'
import { JaegerSpanConverter, finishJaegerTrace, jaegerFollowsFrom, jaegerParentOf, jaegerPartFacts, jaegerServiceOf, jaegerSpanKind } from '../../formats/jaeger'
import type { JaegerPartFacts, JaegerProcess, JaegerSpan } from '../../formats/jaeger'
import { isFormatError } from '../../formats/format-error'
import { checkTraceFileSize, fileDigest, fileTraceIdOf, spanHash } from '../../formats/trace-file'
import type { TraceStreamHead } from '../../schemas/trace-stream'
import { SPAN_KINDS } from '../../../domain/model'
import type { Span, TagValue } from '../../../domain/model'
import { depthFirstOrder } from '../../../domain/trace/preview'
import { packSpans, packedSpanBuffers } from '../packed-spans'
import { packedTreeBuffers } from '../../../domain/trace/packed-tree'
import { HAND_OVER_LINES, blockSize, packedTreeOf } from './trace-file-steps'
import type { HandOverMessage, ReadStage } from './trace-file-steps'

/** A worker, or one end of a message channel: how the lead and the helper talk. */
export interface PartPort {
  postMessage(message: PartMessage, transfer?: Transferable[]): void
  onmessage: ((e: MessageEvent<PartMessage>) => void) | null
  /** a worker's own failure (a crash, or a script that would not load) */
  onerror?: ((e: ErrorEvent) => void) | null
}

/** What a part's spans give the tree's order and the trace's head (one entry per span, in file order). */
export interface PartOutline {
  spanIds: string[]
  parents: (string | null)[]
  starts: Float64Array
  durations: Float64Array
  /** index into SPAN_KINDS */
  kinds: Uint8Array
  /** 1 where the span follows from its parent (a FOLLOWS_FROM reference) */
  follows: Uint8Array
  /** spanHashSum of the part's spans */
  hashSum: number
  /** the part's services (each once) */
  services: string[]
  facts: JaegerPartFacts
}

export type PartMessage =
  /** lead → helper: read the tail part of `file`, from byte `from` */
  | { type: 'read'; file: Blob; from: number }
  /** either way: the part's trace-level fields, or null when the part cannot be used */
  | { type: 'fields'; fields: Record<string, unknown> | null }
  /** helper → lead */
  | { type: 'outline'; outline: PartOutline }
  /** lead → helper: the helper's spans (indexes in its part) in the order the page wants them */
  | { type: 'order'; wanted: Int32Array }
  /** helper → lead: the next of its spans, converted, in the order asked for */
  | { type: 'spans'; spans: Span[] }
  | { type: 'failed'; message: string }

/** Whether a file is worth reading in parts on this machine. */
export function worthParts(file: Blob, cores: number): boolean {
  return file.size >= PARTS_MIN_BYTES && cores >= 2
}

/** Messages from a port, taken one at a time in the order they came; fails once the port has failed. */
class Mailbox {
  private readonly queue: PartMessage[] = []
  private waiting: { resolve: (m: PartMessage) => void; reject: (e: Error) => void } | null = null
  private failure: Error | null = null

  constructor(port: PartPort) {
    if ('onerror' in port) port.onerror = (e) => this.fail(new Error(`the file's second reader stopped${e.message ? `: ${e.message}` : ''}`))
    port.onmessage = (e) => {
      const m = e.data
      if (m.type === 'failed') return this.fail(new Error(m.message))
      if (this.waiting) {
        const w = this.waiting
        this.waiting = null
        w.resolve(m)
      } else this.queue.push(m)
    }
  }

  fail(err: Error): void {
    this.failure ??= err
    const w = this.waiting
    this.waiting = null
    w?.reject(err)
  }

  /** The next message, which must be of type `type`. */
  async take<T extends PartMessage['type']>(type: T): Promise<Extract<PartMessage, { type: T }>> {
    const m = this.queue.shift() ?? (await this.next())
    if (m.type !== type) throw new Error(`the file's second reader sent "${m.type}" where "${type}" was due`)
    return m as Extract<PartMessage, { type: T }>
  }

  private next(): Promise<PartMessage> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }))
  }
}

/** A file read in parts, ready to be handed to the page. */
export interface PartsRead {
  /**
   * Posts the file to the page as handOver (trace-file-steps.ts) does. After the first block the
   * lead waits for `shown` (the page has drawn its first rows; the page side bounds that wait): with
   * both readers busy, the page would otherwise get no core to draw them on.
   */
  handOver(post: (m: HandOverMessage, transfer: ArrayBuffer[]) => void, shown?: Promise<void>): Promise<void>
}

/**
 * The lead's side. `helper` is the second reader (serveTailPart at its end). Null: read the file
 * whole instead (the helper is of no more use then). Throws only for a file too big to open.
 */
export async function readInParts(file: Blob, helper: PartPort, onStage: (s: ReadStage) => void, fileName: string): Promise<PartsRead | null> {
  const mailbox = new Mailbox(helper)
  const attempt = async (): Promise<PartsRead | null> => {
    onStage('reading')
    checkTraceFileSize(file.size, fileName)
    // part of the trace's id, hashed natively while the parts are read
    const digest = fileDigest(file)
    digest.catch(() => undefined)
    const mid = Math.floor(file.size / 2)
    const [head, middle] = await Promise.all([
      file.slice(0, HEAD_PROBE_BYTES).arrayBuffer(),
      file.slice(mid, mid + MIDDLE_PROBE_BYTES).arrayBuffer(),
    ])
    const cut = findJaegerCut(new Uint8Array(head), new Uint8Array(middle), mid)
    if (!cut) return null
    helper.postMessage({ type: 'read', file, from: cut.tailStart })
    const text = await file.slice(0, cut.headEnd).text()
    onStage('parsing')
    const own = readJaegerHead(text)
    const ownOk = own !== null && jaegerSpansLookValid(own.spans)
    helper.postMessage({ type: 'fields', fields: ownOk ? own.fields : null })
    if (!ownOk) return null
    const theirs = (await mailbox.take('fields')).fields
    if (!theirs) return null
    const fields = joinFields(own.fields, theirs)
    if (!jaegerFieldsLookValid(fields)) return null
    // checked above by the rules of JaegerTraceSchema and JaegerSpanSchema
    const traceID = fields.traceID as string
    const processes = (fields.processes ?? {}) as Record<string, JaegerProcess>
    const spans = own.spans as JaegerSpan[]
    const outline = outlineOf(spans, processes)
    const theirOutline = (await mailbox.take('outline')).outline
    onStage('building')
    const trace = { traceID, warnings: (fields.warnings ?? null) as string[] | null }
    return handOverParts(trace, spans, new JaegerSpanConverter(processes), outline, theirOutline, mailbox, helper, digest)
  }
  try {
    return await attempt()
  } catch (err) {
    // a format error (the size) is the file's fault, said as for a whole read; anything else: read it whole
    if (isFormatError(err)) throw err
    return null
  }
}

const NO_RESOURCE: Record<string, string> = {}
const NO_TAGS: Record<string, TagValue> = {}
const NO_METRICS: Record<string, number> = {}
const NO_EVENTS: Span['events'] = []

/** Spans with the fields the tree's order reads (see depthFirstOrder), from the outlines of the parts. */
function outlineSpans(outlines: readonly PartOutline[], traceId: string): Span[] {
  const spans: Span[] = []
  for (const o of outlines) {
    for (let i = 0; i < o.spanIds.length; i++) {
      spans.push({
        traceId,
        spanId: o.spanIds[i],
        parentSpanId: o.parents[i],
        name: '',
        kind: SPAN_KINDS[o.kinds[i]],
        service: '',
        startTime: o.starts[i],
        duration: o.durations[i],
        status: 'unset',
        resource: NO_RESOURCE,
        tags: NO_TAGS,
        events: NO_EVENTS,
        metrics: NO_METRICS,
        ...(o.follows[i] === 1 ? { parentRelation: 'follows_from' as const } : {}),
      })
    }
  }
  return spans
}

function handOverParts(
  trace: { traceID: string; warnings: string[] | null },
  own: JaegerSpan[],
  converter: JaegerSpanConverter,
  outline: PartOutline,
  theirs: PartOutline,
  mailbox: Mailbox,
  helper: PartPort,
  digest: Promise<string>,
): PartsRead {
  const all = outlineSpans([outline, theirs], trace.traceID)
  const { sampling, warnings } = finishJaegerTrace(trace, [], [outline.facts, theirs.facts])
  const found = depthFirstOrder(all, sampling)
  const sequence = found?.order ?? Int32Array.from(all.keys())
  const head: TraceStreamHead = {
    traceId: trace.traceID,
    sampling,
    warnings,
    spanCount: all.length,
    services: [...new Set([...outline.services, ...theirs.services])].sort(),
  }
  if (found) {
    head.order = 'depth-first'
    head.extent = { start: found.start, end: found.end }
  }
  return {
    async handOver(post, shown) {
      const id = fileTraceIdOf(trace.traceID, all.length, (outline.hashSum + theirs.hashSum) >>> 0, await digest)
      post({ type: 'start', format: 'jaeger', ids: [id], warnings: [] }, [])
      post({ type: 'head', trace: 0, head }, [])
      const n = own.length
      const wanted = new Int32Array(all.length - n)
      let w = 0
      for (const i of sequence) if (i >= n) wanted[w++] = i - n
      helper.postMessage({ type: 'order', wanted }, [wanted.buffer])
      const handed = new Array<Span>(sequence.length)
      let theirSpans: Span[] = []
      let next = 0
      // blocks as a whole read hands them over: a small first one, then HAND_OVER_LINES each
      for (let from = 0; from < sequence.length; from += blockSize(from)) {
        const to = Math.min(from + blockSize(from), sequence.length)
        for (let k = from; k < to; k++) {
          const i = sequence[k]
          if (i < n) {
            handed[k] = converter.span(own[i])
            continue
          }
          while (next === theirSpans.length) {
            theirSpans = (await mailbox.take('spans')).spans
            next = 0
          }
          handed[k] = theirSpans[next++]
        }
        const block = packSpans(handed.slice(from, to))
        post({ type: 'spans', trace: 0, block }, packedSpanBuffers(block))
        if (from === 0 && shown) await shown
      }
      // the tree needs every span converted (errors, services): it follows them
      const tree = packedTreeOf({ traceId: head.traceId, spans: handed, sampling, warnings })
      post({ type: 'tree', trace: 0, tree }, packedTreeBuffers(tree))
      post({ type: 'done' }, [])
    },
  }
}

/** The helper's side: reads, parses and converts the tail part, then writes its spans as asked. */
export function serveTailPart(port: PartPort): void {
  const mailbox = new Mailbox(port)
  const run = async () => {
    const { file, from } = await mailbox.take('read')
    const part = readJaegerTail(await file.slice(from).text())
    const ok = part !== null && jaegerSpansLookValid(part.spans)
    port.postMessage({ type: 'fields', fields: ok ? part.fields : null })
    const theirs = (await mailbox.take('fields')).fields
    if (!ok || !theirs) return
    const fields = joinFields(theirs, part.fields)
    if (!jaegerFieldsLookValid(fields)) return
    // checked above by the rules of JaegerTraceSchema and JaegerSpanSchema
    const processes = (fields.processes ?? {}) as Record<string, JaegerProcess>
    const spans = part.spans as JaegerSpan[]
    const outline = outlineOf(spans, processes)
    port.postMessage({ type: 'outline', outline }, [outline.starts.buffer, outline.durations.buffer, outline.kinds.buffer, outline.follows.buffer])
    const { wanted } = await mailbox.take('order')
    const converter = new JaegerSpanConverter(processes)
    for (let from = 0; from < wanted.length; from += HAND_OVER_LINES) {
      const to = Math.min(from + HAND_OVER_LINES, wanted.length)
      const converted = new Array<Span>(to - from)
      for (let k = from; k < to; k++) converted[k - from] = converter.span(spans[wanted[k]])
      port.postMessage({ type: 'spans', spans: converted })
    }
  }
  run().catch((err: unknown) => port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) }))
}

/** A part's outline, from its raw spans (valid Jaeger): what the conversion would give for these fields. */
function outlineOf(spans: readonly JaegerSpan[], processes: Record<string, JaegerProcess>): PartOutline {
  const n = spans.length
  const o: PartOutline = {
    spanIds: new Array<string>(n),
    parents: new Array<string | null>(n),
    starts: new Float64Array(n),
    durations: new Float64Array(n),
    kinds: new Uint8Array(n),
    follows: new Uint8Array(n),
    hashSum: 0,
    services: [],
    facts: jaegerPartFacts(spans, processes),
  }
  const services = new Set<string>()
  for (let i = 0; i < n; i++) {
    const s = spans[i]
    o.spanIds[i] = s.spanID
    o.parents[i] = jaegerParentOf(s)
    o.starts[i] = s.startTime
    o.durations[i] = s.duration
    o.kinds[i] = SPAN_KINDS.indexOf(jaegerSpanKind(s))
    o.follows[i] = jaegerFollowsFrom(s) ? 1 : 0
    o.hashSum = (o.hashSum + spanHash(s.spanID, s.startTime, s.duration)) >>> 0
    services.add(jaegerServiceOf(s, processes))
  }
  o.services = [...services]
  return o
}
