/**
 * Reads a trace file in a Web Worker (reading, JSON parsing and conversion stay off the page's
 * main thread, so a 100 MB file never freezes the tab), reporting progress on the way. Where no
 * worker is available (tests), the same steps run on the calling thread.
 */
import { FormatError } from '../../../api/formats/format-error'
import { HandOverReceiver, readAndParse } from './trace-file-steps'
import type { ReadStage, ReaderRequest, ReaderResponse, ReadTraceFile } from './trace-file-steps'

export function readTraceFile(file: File, onStage: (s: ReadStage) => void): Promise<ReadTraceFile> {
  if (typeof Worker === 'undefined') return readAndParse(file, onStage)
  const worker = new Worker(new URL('./trace-file.worker.ts', import.meta.url), { type: 'module' })
  return new Promise<ReadTraceFile>((resolve, reject) => {
    const receiver = new HandOverReceiver()
    worker.onmessage = (e: MessageEvent<ReaderResponse>) => {
      const m = e.data
      if (m.type === 'progress') return onStage(m.stage)
      if (m.type === 'error') {
        worker.terminate()
        reject(m.kind ? new FormatError(m.kind, m.message, m.path) : new Error(m.message))
        return
      }
      try {
        const file = receiver.take(m)
        if (!file) return
        worker.terminate()
        resolve(file)
      } catch (err) {
        worker.terminate()
        reject(new Error(`The file was read but could not be handed to the page: ${err instanceof Error ? err.message : String(err)}`))
      }
    }
    worker.onerror = (e) => {
      worker.terminate()
      reject(new Error(e.message || 'the file reader stopped'))
    }
    worker.postMessage({ file } satisfies ReaderRequest)
  })
}
