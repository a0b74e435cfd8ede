import type { Core } from 'cytoscape'

/**
 * Cytoscape's renderer of an instance, for the modules that reach into it where its public API has
 * no say (./hit-test.ts, ./warm-layers.ts, the big-graph economies of ./graph-view.tsx). Each of them
 * names the members it relies on and gets the renderer only when it has every one of them, so a
 * headless instance, another renderer or a Cytoscape whose internals moved leaves the graph drawn
 * as Cytoscape draws it. A Cytoscape upgrade must pass e2e/topology-hit-test.spec.ts and
 * e2e/topology-large.spec.ts, which check these against Cytoscape's own answers.
 */
export function rendererWith<K extends string>(cy: Core, members: readonly K[]): Record<K, unknown> | null {
  const r: unknown = (cy as unknown as { renderer?: () => unknown }).renderer?.()
  return hasMembers(r, members) ? r : null
}

/** Whether `o` is an object with every one of `members`. */
export function hasMembers<K extends string>(o: unknown, members: readonly K[]): o is Record<K, unknown> {
  if (typeof o !== 'object' || o === null) return false
  for (const m of members) if (!(m in o)) return false
  return true
}
