/** Step choice for metric range queries. Pure. */

const S = 1000
const NICE_STEPS = [10 * S, 15 * S, 30 * S, 60 * S, 2 * 60 * S, 5 * 60 * S, 10 * 60 * S, 15 * 60 * S, 30 * 60 * S, 3600 * S]

/**
 * The smallest "nice" step (10 s, 15 s, 30 s, 1 min, ... 1 h) that keeps a window under
 * `maxPoints` points, so a chart stays readable and the query cheap.
 */
export function chooseStep(window: { from: number; to: number }, maxPoints = 150): number {
  const span = Math.max(0, window.to - window.from)
  for (const step of NICE_STEPS) if (span / step <= maxPoints) return step
  return NICE_STEPS[NICE_STEPS.length - 1] ?? 3600 * S
}

/** Aligns a time down to its step boundary (the start of the step that contains it). */
export const alignToStep = (t: number, step: number): number => Math.floor(t / step) * step

/** "15 s", "1 min", "1 h": a step in words. */
export function describeStep(step: number): string {
  if (step < 60 * S) return `${Math.round(step / S)} s`
  if (step < 3600 * S) return `${Math.round(step / (60 * S))} min`
  return `${Math.round(step / (3600 * S))} h`
}

const AROUND_MS = 30 * 60 * 1000

/**
 * The window to show: the chosen window, or, when a marked time `at` falls outside it,
 * 30 min either side of `at` (never past `nowMs`).
 */
export function viewWindow(window: { from: number; to: number }, at: number | null, nowMs: number): { from: number; to: number } {
  if (at === null || (at >= window.from && at <= window.to)) return window
  const to = Math.min(nowMs, at + AROUND_MS)
  return { from: Math.min(at - AROUND_MS, to - 2 * AROUND_MS), to }
}

/** The zoom that brings a marked time into view: 10 min either side, inside the window. */
export function zoomAround(at: number, window: { from: number; to: number }): { from: number; to: number } {
  const half = 10 * 60 * 1000
  return { from: Math.max(window.from, at - half), to: Math.min(window.to, at + half) }
}
