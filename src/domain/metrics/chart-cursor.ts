/**
 * Keyboard cursor of a metric chart: which point of which line is current, the range being
 * extended from an anchor, and which exemplar is current. Indices point into a line's points that
 * carry a value (gaps are skipped). Pure.
 */
import type { ChartLine } from './chart-lines'
import type { ThinnedExemplar } from './exemplars'
import type { TimeWindow } from '../query'

export interface CursorState {
  /** id of the line the cursor follows */
  lineId: string
  /** index into the line's points with a value (see valuedPoints) */
  index: number
  /** start of a range being extended with Shift+arrows; null when only a point is current */
  anchor: number | null
}

/** The points of a line that carry a value, in time order: what the cursor steps through. */
export function valuedPoints(line: ChartLine): [number, number][] {
  const out: [number, number][] = []
  for (const [t, v] of line.points) if (v !== null) out.push([t, v])
  return out
}

/** Index of the point whose time is nearest to `t` (ties: the earlier one); -1 when there is none. */
export function nearestIndex(points: readonly (readonly [number, unknown])[], t: number): number {
  let best = -1
  let bestDist = Infinity
  points.forEach(([pt], i) => {
    const d = Math.abs(pt - t)
    if (d < bestDist) {
      bestDist = d
      best = i
    }
  })
  return best
}

/** Indices of the first and last point inside `view` (the zoomed part); the whole line when none is. */
function visibleBounds(points: readonly [number, number][], view: TimeWindow | null): [number, number] {
  const last = points.length - 1
  if (!view) return [0, last]
  const lo = points.findIndex(([t]) => t >= view.from)
  let hi = -1
  for (let i = last; i >= 0; i--) {
    const p = points[i]
    if (p && p[0] <= view.to) {
      hi = i
      break
    }
  }
  return lo < 0 || hi < lo ? [0, last] : [lo, hi]
}

/**
 * Where the cursor starts when a chart gets focus: near `prefer` (the current selection) when
 * given and visible, else at the latest visible point (what is happening now).
 */
export function startCursor(line: ChartLine, view: TimeWindow | null, prefer: number | null): CursorState | null {
  const pts = valuedPoints(line)
  if (!pts.length) return null
  const [lo, hi] = visibleBounds(pts, view)
  const near = prefer === null ? -1 : nearestIndex(pts, prefer)
  const index = near >= lo && near <= hi ? near : hi
  return { lineId: line.id, index, anchor: null }
}

/**
 * Moves the cursor by `delta` points, kept inside the visible part. With `extend` the range grows
 * from an anchor (set at the current point on the first extending move); without it the range
 * is dropped and only the point moves.
 */
export function moveCursor(c: CursorState, line: ChartLine, delta: number, view: TimeWindow | null, extend = false): CursorState {
  const pts = valuedPoints(line)
  if (!pts.length) return c
  const [lo, hi] = visibleBounds(pts, view)
  const from = Math.min(Math.max(c.index, lo), hi)
  const index = Math.min(Math.max(from + delta, lo), hi)
  const anchor = extend ? (c.anchor ?? from) : null
  return { ...c, index, anchor }
}

/** Jumps to the first or last visible point (Home / End). */
export function jumpCursor(c: CursorState, line: ChartLine, to: 'first' | 'last', view: TimeWindow | null, extend = false): CursorState {
  const pts = valuedPoints(line)
  if (!pts.length) return c
  const [lo, hi] = visibleBounds(pts, view)
  return { ...c, index: to === 'first' ? lo : hi, anchor: extend ? (c.anchor ?? c.index) : null }
}

/** Moves the cursor to another line (Up / Down) at the point nearest in time; a range is dropped. */
export function switchLine(c: CursorState, lines: readonly ChartLine[], delta: number): CursorState {
  const i = lines.findIndex((l) => l.id === c.lineId)
  const current = lines[i]
  const next = lines[Math.min(Math.max(i + delta, 0), lines.length - 1)]
  if (!current || !next || next === current) return { ...c, anchor: null }
  const t = valuedPoints(current)[c.index]?.[0]
  const pts = valuedPoints(next)
  const index = t === undefined ? pts.length - 1 : nearestIndex(pts, t)
  return index < 0 ? c : { lineId: next.id, index, anchor: null }
}

/** The window the cursor selects: one step at the point, or from the anchor's step to the cursor's. */
export function cursorWindow(c: CursorState, line: ChartLine, step: number): (TimeWindow & { point: boolean }) | null {
  const pts = valuedPoints(line)
  const at = pts[c.index]
  if (!at) return null
  if (c.anchor === null || c.anchor === c.index) return { from: at[0], to: at[0] + step, point: true }
  const other = pts[c.anchor]
  if (!other) return { from: at[0], to: at[0] + step, point: true }
  return { from: Math.min(at[0], other[0]), to: Math.max(at[0], other[0]) + step, point: false }
}

/**
 * The next exemplar from `current` in time order (dir 1) or the previous one (dir -1), wrapping
 * around. Without a current one, the first at or after `t` (or, backwards, the last before it),
 * so the cycle starts where the cursor is. -1 when there are none.
 */
export function cycleExemplar(exemplars: readonly ThinnedExemplar[], current: number | null, dir: 1 | -1, t: number | null): number {
  const n = exemplars.length
  if (!n) return -1
  if (current !== null && current >= 0 && current < n) return (current + dir + n) % n
  if (t === null) return dir === 1 ? 0 : n - 1
  if (dir === 1) {
    const i = exemplars.findIndex((e) => e.time >= t)
    return i < 0 ? 0 : i
  }
  for (let i = n - 1; i >= 0; i--) if ((exemplars[i]?.time ?? Infinity) < t) return i
  return n - 1
}
