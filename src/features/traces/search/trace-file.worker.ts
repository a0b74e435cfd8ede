/// <reference lib="webworker" />
/** Reads, parses and converts one trace file off the main thread (see read-trace-file.ts). */
import { isFormatError } from '../../../api/formats/format-error'
import { handOver, readAndParse } from './trace-file-steps'
import type { ReaderRequest, ReaderResponse } from './trace-file-steps'

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (m: ReaderResponse) => scope.postMessage(m)

scope.onmessage = (e: MessageEvent<ReaderRequest>) => {
  readAndParse(e.data.file, (stage) => post({ type: 'progress', stage })).then(
    (result) => handOver(result, post),
    (err: unknown) =>
      post(
        isFormatError(err)
          ? { type: 'error', kind: err.kind, message: err.message, path: err.path }
          : { type: 'error', kind: null, message: err instanceof Error ? err.message : String(err), path: null },
      ),
  )
}
