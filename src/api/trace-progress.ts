import type { TraceLoadProgress } from './sources/data-source'

/**
 * How far each trace being loaded has come, for the trace page's loading state. A query function
 * cannot report progress through TanStack Query, so the trace query writes here and the page
 * subscribes. Listeners hear at most every 100 ms, and once more when a trace is done.
 */
const current = new Map<string, TraceLoadProgress>()
const listeners = new Set<() => void>()
const EVERY_MS = 100
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

export function reportTraceProgress(key: string, p: TraceLoadProgress): void {
  current.set(key, p)
  notifySoon()
}

export function clearTraceProgress(key: string): void {
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
