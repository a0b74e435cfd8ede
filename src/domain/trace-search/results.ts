import type { TraceSummary } from '../model'

export const SORT_KEYS = ['start', 'duration', 'spans', 'errors', 'services'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'
export interface SortOrder {
  key: SortKey
  dir: SortDir
}

export const DEFAULT_SORT: SortOrder = { key: 'start', dir: 'desc' }

const VALUE: Record<SortKey, (t: TraceSummary) => number> = {
  start: (t) => t.startTime,
  duration: (t) => t.duration,
  spans: (t) => t.spanCount,
  errors: (t) => t.errorCount,
  services: (t) => t.services.length,
}

/** A new, sorted list; ties keep the newest trace first, then the trace id, so the order is stable. */
export function sortSummaries(list: readonly TraceSummary[], order: SortOrder): TraceSummary[] {
  const v = VALUE[order.key]
  const sign = order.dir === 'asc' ? 1 : -1
  return [...list].sort(
    (a, b) => sign * (v(a) - v(b)) || b.startTime - a.startTime || (a.traceId < b.traceId ? -1 : a.traceId > b.traceId ? 1 : 0),
  )
}

/** "duration:desc" ⇄ SortOrder; anything unreadable gives the default order. */
export function parseSortOrder(text: string | null): SortOrder {
  const [key, dir] = (text ?? '').split(':')
  if ((SORT_KEYS as readonly string[]).includes(key) && (dir === 'asc' || dir === 'desc')) return { key: key as SortKey, dir }
  return DEFAULT_SORT
}

export const formatSortOrder = (o: SortOrder): string => `${o.key}:${o.dir}`

/** A rectangle brushed on the duration-over-time chart. */
export interface BrushRegion {
  /** ms since epoch */
  from: number
  to: number
  /** µs */
  minDuration: number
  maxDuration: number
}

/** Traces whose start (ms) and duration (µs) fall inside the region, edges included. */
export function inBrush(list: readonly TraceSummary[], b: BrushRegion | null): TraceSummary[] {
  if (!b) return [...list]
  return list.filter((t) => {
    const ms = t.startTime / 1000
    return ms >= b.from && ms <= b.to && t.duration >= b.minDuration && t.duration <= b.maxDuration
  })
}

/** "from,to,min,max" ⇄ BrushRegion (numbers; ms for time, µs for durations). */
export function parseBrush(text: string | null): BrushRegion | null {
  if (!text) return null
  const n = text.split(',').map(Number)
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) return null
  const [from, to, minDuration, maxDuration] = n
  if (from > to || minDuration > maxDuration) return null
  return { from, to, minDuration, maxDuration }
}

export const formatBrush = (b: BrushRegion): string =>
  [b.from, b.to, b.minDuration, b.maxDuration].map((x) => Math.round(x)).join(',')
