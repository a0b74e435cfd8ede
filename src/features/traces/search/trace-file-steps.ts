/** The steps of reading a trace file, shared by the worker and the in-thread fallback (read-trace-file.ts). */
import type { FormatErrorKind } from '../../../api/formats/format-error'
import { checkTraceFileSize, fileTraceId, parseTraceFile } from '../../../api/formats/trace-file'
import type { TraceFileFormat } from '../../../api/formats/trace-file'
import type { Trace } from '../../../domain/model'
import { TraceStreamReader } from '../../../api/schemas/trace-stream'
import type { TraceStreamHead } from '../../../api/schemas/trace-stream'

/** reading: the file's bytes; parsing: JSON and conversion; building: handing the trace to the page and drawing it */
export type ReadStage = 'reading' | 'parsing' | 'building'

export interface ReadTraceFile {
  format: TraceFileFormat
  traces: Trace[]
  /** the cache id of each trace (fileTraceId), computed beside the parse */
  ids: string[]
  warnings: string[]
}

export type ReaderRequest = { file: File }
export type ReaderResponse =
  | { type: 'progress'; stage: ReadStage }
  /**
   * Trace `trace` of the file in its streamed form (the console API's one JSON document per line,
   * src/api/schemas/trace-stream.ts), a block of lines at a time: each block is parsed by the page
   * in its own short task, faster and with less memory than a structured clone of 100,000 span
   * objects, and without the long freeze of parsing one 70 MB string at once.
   */
  | { type: 'lines'; trace: number; block: string; firstLine: number }
  | { type: 'done'; format: TraceFileFormat; ids: string[]; warnings: string[] }
  | { type: 'error'; kind: FormatErrorKind | null; message: string; path: string | null }

/** The steps themselves, shared by the worker and the in-thread fallback. */
export async function readAndParse(file: File, onStage: (s: ReadStage) => void): Promise<ReadTraceFile> {
  onStage('reading')
  checkTraceFileSize(file.size, file.name)
  const text = await file.text()
  onStage('parsing')
  const parsed = parseTraceFile(text, file.name)
  onStage('building')
  return { ...parsed, ids: parsed.traces.map(fileTraceId) }
}


/** Spans per message when a read file is handed to the page. */
export const HAND_OVER_LINES = 2000

/** Posts a read file to the page: each trace as blocks of lines, then the rest (see ReaderResponse). */
export function handOver(result: ReadTraceFile, post: (m: ReaderResponse) => void): void {
  result.traces.forEach((trace, i) => {
    const head: TraceStreamHead = { traceId: trace.traceId, sampling: trace.sampling, warnings: trace.warnings, spanCount: trace.spans.length }
    post({ type: 'lines', trace: i, block: JSON.stringify(head), firstLine: 1 })
    for (let from = 0; from < trace.spans.length; from += HAND_OVER_LINES) {
      const block = trace.spans.slice(from, from + HAND_OVER_LINES).map((s) => JSON.stringify(s)).join('\n')
      post({ type: 'lines', trace: i, block, firstLine: from + 2 })
    }
  })
  post({ type: 'done', format: result.format, ids: result.ids, warnings: result.warnings })
}

/** The page's side of handOver: rebuilds the read file from the messages, one block per task. */
export class HandOverReceiver {
  private readonly readers: TraceStreamReader[] = []

  /** The file once `done` has arrived, else null. Throws if a block does not read back. */
  take(m: Extract<ReaderResponse, { type: 'lines' | 'done' }>): ReadTraceFile | null {
    if (m.type === 'lines') {
      ;(this.readers[m.trace] ??= new TraceStreamReader()).lines(m.block, m.firstLine)
      return null
    }
    return { format: m.format, traces: this.readers.map((r) => r.finish()), ids: m.ids, warnings: m.warnings }
  }
}
