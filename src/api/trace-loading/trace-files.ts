import type { Trace } from '../../domain/model'
import type { TraceTree } from '../../domain/trace/tree'
import { isFormatError } from '../formats/format-error'
import type { TraceLoadHooks, TraceLoadProgress } from '../sources/data-source'
import { TraceFileReader } from './files/read-trace-file'
import type { ReadFileStart, ReadStage, ReadTraceFile } from './files/trace-file-steps'
import type { TraceProgressStore } from './progress-store'
import { TRACE_FILES_SOURCE_ID, traceKey } from './trace-key'

/** How many opened files stay in memory (a 100k-span trace is tens of MB). */
const KEEP_FILES = 3
/** Longest a file reader holds back for the page to draw a trace's first rows. */
const FIRST_ROWS_WAIT_MS = 800

/** Why a trace from a file cannot be shown, in plain words: the file could not be read, or it is no longer loaded. */
export class TraceFileError extends Error {
  readonly kind: 'unreadable' | 'gone'
  constructor(kind: 'unreadable' | 'gone', message: string) {
    super(message)
    this.name = 'TraceFileError'
    this.kind = kind
  }
}

export function isTraceFileError(e: unknown): e is TraceFileError {
  return e instanceof TraceFileError
}

/** A file's trace on its way to the page: its last progress, and the trace once it is all in. */
export class Arrival {
  last: TraceLoadProgress | null = null
  readonly listeners = new Set<(p: TraceLoadProgress) => void>()
  readonly trace: Promise<Trace>
  resolve: (t: Trace) => void = () => undefined
  reject: (e: Error) => void = () => undefined

  constructor() {
    this.trace = new Promise<Trace>((resolve, reject) => {
      this.resolve = resolve
      this.reject = reject
    })
    // a failure nobody waits for (the page left) is not an unhandled one
    this.trace.catch(() => undefined)
  }

  progress(p: TraceLoadProgress): void {
    this.last = p
    for (const l of this.listeners) l(p)
  }
}

/**
 * Trace files as a source like any other: a file the user opens is read off the main thread
 * (./files), its traces are kept here under their content's id (`file-<hash>`, see fileTraceId),
 * and the trace page gets them through the same door as any trace (`traceQueries.detail`, the
 * loader's `load`), with the same progress and first rows while a big file's spans are handed
 * over. The last few files are kept while the page is open; after a reload they are gone, and
 * asking for one says so (`TraceFileError` 'gone').
 */
export class TraceFiles {
  readonly id = TRACE_FILES_SOURCE_ID
  readonly label = 'Trace files'
  private readonly reader = new TraceFileReader()
  private readonly arrivals = new Map<string, Arrival>()
  private readonly files: string[][] = []
  private readonly progress: TraceProgressStore
  private readonly trees: WeakMap<Trace, TraceTree>

  constructor(progress: TraceProgressStore, trees: WeakMap<Trace, TraceTree> = new WeakMap()) {
    this.progress = progress
    this.trees = trees
  }

  /** Starts a reader while the page idles, so a picked file is read at once. */
  prepare(): void {
    this.reader.prepare()
  }

  /**
   * Reads `file`. `onStart` hears what it holds as soon as it is read: a file of one trace can open
   * its page then, and that page shows the first rows while the rest of the spans are handed over.
   * Rejects with a TraceFileError whose message can be shown as is.
   */
  async open(file: File, events: { onStage: (s: ReadStage) => void; onStart?: (s: ReadFileStart) => void }): Promise<ReadTraceFile> {
    let single: { id: string; arrival: Arrival } | null = null
    try {
      const read = await this.reader.read(file, {
        onStage: events.onStage,
        onStart: (s) => {
          if (s.ids.length === 1) single = { id: s.ids[0], arrival: this.arrive(s.ids[0]) }
          events.onStart?.(s)
        },
        onProgress: (_, p) => single?.arrival.progress(p),
        // once a view has drawn them (the trace page reads them from the progress store); a trace without first rows does not wait
        firstRowsDrawn: () =>
          single?.arrival.last?.preview ? this.progress.firstRowsDrawn(traceKey(this.id, single.id), FIRST_ROWS_WAIT_MS) : Promise.resolve(),
      })
      this.keep(read)
      return read
    } catch (e) {
      const failure = new TraceFileError('unreadable', isFormatError(e) ? e.message : `The file "${file.name}" could not be read${e instanceof Error && e.message ? `: ${e.message}` : ''}.`)
      // the trace page may already be open: it says so there
      ;(single as { arrival: Arrival } | null)?.arrival.reject(failure)
      throw failure
    }
  }

  /** The trace of an opened file, as it arrives (the trace loader's door). */
  async getTrace(traceId: string, signal?: AbortSignal, load?: TraceLoadHooks): Promise<Trace> {
    const arrival = this.arrivals.get(traceId)
    if (!arrival) {
      throw new TraceFileError('gone', 'Traces opened from a file are kept only while the page is open, and this one is no longer loaded.')
    }
    const onProgress = load?.onProgress
    if (onProgress) {
      if (arrival.last) onProgress(arrival.last)
      arrival.listeners.add(onProgress)
    }
    try {
      return await new Promise<Trace>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(new DOMException('The trace is no longer asked for.', 'AbortError')), { once: true })
        arrival.trace.then(resolve, reject)
      })
    } finally {
      if (onProgress) arrival.listeners.delete(onProgress)
    }
  }

  /**
   * A trace about to be handed over under `id`: its progress and, once all in, the trace
   * (`resolve`) or why not (`reject`). How a file of one trace reaches its page while its spans come.
   */
  arrive(id: string): Arrival {
    const arrival = new Arrival()
    this.arrivals.set(id, arrival)
    return arrival
  }

  private keep(read: ReadTraceFile): void {
    read.ids.forEach((id, i) => {
      const arrival = this.arrivals.get(id) ?? this.arrive(id)
      const tree = read.trees?.[i]
      if (tree) this.trees.set(read.traces[i], tree)
      arrival.resolve(read.traces[i])
    })
    this.files.push(read.ids)
    while (this.files.length > KEEP_FILES) {
      const dropped = this.files.shift() ?? []
      const still = new Set(this.files.flat())
      for (const id of dropped) if (!still.has(id)) this.arrivals.delete(id)
    }
  }
}
