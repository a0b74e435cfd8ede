/** The steps of reading a trace file, shared by the worker and the in-thread fallback (read-trace-file.ts). */
import type { FormatErrorKind } from '../../../api/formats/format-error'
import { checkTraceFileSize, fileTraceId, parseTraceFile } from '../../../api/formats/trace-file'
import type { TraceFileFormat } from '../../../api/formats/trace-file'
import type { Trace } from '../../../domain/model'

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
  /** the result as JSON text: one string crosses to the page (a copy of bytes), where JSON.parse
   * rebuilds it faster and with less memory than a structured clone of 100,000 span objects */
  | { type: 'done'; json: string }
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

