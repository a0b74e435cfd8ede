/**
 * Which of the window's error traces to analyse. Pure.
 * Evenly spaced over time (not the newest N), so a chain that started mid-window and one that
 * stopped are both represented in proportion.
 */
export function pickSample<T extends { startTime: number; traceId: string }>(items: readonly T[], n: number): T[] {
  const sorted = [...items].sort((a, b) => a.startTime - b.startTime || a.traceId.localeCompare(b.traceId))
  if (sorted.length <= n) return sorted
  if (n <= 0) return []
  const out: T[] = []
  const step = sorted.length / n
  for (let i = 0; i < n; i++) out.push(sorted[Math.floor(i * step)] as T)
  return out
}

/** The same window one day earlier: the baseline of every comparison on the errors page. */
export const DAY_MS = 24 * 60 * 60_000
export const yesterdayOf = (w: { from: number; to: number }) => ({ from: w.from - DAY_MS, to: w.to - DAY_MS })
