/**
 * A trace fed to the analysis worker while it arrives (for a page opened on the flame graph, the
 * service graph or a comparison): the page passes on each message of the reader worker's
 * hand-over once it has taken it (`feedingTap`, a tap on the trace loader), and the worker makes
 * the spans and puts the reader's tree together as they come (`ArrivingTraces`), so that once the
 * trace is loaded the worker already holds it with its tree and per-span figures.
 */
import type { HandOverTap } from '../../../../api/trace-loading/trace-loader'
import type { HandOverMessage } from '../../../../api/trace-loading/files/trace-file-steps'
import { HandOverReceiver } from '../../../../api/trace-loading/files/trace-file-steps'
import { packedSpanBuffers } from '../../../../api/trace-loading/packed-spans'
import type { Trace } from '../../../../domain/model'
import { packedFormOf } from '../../../../domain/trace/packed-tree'
import { analyse } from './compute'
import type { AnalysedTrace } from './compute'
import type { AnalysisNote } from './protocol'

/**
 * The page's side: a tap that passes the hand-over on under `key` through `notify`, moving each
 * block's buffers (the page has made its spans from them) and copying the tree (the page still
 * puts its own tree together from it). The `start` message is held until the trace's head says how
 * many spans it has: a trace of fewer than `minSpans` spans is not fed and nothing is sent (so a
 * caller that starts its worker on the first note starts none for it), nor is a read joined
 * half-way (its first message is not `start`); `loaded` is told of the trace only when it was fed
 * whole. `failed` (or a drop) tells the worker to forget what it was fed.
 */
export function feedingTap(key: string, minSpans: number, notify: (note: AnalysisNote, transfer: ArrayBuffer[]) => void, loaded: (trace: Trace) => void): HandOverTap {
  /** null until the first message; false once the feed is given up or over */
  let feeding: boolean | null = null
  /** the `start` message, until the head says whether the trace is fed */
  let held: HandOverMessage | null = null
  const send = (m: HandOverMessage) =>
    notify({ type: 'feed', key, message: m }, m.type === 'spans' ? packedSpanBuffers(m.block) : [])
  const drop = () => {
    // (while `start` is held nothing was sent: nothing to forget)
    if (feeding && !held) notify({ type: 'drop', key }, [])
    feeding = false
    held = null
  }
  return {
    message(m) {
      if (feeding === null) {
        feeding = m.type === 'start'
        if (feeding) held = m
        return
      }
      if (!feeding) return
      if (m.type === 'head' && m.head.spanCount < minSpans) return drop()
      if (held) {
        send(held)
        held = null
      }
      send(m)
    },
    loaded(trace) {
      if (!feeding) return
      feeding = false
      loaded(trace)
    },
    failed: drop,
  }
}

/** A trace fed whole: its key, the trace and its analysis (tree and per-span figures, with the skew setting of the reader's tree). */
export interface FedTrace {
  key: string
  trace: Trace
  adjustSkew: boolean
  analysed: AnalysedTrace
}

/** The worker's side: the traces being fed, by key. */
export class ArrivingTraces {
  private readonly receivers = new Map<string, HandOverReceiver>()

  /**
   * Takes the next note; returns the trace once its last message is in, else null. A feed whose
   * messages do not fit together is forgotten (the page then sends the trace when it asks).
   */
  take(note: AnalysisNote): FedTrace | null {
    if (note.type === 'drop') {
      this.receivers.delete(note.key)
      return null
    }
    let receiver = this.receivers.get(note.key)
    if (!receiver) {
      receiver = new HandOverReceiver()
      this.receivers.set(note.key, receiver)
    }
    try {
      const read = receiver.take(note.message)
      if (!read) return null
      this.receivers.delete(note.key)
      const trace = read.traces[0]
      if (!trace) return null
      const tree = read.trees?.[0] ?? null
      const adjustSkew = tree ? (packedFormOf(tree)?.adjustSkew ?? true) : true
      return { key: note.key, trace, adjustSkew, analysed: analyse(trace, adjustSkew, tree ?? undefined) }
    } catch {
      this.receivers.delete(note.key)
      return null
    }
  }

  /** traces being fed now (tests) */
  get size(): number {
    return this.receivers.size
  }
}
