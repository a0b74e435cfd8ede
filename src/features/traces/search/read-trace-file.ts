/**
 * Reads a trace file in a Web Worker (reading, JSON parsing and conversion stay off the page's
 * main thread, so a 100 MB file never freezes the tab), reporting progress on the way. Where no
 * worker is available (tests), the same steps run on the calling thread.
 */
import { FormatError } from '../../../api/formats/format-error'
import { readAndParse } from './trace-file-steps'
import type { ReadStage, ReaderRequest, ReaderResponse, ReadTraceFile } from './trace-file-steps'

export function readTraceFile(file: File, onStage: (s: ReadStage) => void): Promise<ReadTraceFile> {
  if (typeof Worker === 'undefined') return readAndParse(file, onStage)
  const worker = new Worker(new URL('./trace-file.worker.ts', import.meta.url), { type: 'module' })
  return new Promise<ReadTraceFile>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ReaderResponse>) => {
      const m = e.data
      if (m.type === 'progress') return onStage(m.stage)
      worker.terminate()
      // produced by readAndParse in the worker from a validated file: no need to check it again
      if (m.type === 'done') resolve(JSON.parse(m.json) as ReadTraceFile)
      else reject(m.kind ? new FormatError(m.kind, m.message, m.path) : new Error(m.message))
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message || 'the file reader stopped'))
    }
    worker.postMessage({ file } satisfies ReaderRequest)
  })
}
