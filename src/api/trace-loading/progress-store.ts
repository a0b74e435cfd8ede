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
 */
export class TraceProgressStore {
  private readonly current = new Map<string, TraceLoadProgress>()
  private readonly listeners = new Set<() => void>()
  private lastNotified = 0
  private pending: ReturnType<typeof setTimeout> | null = null

  get(key: TraceKey): TraceLoadProgress | null {
    return this.current.get(traceKeyText(key)) ?? null
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  report(key: TraceKey, p: TraceLoadProgress): void {
    const k = traceKeyText(key)
    if (!this.current.has(k) && this.current.size >= KEEP) {
      const oldest = this.current.keys().next()
      if (!oldest.done) this.current.delete(oldest.value)
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
    if (this.current.delete(traceKeyText(key))) this.notifyNow()
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
