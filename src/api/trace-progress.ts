import type { TraceLoadProgress } from './sources/data-source'

/**
 * How far each trace being loaded has come, for the trace page's loading state. A query function
 * cannot report progress through TanStack Query, so the trace query writes here and the page
 * subscribes. Listeners hear at most every 250 ms (each time the page draws again, time taken from reading the trace), and at once when the first rows
 * come, when a trace is done and when it failed. The last state
 * of a loaded trace stays (its first rows remain on screen while the page builds the whole tree)
 * until that trace is loaded again; only the last few traces are kept.
 */
const current = new Map<string, TraceLoadProgress>()
const listeners = new Set<() => void>()
const EVERY_MS = 250
let lastNotified = 0
let pending: ReturnType<typeof setTimeout> | null = null

function notify(): void {
  lastNotified = Date.now()
  pending = null
  for (const l of listeners) l()
}

function notifySoon(): void {
  if (pending) return
  const wait = EVERY_MS - (Date.now() - lastNotified)
  if (wait <= 0) notify()
  else pending = setTimeout(notify, wait)
}

export const traceProgressKey = (sourceId: string, traceId: string) => `${sourceId}|${traceId}`

const KEEP = 4

export function reportTraceProgress(key: string, p: TraceLoadProgress): void {
  if (!current.has(key) && current.size >= KEEP) {
    const oldest = current.keys().next()
    if (!oldest.done) current.delete(oldest.value)
  }
  const before = current.get(key)
  current.set(key, p)
  // the first rows, and a failure, are news to show at once; the rest waits for the next turn
  const firstRows = !before?.preview?.rows.length && (p.preview?.rows.length ?? 0) > 0
  if (firstRows || (p.failed && !before?.failed)) {
    if (pending) clearTimeout(pending)
    notify()
  } else notifySoon()
}

/**
 * A trace has arrived: listeners hear its last state now, and the promise settles once the browser
 * has had a chance to paint it (so "all spans received" shows before the page builds the tree).
 */
export function finishTraceProgress(key: string): Promise<void> {
  if (!current.has(key)) return Promise.resolve()
  if (pending) clearTimeout(pending)
  notify()
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

/** Traces whose first rows were painted before anyone waited for them (the last few). */
const shown = new Set<string>()
const shownWaiters = new Map<string, (() => void)[]>()

/** The trace page has painted the first rows of trace `key` (its preview). */
export function traceRowsShown(key: string): void {
  const waiters = shownWaiters.get(key)
  shownWaiters.delete(key)
  if (waiters) return waiters.forEach((resolve) => resolve())
  shown.add(key)
  if (shown.size > KEEP) shown.delete(shown.values().next().value ?? key)
}

/**
 * Settles once the page has painted the first rows of trace `key`, or after `timeoutMs` (a page
 * that shows no preview, or a hidden tab, never says so). A file reader that keeps every core busy
 * holds back until then (read-trace-file.ts).
 */
export function whenTraceRowsShown(key: string, timeoutMs: number): Promise<void> {
  if (shown.delete(key)) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    const waiters = shownWaiters.get(key) ?? []
    waiters.push(() => {
      clearTimeout(timer)
      resolve()
    })
    shownWaiters.set(key, waiters)
  })
}

export function clearTraceProgress(key: string): void {
  shown.delete(key)
  if (!current.delete(key)) return
  if (pending) clearTimeout(pending)
  notify()
}

export function traceProgress(key: string): TraceLoadProgress | null {
  return current.get(key) ?? null
}

export function subscribeTraceProgress(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
