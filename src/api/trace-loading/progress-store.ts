import { nextFrame } from '../../lib/pacer'
import type { TraceLoadProgress } from '../sources/data-source'
import { traceKeyText } from './trace-key'
import type { TraceKey } from './trace-key'

const EVERY_MS = 250
/** How many traces' last states are kept. */
const KEEP = 4

/**
 * How far each trace being loaded has come, for the trace page's loading state. A query function
 * cannot report progress through TanStack Query, so the trace loader writes here and the page
 * subscribes. Listeners hear at most every 250 ms (each time the page draws again, time taken
 * from reading the trace), and at once when the first rows come, when a trace is done and when it
 * failed. The last state of a loaded trace stays (its first rows remain on screen while the page
 * builds the whole tree) until that trace is loaded again; only the last few traces are kept.
 * One store per TraceLoader, so per QueryClient.
 *
 * The store also knows when a view has read a trace's first rows (`firstRowsDrawn`): a file
 * reader that keeps every core busy holds back until the frame that draws them has passed, so the
 * page has a core to draw on. The view does nothing for it but read its progress.
 */
export class TraceProgressStore {
  private readonly current = new Map<string, TraceLoadProgress>()
  private readonly listeners = new Set<() => void>()
  private lastNotified = 0
  private pending: ReturnType<typeof setTimeout> | null = null
  /** traces whose first rows a view has read, and who waits for that */
  private readonly rowsRead = new Set<string>()
  private readonly rowsWaiters = new Map<string, Set<() => void>>()

  get(key: TraceKey): TraceLoadProgress | null {
    const k = traceKeyText(key)
    const p = this.current.get(k) ?? null
    if (p?.preview && p.preview.rows.length > 0 && !this.rowsRead.has(k)) {
      this.rowsRead.add(k)
      const waiting = this.rowsWaiters.get(k)
      this.rowsWaiters.delete(k)
      waiting?.forEach((resolve) => resolve())
    }
    return p
  }

  /**
   * Settles after the frame in which a view that read the first rows of `key` drew them, or after
   * `timeoutMs` (a hidden tab draws nothing, a page may never open).
   */
  firstRowsDrawn(key: TraceKey, timeoutMs: number): Promise<void> {
    const k = traceKeyText(key)
    if (this.rowsRead.has(k)) return nextFrame()
    return new Promise<void>((resolve) => {
      const waiting = this.rowsWaiters.get(k) ?? new Set<() => void>()
      const done = () => {
        clearTimeout(timer)
        waiting.delete(done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      waiting.add(done)
      this.rowsWaiters.set(k, waiting)
    }).then(nextFrame)
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  report(key: TraceKey, p: TraceLoadProgress): void {
    const k = traceKeyText(key)
    if (!this.current.has(k) && this.current.size >= KEEP) {
      const oldest = this.current.keys().next()
      if (!oldest.done) {
        this.current.delete(oldest.value)
        this.rowsRead.delete(oldest.value)
      }
    }
    const before = this.current.get(k)
    this.current.set(k, p)
    // the first rows, and a failure, are news to show at once; the rest waits for the next turn
    const firstRows = !before?.preview?.rows.length && (p.preview?.rows.length ?? 0) > 0
    if (firstRows || (p.failed && !before?.failed)) this.notifyNow()
    else this.notifySoon()
  }

  /**
   * A trace has arrived: listeners hear its last state now, and the promise settles once the
   * browser has had a chance to paint it (so "all spans received" shows before the page builds
   * the tree).
   */
  finish(key: TraceKey): Promise<void> {
    if (!this.current.has(traceKeyText(key))) return Promise.resolve()
    this.notifyNow()
    return new Promise((resolve) => {
      // a hidden tab gets no animation frames: the timer settles it then
      const fallback = setTimeout(resolve, 100)
      if (typeof requestAnimationFrame !== 'function') return
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(fallback)
          resolve()
        }, 0),
      )
    })
  }

  clear(key: TraceKey): void {
    const k = traceKeyText(key)
    this.rowsRead.delete(k)
    if (this.current.delete(k)) this.notifyNow()
  }

  private notifyNow(): void {
    if (this.pending) clearTimeout(this.pending)
    this.notify()
  }

  private notify = (): void => {
    this.lastNotified = Date.now()
    this.pending = null
    for (const l of this.listeners) l()
  }

  private notifySoon(): void {
    if (this.pending) return
    const wait = EVERY_MS - (Date.now() - this.lastNotified)
    if (wait <= 0) this.notify()
    else this.pending = setTimeout(this.notify, wait)
  }
}
