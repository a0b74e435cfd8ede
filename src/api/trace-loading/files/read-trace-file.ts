/**
 * Reads a trace file in a Web Worker (reading, JSON parsing and conversion stay off the page's
 * main thread, so a 100 MB file never freezes the tab), reporting progress on the way. Where no
 * worker is available (tests), the same steps run on the calling thread.
 */
import { FormatError } from '../../formats/format-error'
import type { TraceLoadProgress } from '../../sources/data-source'
import { Pacer, nextFrame } from '../../../lib/pacer'
import { HandOverReceiver, handOver, readAndParse } from './trace-file-steps'
import type { HandOverMessage, ReadFileStart, ReadStage, ReaderRequest, ReaderResponse, ReadTraceFile } from './trace-file-steps'

export interface ReadTraceFileEvents {
  onStage: (s: ReadStage) => void
  /** the file is read and converted: what it holds, before its spans come to the page */
  onStart?: (s: ReadFileStart) => void
  /** more of trace `trace` has come (with its first rows, for a file of one trace) */
  onProgress?: (trace: number, p: TraceLoadProgress) => void
  /**
   * Settles when the page has drawn the first rows of the file's trace (by default: after the
   * next frame). The reader is told then, and may then take every core again.
   */
  firstRowsDrawn?: () => Promise<void>
}

const startReader = () => new Worker(new URL('./trace-file.worker.ts', import.meta.url), { type: 'module' })

/**
 * Reads trace files; keeps one reader started ahead of need (`prepare`), so that a picked file is
 * read at once. One per TraceLoader.
 */
export class TraceFileReader {
  private spare: Worker | null = null

  /**
   * Starts a file reader while the page is idle (the search page asks for it on mount): loading
   * the worker's code then no longer delays the first rows of a picked file.
   */
  prepare(): void {
    if (typeof Worker === 'undefined' || this.spare) return
    try {
      this.spare = startReader()
    } catch {
      this.spare = null
    }
  }

  read(file: File, events: ReadTraceFileEvents): Promise<ReadTraceFile> {
    const worker = typeof Worker === 'undefined' ? null : (this.spare ?? startReader())
    this.spare = null
    return readTraceFile(file, events, worker)
  }
}

function readTraceFile(file: File, events: ReadTraceFileEvents, worker: Worker | null): Promise<ReadTraceFile> {
  const receiver = new HandOverReceiver()
  /** one message of the hand-over; the file once it is complete */
  const receive = (m: HandOverMessage): ReadTraceFile | null => {
    const done = receiver.take(m)
    if (m.type === 'start') events.onStart?.(m)
    if ((m.type === 'spans' || m.type === 'head') && events.onProgress) {
      const p = receiver.progress(m.trace)
      if (p) events.onProgress(m.trace, p)
    }
    return done
  }
  if (!worker) return readInThread(file, events.onStage, receive)
  return new Promise<ReadTraceFile>((resolve, reject) => {
    // The worker hands a big trace over faster than the page can take it in: its blocks wait in a
    // queue and are taken one per short task, with a frame to paint after the first spans (the
    // trace page is open by then) and every half second, so the first rows show while the rest comes.
    const queue: HandOverMessage[] = []
    const pacer = new Pacer()
    let draining = false
    let stopped = false
    let firstShown = false
    const stop = (err: Error | null, read: ReadTraceFile | null) => {
      stopped = true
      worker.terminate()
      if (read) resolve(read)
      else reject(err ?? new Error('the file reader stopped'))
    }
    const drain = async () => {
      draining = true
      while (queue.length > 0 && !stopped) {
        await pacer.turn()
        const m = queue.shift()
        if (!m || stopped) break
        try {
          const read = receive(m)
          if (m.type === 'spans' && !firstShown) {
            firstShown = true
            pacer.handedOver()
            void (events.firstRowsDrawn?.() ?? nextFrame()).then(() => {
              if (!stopped) worker.postMessage({ type: 'shown' } satisfies ReaderRequest)
            })
          }
          if (read) stop(null, read)
          // a tree that came after all its spans (a file read in parts) is put together a slice per turn
          else while (!stopped && receiver.assemble()) await pacer.turn()
        } catch (err) {
          stop(new Error(`The file was read but could not be handed to the page: ${err instanceof Error ? err.message : String(err)}`), null)
        }
      }
      draining = false
    }
    worker.onmessage = (e: MessageEvent<ReaderResponse>) => {
      const m = e.data
      if (stopped) return
      if (m.type === 'progress') return events.onStage(m.stage)
      if (m.type === 'error') return stop(m.kind ? new FormatError(m.kind, m.message, m.path) : new Error(m.message), null)
      queue.push(m)
      if (!draining) void drain()
    }
    worker.onerror = (e) => stop(new Error(e.message || 'the file reader stopped'), null)
    worker.postMessage({ type: 'read', file } satisfies ReaderRequest)
  })
}

/** The worker's steps on this thread, handed over the same way. */
async function readInThread(
  file: File,
  onStage: (s: ReadStage) => void,
  receive: (m: HandOverMessage) => ReadTraceFile | null,
): Promise<ReadTraceFile> {
  const result = await readAndParse(file, onStage)
  let read: ReadTraceFile | null = null
  handOver(result, (m) => {
    read = receive(m) ?? read
  })
  if (!read) throw new Error('The file was read but could not be handed to the page.')
  return read
}
