/** Sampling helpers of the errors page. Pure. */
/**
 * The order in which to fetch a sample that is in time order, so that every prefix of it is
 * itself spread evenly over the window (bit-reversed positions: 0, n/2, n/4, 3n/4, …): an early
 * answer from the first traces fetched is not biased towards the window's start. A permutation.
 */
export function spreadOrder<T>(items: readonly T[]): T[] {
  const n = items.length
  if (n <= 2) return [...items]
  let bits = 0
  while (1 << bits < n) bits++
  const out: T[] = []
  for (let i = 0; i < 1 << bits; i++) {
    let r = 0
    for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b)
    if (r < n) out.push(items[r] as T)
  }
  return out
}

/** The same window one day earlier: the baseline of every comparison on the errors page. */
export const DAY_MS = 24 * 60 * 60_000
export const yesterdayOf = (w: { from: number; to: number }) => ({ from: w.from - DAY_MS, to: w.to - DAY_MS })
