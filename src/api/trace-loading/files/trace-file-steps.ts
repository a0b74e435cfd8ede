/** The steps of reading a trace file, shared by the worker and the in-thread fallback (read-trace-file.ts). */
import type { FormatErrorKind } from '../../formats/format-error'
import { checkTraceFileSize, fileDigest, fileTraceId, parseTraceFile } from '../../formats/trace-file'
import type { TraceFileFormat } from '../../formats/trace-file'
import type { Trace } from '../../../domain/model'
import { TraceStreamReader, traceStreamParts } from '../../schemas/trace-stream'
import type { TraceLoadProgress } from '../../sources/data-source'

/** reading: the file's bytes; parsing: JSON and conversion; building: handing the trace to the page and drawing it */
export type ReadStage = 'reading' | 'parsing' | 'building'

export interface ReadTraceFile {
  format: TraceFileFormat
  traces: Trace[]
  /** the cache id of each trace (fileTraceId), computed beside the parse */
  ids: string[]
  warnings: string[]
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
  /**
   * Trace `trace` of the file in its streamed form (the console API's one JSON document per line,
   * src/api/schemas/trace-stream.ts), a block of lines at a time: each block is parsed by the page
   * in its own short task, faster and with less memory than a structured clone of 100,000 span
   * objects, and without the long freeze of parsing one 70 MB string at once. A file of one trace
   * comes in the tree's order, so the page draws its first rows from the first block.
   */
  | { type: 'lines'; trace: number; block: string; firstLine: number }
  | { type: 'done' }
  | { type: 'error'; kind: FormatErrorKind | null; message: string; path: string | null }

/** The steps themselves, shared by the worker and the in-thread fallback. */
export async function readAndParse(file: File, onStage: (s: ReadStage) => void): Promise<ReadTraceFile> {
  onStage('reading')
  checkTraceFileSize(file.size, file.name)
  const digest = fileDigest(file)
  const text = await file.text()
  onStage('parsing')
  const parsed = parseTraceFile(text, file.name)
  onStage('building')
  const d = await digest
  return { ...parsed, ids: parsed.traces.map((t) => fileTraceId(t, d)) }
}

/** Spans per message when a read file is handed to the page. */
export const HAND_OVER_LINES = 2000

/**
 * Posts a read file to the page: what it holds, then each trace as blocks of lines (a lone trace
 * in the tree's order, with its extent: the page opens it at once and shows its first rows while
 * the rest comes), then `done`.
 */
export function handOver(result: ReadTraceFile, post: (m: ReaderResponse) => void): void {
  post({ type: 'start', format: result.format, ids: result.ids, warnings: result.warnings })
  const lone = result.traces.length === 1
  result.traces.forEach((trace, i) => {
    const { head, spans } = traceStreamParts(trace, lone)
    post({ type: 'lines', trace: i, block: JSON.stringify(head), firstLine: 1 })
    for (let from = 0; from < spans.length; from += HAND_OVER_LINES) {
      const block = spans.slice(from, from + HAND_OVER_LINES).map((s) => JSON.stringify(s)).join('\n')
      post({ type: 'lines', trace: i, block, firstLine: from + 2 })
    }
  })
  post({ type: 'done' })
}

/** The page's side of handOver: rebuilds the read file from the messages, one block per task. */
export class HandOverReceiver {
  private readonly readers: TraceStreamReader[] = []
  private started: ReadFileStart | null = null

  /**
   * The file once `done` has arrived, else null. Throws if the messages are out of order or a
   * block does not read back.
   */
  take(m: Extract<ReaderResponse, { type: 'start' | 'lines' | 'done' }>): ReadTraceFile | null {
    if (m.type === 'start') {
      this.started = { format: m.format, ids: m.ids, warnings: m.warnings }
      return null
    }
    const started = this.started
    if (!started) throw new Error('the file\'s traces came before what it holds')
    if (m.type === 'lines') {
      ;(this.readers[m.trace] ??= new TraceStreamReader()).lines(m.block, m.firstLine)
      return null
    }
    if (this.readers.length !== started.ids.length) throw new Error(`${this.readers.length} of the file's ${started.ids.length} traces came`)
    return { ...started, traces: this.readers.map((r) => r.finish()) }
  }

  /** How much of trace `i` has come, with its first rows when it comes in the tree's order. */
  progress(i: number): TraceLoadProgress | null {
    return this.readers[i]?.progress() ?? null
  }
}
