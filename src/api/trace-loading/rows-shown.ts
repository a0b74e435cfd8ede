import { traceKeyText } from './trace-key'
import type { TraceKey } from './trace-key'

const KEEP = 4

/**
 * When the trace page has painted a trace's first rows. A reader that keeps every core busy (a
 * big file parsed in two parts) holds back until then, so the page has a core to draw on. The
 * read-only Gantt says so (`shown`); the reader waits (`when`).
 */
export class RowsShown {
  /** traces whose first rows were painted before anyone waited for them (the last few) */
  private readonly early = new Set<string>()
  private readonly waiters = new Map<string, (() => void)[]>()

  shown(key: TraceKey): void {
    const k = traceKeyText(key)
    const waiting = this.waiters.get(k)
    this.waiters.delete(k)
    if (waiting) return waiting.forEach((resolve) => resolve())
    this.early.add(k)
    if (this.early.size > KEEP) this.early.delete(this.early.values().next().value ?? k)
  }

  /** Settles once the first rows of `key` are painted, or after `timeoutMs` (a hidden tab never says so). */
  when(key: TraceKey, timeoutMs: number): Promise<void> {
    const k = traceKeyText(key)
    if (this.early.delete(k)) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs)
      const waiting = this.waiters.get(k) ?? []
      waiting.push(() => {
        clearTimeout(timer)
        resolve()
      })
      this.waiters.set(k, waiting)
    })
  }

  forget(key: TraceKey): void {
    this.early.delete(traceKeyText(key))
  }
}
