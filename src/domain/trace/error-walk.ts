/**
 * The order "Next error" walks a trace's failed spans in: the origins of its error chains first
 * (in the chains' order, so the first stop is where the first error started), then every other
 * failed span in tree order. Node indexes are positions in the tree's pre-order.
 */
export function errorWalkOrder(origins: readonly number[], errors: readonly number[]): number[] {
  const first = [...new Set(origins)]
  const seen = new Set(first)
  return first.concat(errors.filter((i) => !seen.has(i)))
}

/** The next (dir 1) or previous (dir -1) stop of a walk from `current` (a node index, -1 for none). */
export function stepWalk(walk: readonly number[], current: number, dir: 1 | -1): number | undefined {
  if (walk.length === 0) return undefined
  const at = walk.indexOf(current)
  if (at < 0) return dir === 1 ? walk[0] : walk[walk.length - 1]
  return walk[(at + dir + walk.length) % walk.length]
}
