/** The steps of reading a trace file, shared by the worker and the in-thread fallback (read-trace-file.ts). */
import type { FormatErrorKind } from '../../formats/format-error'
import { checkReadText, checkTraceFileSize, fileDigest, fileTraceId, parseTraceFile } from '../../formats/trace-file'
import type { TraceFileFormat } from '../../formats/trace-file'
import type { Span, Trace } from '../../../domain/model'
import { packTree, packedTreeBuffers, TreeAssembler } from '../../../domain/trace/packed-tree'
import type { PackedTree } from '../../../domain/trace/packed-tree'
import { TracePreviewBuilder } from '../../../domain/trace/preview'
import { buildTraceTree } from '../../../domain/trace/tree'
import type { TraceTree } from '../../../domain/trace/tree'
import { PREVIEW_ROWS, traceStreamParts } from '../../schemas/trace-stream'
import type { TraceStreamHead } from '../../schemas/trace-stream'
import { packSpans, packedSpanBuffers, unpackSpans } from '../packed-spans'
import type { PackedSpans } from '../packed-spans'
import type { TraceLoadProgress } from '../../sources/data-source'

/** reading: the file's bytes; parsing: JSON and conversion; building: handing the trace to the page and drawing it */
export type ReadStage = 'reading' | 'parsing' | 'building'

export interface ReadTraceFile {
  format: TraceFileFormat
  traces: Trace[]
  /** the cache id of each trace (fileTraceId), computed beside the parse */
  ids: string[]
  warnings: string[]
  /** each trace's tree, as the reader built it (on the page's side of a hand-over; null where none came) */
  trees?: (TraceTree | null)[]
}

export type ReaderRequest =
  | { type: 'read'; file: File }
  /**
   * The page has painted the first rows of the file's trace. A reader that shares the machine's
   * cores with the page (a file read in parts keeps both busy) holds back until then.
   */
  | { type: 'shown' }

/** What the page learns of a read file before its spans come: enough to open the trace page at once. */
export interface ReadFileStart {
  format: TraceFileFormat
  ids: string[]
  warnings: string[]
}

export type ReaderResponse =
  | { type: 'progress'; stage: ReadStage }
  /** the file is read and converted; its traces follow */
  | ({ type: 'start' } & ReadFileStart)
  /** trace `trace` of the file begins: its id, sampling, warnings, span count (and, in the tree's order, its extent) */
  | { type: 'head'; trace: number; head: TraceStreamHead }
  /**
   * The trace's tree, built by the reader (packed-tree.ts): the page only puts its nodes together,
   * as their spans arrive. It comes after the first block of spans (a read in parts: after the last).
   */
  | { type: 'tree'; trace: number; tree: PackedTree }
  /**
   * The next block of the trace's spans, packed (../packed-spans.ts: typed arrays moved, not
   * copied, and each string written once): the page makes the block's spans in a short task,
   * without parsing or checking them again. A lone trace comes in the tree's order, so the page
   * draws its first rows from the first block.
   */
  | { type: 'spans'; trace: number; block: PackedSpans }
  | { type: 'done' }
  | { type: 'error'; kind: FormatErrorKind | null; message: string; path: string | null }

/** The messages of a hand-over (what a reader posts between `progress` and `done`). */
export type HandOverMessage = Extract<ReaderResponse, { type: 'start' | 'head' | 'tree' | 'spans' | 'done' }>

/** The steps themselves, shared by the worker and the in-thread fallback. */
export async function readAndParse(file: File, onStage: (s: ReadStage) => void): Promise<ReadTraceFile> {
  onStage('reading')
  checkTraceFileSize(file.size, file.name)
  const digest = fileDigest(file)
  const text = await file.text()
  checkReadText(text, file.size, file.name)
  onStage('parsing')
  const parsed = parseTraceFile(text, file.name)
  onStage('building')
  const d = await digest
  return { ...parsed, ids: parsed.traces.map((t) => fileTraceId(t, d)) }
}

/** Spans per message when a read file is handed to the page. */
export const HAND_OVER_LINES = 2000

/**
 * Spans in the first message: more than the first rows need (PREVIEW_ROWS), a fraction of a block,
 * so the reader packs and the page unpacks little before the first rows are drawn.
 */
export const FIRST_BLOCK = 4 * PREVIEW_ROWS

/** Spans in the hand-over message that starts at span `from`: FIRST_BLOCK first, then HAND_OVER_LINES. */
export const blockSize = (from: number): number => (from === 0 ? FIRST_BLOCK : HAND_OVER_LINES)

/** Tree nodes the page puts together per turn (TreeAssembler), a few milliseconds' work. */
export const TREE_SLICE = 10_000

/**
 * The tree of `trace` (its spans as handed to the page), packed. Built here, on the reader's
 * thread, so the page does not build it again.
 */
export function packedTreeOf(trace: Trace): PackedTree {
  return packTree(buildTraceTree(trace))
}

/**
 * Posts a read file to the page: what it holds, then each trace: its head, its first block of
 * spans, its tree, the rest of its spans in packed blocks (a lone trace in the tree's order, with its extent: the page opens it at once and
 * shows its first rows while the rest comes), then `done`. `post` is given the buffers to transfer.
 */
export function handOver(result: ReadTraceFile, post: (m: HandOverMessage, transfer: ArrayBuffer[]) => void): void {
  post({ type: 'start', format: result.format, ids: result.ids, warnings: result.warnings }, [])
  const lone = result.traces.length === 1
  result.traces.forEach((trace, i) => {
    const { head, spans } = traceStreamParts(trace, lone)
    post({ type: 'head', trace: i, head }, [])
    // the first block (a small one) goes before the tree is built, so the first rows do not wait for it
    let from = 0
    do {
      const size = blockSize(from)
      if (from < spans.length) {
        const block = packSpans(spans.slice(from, from + size))
        post({ type: 'spans', trace: i, block }, packedSpanBuffers(block))
      }
      if (from === 0) {
        const tree = packedTreeOf({ ...trace, spans })
        post({ type: 'tree', trace: i, tree }, packedTreeBuffers(tree))
      }
      from += size
    } while (from < spans.length)
  })
  post({ type: 'done' }, [])
}

/** One trace as the page receives it: its spans made from the packed blocks, its first rows, its tree's nodes. */
class ArrivingTrace {
  readonly spans: Span[] = []
  private preview: TracePreviewBuilder | null
  private assembler: TreeAssembler | null = null

  constructor(readonly head: TraceStreamHead) {
    this.preview = head.order === 'depth-first' && head.extent ? new TracePreviewBuilder(PREVIEW_ROWS, head.sampling) : null
  }

  tree(packed: PackedTree): void {
    if (this.assembler) throw new Error('a trace\'s tree came twice')
    if (packed.facts.spanCount !== this.head.spanCount) throw new Error(`the tree has ${packed.facts.spanCount} spans, the trace ${this.head.spanCount}`)
    this.assembler = new TreeAssembler(packed)
    this.assembler.add(this.spans, TREE_SLICE)
  }

  /** Puts the next `limit` nodes of the tree together, where their spans are in; true when more are waiting. */
  assemble(limit: number): boolean {
    return this.assembler ? this.assembler.add(this.spans, limit) === limit : false
  }

  block(block: PackedSpans): void {
    const from = this.spans.length
    if (from + block.count > this.head.spanCount) throw new Error(`more spans than the ${this.head.spanCount} announced`)
    unpackSpans(block, this.spans)
    for (let k = from; this.preview && k < this.spans.length; k++) {
      if (this.preview.add(this.spans[k])) continue
      if (!this.preview.valid) this.preview = null
      break
    }
    this.assembler?.add(this.spans, TREE_SLICE)
  }

  progress(): TraceLoadProgress {
    const head = this.head
    const rows = this.preview?.rows(this.spans.length === head.spanCount) ?? []
    const preview = head.extent && rows.length > 0 ? { rows, start: head.extent.start, end: head.extent.end, ...(head.services ? { services: head.services } : {}) } : null
    return { spans: this.spans.length, total: head.spanCount, traceId: head.traceId, preview }
  }

  finish(): { trace: Trace; tree: TraceTree | null } {
    const head = this.head
    if (this.spans.length !== head.spanCount) throw new Error(`${this.spans.length} of the trace's ${head.spanCount} spans came`)
    // whatever was not put together in slices yet
    this.assembler?.add(this.spans)
    const trace: Trace = { traceId: head.traceId, spans: this.spans, sampling: head.sampling, warnings: head.warnings }
    return { trace, tree: this.assembler?.complete ? this.assembler.tree() : null }
  }
}

/** The page's side of handOver: rebuilds the read file from the messages, one block per task. */
export class HandOverReceiver {
  private readonly traces: ArrivingTrace[] = []
  private started: ReadFileStart | null = null

  /**
   * The file once `done` has arrived, else null. Throws if the messages are out of order or a
   * block does not read back.
   */
  take(m: HandOverMessage): ReadTraceFile | null {
    if (m.type === 'start') {
      this.started = { format: m.format, ids: m.ids, warnings: m.warnings }
      return null
    }
    const started = this.started
    if (!started) throw new Error('the file\'s traces came before what it holds')
    if (m.type === 'head') {
      if (this.traces[m.trace]) throw new Error(`trace ${m.trace + 1} began twice`)
      this.traces[m.trace] = new ArrivingTrace(m.head)
      return null
    }
    if (m.type !== 'done') {
      const t = this.traces[m.trace]
      if (!t) throw new Error(`trace ${m.trace + 1} came before its head`)
      if (m.type === 'tree') t.tree(m.tree)
      else t.block(m.block)
      return null
    }
    if (this.traces.length !== started.ids.length) throw new Error(`${this.traces.length} of the file's ${started.ids.length} traces came`)
    const done = this.traces.map((t) => t.finish())
    return { ...started, traces: done.map((d) => d.trace), trees: done.map((d) => d.tree) }
  }

  /**
   * Puts together the next nodes of the trees that came (at most `limit` per trace), so that a
   * tree of 100,000 nodes is not put together in one task; true while more are waiting. What is
   * left when `done` comes is put together then.
   */
  assemble(limit = TREE_SLICE): boolean {
    let more = false
    for (const t of this.traces) if (t?.assemble(limit)) more = true
    return more
  }

  /** How much of trace `i` has come, with its first rows when it comes in the tree's order. */
  progress(i: number): TraceLoadProgress | null {
    return this.traces[i]?.progress() ?? null
  }
}
