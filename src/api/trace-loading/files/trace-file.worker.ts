/// <reference lib="webworker" />
/**
 * Reads, parses and converts one trace file off the main thread (see read-trace-file.ts). A big
 * Jaeger JSON file is read in two parts, the second by a worker of its own (trace-file-parts.ts),
 * so both cores parse it; any other file, or one that cannot be cut, is read whole.
 */
import { isFormatError } from '../../formats/format-error'
import { handOver, readAndParse } from './trace-file-steps'
import type { ReadStage, ReaderRequest, ReaderResponse } from './trace-file-steps'
import { readInParts, worthParts } from './trace-file-parts'
import type { PartsRead } from './trace-file-parts'

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (m: ReaderResponse, transfer: ArrayBuffer[] = []) => scope.postMessage(m, transfer)
const stage = (s: ReadStage) => post({ type: 'progress', stage: s })

/** Resolved when the page says it has painted the first rows (see ReaderRequest); one per worker. */
const firstRows: { shown: () => void } = { shown: () => undefined }
const shown = new Promise<void>((resolve) => (firstRows.shown = resolve))

const cores = navigator.hardwareConcurrency || 1
// the second reader starts with this one, while the page idles (see TraceFileReader.prepare)
const helper = typeof Worker !== 'undefined' && cores >= 2 ? new Worker(new URL('./trace-file-part.worker.ts', import.meta.url), { type: 'module' }) : null

async function inParts(file: File): Promise<PartsRead | null> {
  if (!helper || !worthParts(file, cores)) return null
  const read = await readInParts(file, helper, stage, file.name)
  if (!read) return null
  return { handOver: (p, first) => read.handOver(p, first).finally(() => helper.terminate()) }
}

async function readFile(file: File): Promise<void> {
  const parts = await inParts(file)
  if (parts) return parts.handOver(post, shown)
  helper?.terminate()
  handOver(await readAndParse(file, stage), post)
}

scope.onmessage = (e: MessageEvent<ReaderRequest>) => {
  const m = e.data
  if (m.type === 'shown') return firstRows.shown()
  readFile(m.file).catch((err: unknown) =>
    post(
      isFormatError(err)
        ? { type: 'error', kind: err.kind, message: err.message, path: err.path }
        : { type: 'error', kind: null, message: err instanceof Error ? err.message : String(err), path: null },
    ),
  )
}
