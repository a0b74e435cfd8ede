import { parseTimeValue } from './clock'

/**
 * The global time range, as kept in the URL: `range=15m` (relative, ending now) or
 * `from=<ms>&to=<ms>` (absolute). Pure parsing and resolution.
 */
export const RELATIVE_RANGES = ['5m', '15m', '30m', '1h', '6h', '24h'] as const
export type RelativeRange = (typeof RELATIVE_RANGES)[number]

export type TimeRange = { kind: 'relative'; range: RelativeRange } | { kind: 'absolute'; from: number; to: number }

export const DEFAULT_RANGE: TimeRange = { kind: 'relative', range: '30m' }

const RANGE_MS: Record<RelativeRange, number> = {
  '5m': 5 * 60_000,
  '15m': 15 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
}

export const RANGE_LABELS: Record<RelativeRange, string> = {
  '5m': 'Last 5 minutes',
  '15m': 'Last 15 minutes',
  '30m': 'Last 30 minutes',
  '1h': 'Last 1 hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
}

export function rangeDurationMs(range: RelativeRange): number {
  return RANGE_MS[range]
}

/** A time of the address: ISO or ms since 1970, within the years the console can show; else null. */
function parseTime(v: string | null): number | null {
  if (!v) return null
  const t = parseTimeValue(v)
  return t.ok ? t.ms : null
}

/**
 * What is wrong with the address's time range, one notice per parameter (the view then shows its
 * default range): times it cannot read or show, an end before the start, an unknown relative range.
 */
export function timeRangeProblems(params: URLSearchParams): { name: string; value: string; reason: string }[] {
  const out: { name: string; value: string; reason: string }[] = []
  const times: Record<string, number | null> = {}
  for (const name of ['from', 'to'] as const) {
    const v = params.get(name)
    times[name] = null
    if (v === null || v === '') continue
    const t = parseTimeValue(v)
    if (t.ok) times[name] = t.ms
    else out.push({ name, value: v, reason: t.reason })
  }
  if (times.from !== null && times.to !== null && times.to <= times.from)
    out.push({ name: 'to', value: params.get('to') ?? '', reason: 'it is not after "from"' })
  else if ((times.from === null) !== (times.to === null) && out.length === 0)
    out.push({ name: times.from === null ? 'to' : 'from', value: params.get(times.from === null ? 'to' : 'from') ?? '', reason: `it needs "${times.from === null ? 'from' : 'to'}" as well` })
  const range = params.get('range')
  if (range !== null && !(RELATIVE_RANGES as readonly string[]).includes(range))
    out.push({ name: 'range', value: range, reason: `it is not one of ${RELATIVE_RANGES.join(', ')}` })
  return out
}

/** Reads the range from URL params; anything unreadable falls back to the default. */
export function parseTimeRange(params: URLSearchParams): TimeRange {
  const from = parseTime(params.get('from'))
  const to = parseTime(params.get('to'))
  if (from !== null && to !== null && to > from) return { kind: 'absolute', from, to }
  const range = params.get('range')
  if (range && (RELATIVE_RANGES as readonly string[]).includes(range)) return { kind: 'relative', range: range as RelativeRange }
  return DEFAULT_RANGE
}

/** Writes the range into URL params (returns a copy). */
export function writeTimeRange(params: URLSearchParams, range: TimeRange): URLSearchParams {
  const next = new URLSearchParams(params)
  next.delete('range')
  next.delete('from')
  next.delete('to')
  if (range.kind === 'relative') next.set('range', range.range)
  else {
    next.set('from', String(Math.round(range.from)))
    next.set('to', String(Math.round(range.to)))
  }
  return next
}

/** The concrete window, in ms. Relative ranges end at `nowMs`. */
export function resolveTimeRange(range: TimeRange, nowMs: number): { from: number; to: number } {
  if (range.kind === 'absolute') return { from: range.from, to: range.to }
  return { from: nowMs - RANGE_MS[range.range], to: nowMs }
}

/** What a link must carry of the synthetic world (see src/lib/synthetic-world.ts). */
export interface WorldCarry {
  /** the world's anchor (ms), when it is not the pinned clock */
  anchor: number | null
  /** the world's size when it is not the default one */
  scale: number | null
}

/**
 * Keeps only the parameters that describe the time range, for links between views: the range and,
 * when the clock is pinned (`now`, passed by the caller), that anchor, so a link opened in another
 * browser shows the same window of the same synthetic world. With the synthetic world (`world`,
 * passed by the caller) the link also names the world's anchor (`anchor=`, the minute this tab
 * first ran it, when the clock is not pinned) and its size (`scale=`, when not the default one).
 */
export function timeRangeQuery(params: URLSearchParams, pinnedNow: number | null = null, world: WorldCarry | null = null): string {
  const out = new URLSearchParams()
  for (const k of ['range', 'from', 'to', 'now', 'anchor', 'scale']) {
    const v = params.get(k)
    if (v !== null) out.set(k, v)
  }
  if (pinnedNow !== null && !out.has('now')) out.set('now', new Date(pinnedNow).toISOString())
  if (world?.anchor != null && !out.has('anchor')) out.set('anchor', new Date(world.anchor).toISOString())
  if (world?.scale != null && !out.has('scale')) out.set('scale', String(world.scale))
  return out.toString()
}

/** The synthetic world's part of every link (null with real backends). */
export function worldCarry(info: { anchor: number | null; services: number; baseServices: number } | null): WorldCarry | null {
  if (!info) return null
  return { anchor: info.anchor, scale: info.services > info.baseServices ? info.services : null }
}
