import { ERROR_THRESHOLDS } from './health'

/**
 * The traffic animation's arithmetic: dots leave the caller at a rate that follows requests/s
 * (log scale), travel to the callee in a time that follows the edge's length, and a share of them
 * equal to the error rate is red. Everything is a function of time, so a frame draws the same dots
 * whenever it is drawn, and nothing is stored per dot. Pure.
 */

/** Dots per second leaving the caller of an edge with `rps` requests/s: 1/s → 0.6, 100/s → 2.7, 10k/s → 5. */
export function spawnRate(rps: number): number {
  if (!(rps > 0)) return 0
  return Math.min(MAX_RATE, 0.25 + 1.2 * Math.log10(1 + rps))
}
const MAX_RATE = 6

/** Seconds a dot takes along an edge `length` model pixels long: the same speed everywhere, within 1–5 s. */
export function travelSeconds(length: number): number {
  return Math.min(5, Math.max(1, length / SPEED))
}
const SPEED = 110

/**
 * The factor every edge's rate is multiplied by so that the dots in flight on the edges drawn
 * (`load` = Σ rate × travel) stay within `budget`: 1 while under it.
 */
export function budgetScale(load: number, budget: number): number {
  return load > budget ? budget / load : 1
}

/**
 * The share of red dots on an edge: its error rate; for an edge the errors overlay flags (from 1 %)
 * at least one dot of those in flight, so a failing call never looks clean for lack of dots.
 * Below that the share is exact (a 0.05 % call shows one red dot in 2,000).
 */
export function redShare(errorRate: number, inFlight: number): number {
  if (!(errorRate > 0)) return 0
  const floor = errorRate >= ERROR_THRESHOLDS.warning ? 1 / Math.max(1, Math.floor(inFlight)) : 0
  return Math.min(1, Math.max(errorRate, floor))
}

/**
 * Whether dot number `k` (counted since time 0) is red: spread evenly, so any run of n dots holds
 * ⌊n × share⌋ or ⌈n × share⌉ red ones.
 */
export function isRedDot(k: number, share: number): boolean {
  if (share <= 0) return false
  if (share >= 1) return true
  return Math.floor((k + 1) * share) > Math.floor(k * share)
}

/** A stable offset in [0, 1) per edge, so edges do not send their dots in step. */
export function phaseOf(id: string): number {
  let h = 2166136261
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return (h >>> 0) / 4294967296
}

/**
 * The dots in flight at time `t` (s) on an edge sending `rate` dots/s that take `travel` s: dot k
 * left at (phase + k) / rate, so those with `first` ≤ k ≤ `last` are on the way, dot k
 * (t − (phase + k) / rate) / travel of the way along. Writes into `out` (none when last < first).
 */
export function dotSpan(t: number, rate: number, travel: number, phase: number, out: { first: number; last: number }): { first: number; last: number } {
  if (!(rate > 0) || !(travel > 0)) {
    out.first = 0
    out.last = -1
    return out
  }
  out.last = Math.floor(t * rate - phase)
  out.first = Math.floor((t - travel) * rate - phase) + 1
  return out
}

/** Calls `visit(k, f)` for every dot in flight (see `dotSpan`), `f` in [0, 1) how far along; returns how many. */
export function forEachDot(t: number, rate: number, travel: number, phase: number, visit: (k: number, f: number) => void): number {
  const { first, last } = dotSpan(t, rate, travel, phase, { first: 0, last: -1 })
  for (let k = first; k <= last; k++) visit(k, (t - (phase + k) / rate) / travel)
  return Math.max(0, last - first + 1)
}

export interface Point {
  x: number
  y: number
}

/**
 * The point a fraction `f` along an edge drawn through `pts` (x, y pairs: source endpoint, control
 * points, target endpoint), the way Cytoscape draws it: a straight line without control points,
 * one quadratic curve with one, and with several a chain of quadratic curves joined halfway
 * between neighbouring control points. Writes into `out` (no allocation per dot).
 */
export function pointOnPath(pts: ArrayLike<number>, f: number, out: Point): Point {
  const n = pts.length / 2
  const t = Math.min(1, Math.max(0, f))
  if (n <= 2) {
    out.x = pts[0] + (pts[2] - pts[0]) * t
    out.y = pts[1] + (pts[3] - pts[1]) * t
    return out
  }
  const curves = n - 2
  const i = Math.min(curves - 1, Math.floor(t * curves))
  const u = t * curves - i
  // control point i+1 (index 1 is the first control point); ends are the source, the target, or midpoints
  const cx = pts[2 * (i + 1)]
  const cy = pts[2 * (i + 1) + 1]
  const sx = i === 0 ? pts[0] : (pts[2 * i] + cx) / 2
  const sy = i === 0 ? pts[1] : (pts[2 * i + 1] + cy) / 2
  const last = i === curves - 1
  const ex = last ? pts[2 * (n - 1)] : (cx + pts[2 * (i + 2)]) / 2
  const ey = last ? pts[2 * (n - 1) + 1] : (cy + pts[2 * (i + 2) + 1]) / 2
  const a = (1 - u) * (1 - u)
  const b = 2 * (1 - u) * u
  const c = u * u
  out.x = a * sx + b * cx + c * ex
  out.y = a * sy + b * cy + c * ey
  return out
}

/** Length of the polyline through `pts` (a cheap stand-in for the curve's length). */
export function pathLength(pts: ArrayLike<number>): number {
  let len = 0
  for (let i = 2; i < pts.length; i += 2) len += Math.hypot(pts[i] - pts[i - 2], pts[i + 1] - pts[i - 1])
  return len
}

/**
 * Caps a dot rate so that dots in flight on an edge drawn `renderedLength` px long stay at least
 * `minGap` px apart: zoomed out, short edges carry a dot or two instead of a black smear.
 */
export function spacedRate(rate: number, renderedLength: number, travel: number, minGap: number): number {
  if (!(travel > 0) || !(minGap > 0)) return rate
  return Math.min(rate, Math.max(0, renderedLength) / minGap / travel)
}

/**
 * The dots allowed in flight for a graph covering `area` px² of the screen: one per `pxPerDot` px²,
 * at most `max`, so a zoomed-out dense graph is not buried under dots.
 */
export function areaBudget(area: number, max: number, pxPerDot: number): number {
  return Math.min(max, Math.max(0, area) / pxPerDot)
}
