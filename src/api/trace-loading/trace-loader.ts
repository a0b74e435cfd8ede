import type { Trace } from '../../domain/model'
import type { TraceTree } from '../../domain/trace/tree'
import type { AnswerUnderWay } from '../http/ndjson'
import type { DataSource } from '../sources/data-source'
import { startTraceWorker } from './backend/read-backend-trace'
import type { BackendTraceWorker, StartTraceWorker } from './backend/read-backend-trace'
import type { HandOverMessage } from './files/trace-file-steps'
import { TraceProgressStore } from './progress-store'
import { TraceFiles } from './trace-files'
import { TRACE_FILES_SOURCE_ID, traceKey } from './trace-key'

/**
 * What boot hands the loader, explicitly (src/app/boot): the answer to a trace request the page
 * made before the console's code ran, and the moment from which streamed answers may be read
 * (once the first view's code is in, so reading 100,000 spans does not hold it back).
 */
export interface TraceBootHandOff {
  underWay?: AnswerUnderWay
  readAfter?: Promise<unknown>
  /** the reader worker the page's first script started for the trace it asked for, given at most once (src/app/boot/early-answer.ts) */
  reader?: () => BackendTraceWorker | null
}

/** Reader workers kept for the next read: as many as the views read traces at once (the errors and paths samples read 6). */
export const IDLE_WORKERS = 6
/** An idle reader worker is stopped after this long without a read. */
export const IDLE_WORKER_MS = 30_000

/**
 * Reader workers between reads: a view that reads hundreds of traces (the errors page's sample)
 * reuses a few workers instead of starting one per trace; one left idle is stopped after a while.
 */
export class ReaderPool {
  private readonly idle: { worker: BackendTraceWorker; timer: ReturnType<typeof setTimeout> }[] = []

  constructor(private readonly start: StartTraceWorker) {}

  readonly take: StartTraceWorker = () => {
    const kept = this.idle.pop()
    if (!kept) return this.start()
    clearTimeout(kept.timer)
    return kept.worker
  }

  readonly give = (worker: BackendTraceWorker, reusable: boolean): void => {
    worker.onmessage = null
    worker.onerror = null
    if (!reusable || this.idle.length >= IDLE_WORKERS) return worker.terminate()
    const entry = {
      worker,
      timer: setTimeout(() => {
        const i = this.idle.indexOf(entry)
        if (i !== -1) this.idle.splice(i, 1)
        worker.terminate()
      }, IDLE_WORKER_MS),
    }
    this.idle.push(entry)
  }

  /** idle workers now (tests) */
  get size(): number {
    return this.idle.length
  }
}

/**
 * Who else takes a trace's hand-over as the page takes it (the trace views' worker, for a page
 * opened on a view that worker computes): it gets every message of the reader worker's hand-over
 * after the page has taken it, from the first; it may move the buffers of a block of spans (the
 * page has made its spans from them) but must copy the tree's (the page still puts the tree
 * together from them). A tap set after the first message of a read gets the messages from there
 * on and should ignore them; a trace read another way (a file, a plain JSON answer) gives it none.
 */
export interface HandOverTap {
  message(m: HandOverMessage): void
  /** the trace the page now holds whole (after the last message) */
  loaded(trace: Trace): void
  /** the read failed or was stopped */
  failed(): void
}

/**
 * The one door through which a trace arrives, whatever it comes from (a source's streamed or
 * whole answer, the early answer boot hands over, a file the user opened): `traceQueries.detail`
 * calls `load`, and the trace page reads `progress` while it runs. One loader per QueryClient
 * (createQueryClient), so its state lives and dies with the client's cache.
 */
export class TraceLoader {
  readonly progress = new TraceProgressStore()
  /**
   * The trees of loaded traces, built where they were read (a worker), held as long as the trace
   * itself: the trace page takes its tree from here (`useBuiltTree`) instead of building it.
   */
  readonly trees = new WeakMap<Trace, TraceTree>()
  /** the traces of files the user opened: a source like any other */
  readonly files = new TraceFiles(this.progress, this.trees)
  private readonly boot: TraceBootHandOff
  /** the reader workers a trace answer is read in, kept between reads (src/api/trace-loading/backend) */
  readonly readers: ReaderPool
  private readonly taps = new Map<string, HandOverTap>()

  constructor(boot: TraceBootHandOff = {}, opts: { startWorker?: StartTraceWorker } = {}) {
    this.boot = boot
    const start = opts.startWorker ?? startTraceWorker
    // the first read takes the worker already started for it, if any
    this.readers = new ReaderPool(() => boot.reader?.() ?? start())
  }

  /**
   * Has `tap` take the hand-over of trace `traceId` of source `sourceId` (see HandOverTap) from the
   * next read of it on; returns the function that stops it.
   */
  tap(sourceId: string, traceId: string, tap: HandOverTap): () => void {
    const k = tapKey(sourceId, traceId)
    this.taps.set(k, tap)
    return () => {
      if (this.taps.get(k) === tap) this.taps.delete(k)
    }
  }

  /**
   * Trace `traceId` from `source` (or from the files opened, for a `file-` id), its progress reported under the trace's key as it arrives.
   * A source that streams gets the boot's hand-off with its hooks (`stream`), so an answer
   * already under way is taken instead of asked for again; a source whose answer is one JSON
   * document (Jaeger, Tempo) gets the worker that parses it (`startWorker`).
   */
  async load(source: DataSource, traceId: string, signal?: AbortSignal): Promise<Trace> {
    const key = traceKey(source.id, traceId)
    const from = key[1] === TRACE_FILES_SOURCE_ID ? this.files : source
    this.progress.clear(key)
    const k = tapKey(source.id, traceId)
    // looked up per message: a tap set while the answer is on its way still gets what is left
    const tapped: { tap: HandOverTap | null } = { tap: null }
    const onHandOver = (m: HandOverMessage) => {
      tapped.tap = this.taps.get(k) ?? null
      tapped.tap?.message(m)
    }
    try {
      const trace = await from.getTrace(traceId, signal, {
        onProgress: (p) => this.progress.report(key, p),
        stream: { underWay: this.boot.underWay, readAfter: this.boot.readAfter },
        startWorker: this.readers.take,
        releaseWorker: this.readers.give,
        onTree: (t, tree) => this.trees.set(t, tree),
        onHandOver,
      })
      tapped.tap?.loaded(trace)
      await this.progress.finish(key)
      return trace
    } catch (e) {
      tapped.tap?.failed()
      this.progress.clear(key)
      throw e
    }
  }
}

const tapKey = (sourceId: string, traceId: string) => `${sourceId}\u0000${traceId}`
