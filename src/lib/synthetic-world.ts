/**
 * What links must carry for a colleague to see the same synthetic world: the synthetic backend
 * places its incidents around an anchor (the minute a tab first ran it, or the pinned "now"), so
 * a link without it shows other data in another browser. Boot records it once the synthetic
 * backend has started; nothing is recorded for real backends.
 */
export interface SyntheticWorldInfo {
  /**
   * the anchor to carry as `anchor=` (ms), or null when the pinned clock is the anchor (links
   * then carry `now=` alone)
   */
  anchor: number | null
  /** services in the world, and in the default world (`?scale=` grows it) */
  services: number
  baseServices: number
}

let info: SyntheticWorldInfo | null = null

export function setSyntheticWorld(next: SyntheticWorldInfo | null): void {
  info = next
}

/** The synthetic world in use, or null with real backends. */
export function syntheticWorld(): SyntheticWorldInfo | null {
  return info
}
