/**
 * What links must carry for a colleague to see the same synthetic world: the synthetic backend
 * places its incidents around an anchor (the minute a tab first ran it, or the pinned "now"), so
 * a link without it shows other data in another browser. Boot records it once the synthetic
 * backend has started (the page may already be drawn by then: readers subscribe); nothing is
 * recorded for real backends.
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
const listeners = new Set<() => void>()

export function setSyntheticWorld(next: SyntheticWorldInfo | null): void {
  info = next
  for (const listener of listeners) listener()
}

/** Calls `listener` whenever the synthetic world is recorded; returns the way to stop. */
export function subscribeSyntheticWorld(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** The synthetic world in use, or null with real backends. */
export function syntheticWorld(): SyntheticWorldInfo | null {
  return info
}

let starting: Promise<unknown> | null = null

/**
 * Boot records the synthetic backend's start (MSW's service worker taking control of the page),
 * so that a request made outside the data source (the settings page's connection test) can wait
 * for it: sent before, it would reach the static server instead of the synthetic world.
 */
export function noteSyntheticBackendStarting(ready: Promise<unknown>): void {
  starting = ready
}

/** Settles once the synthetic backend started at boot is ready, or failed to start; at once when none was started. */
export function syntheticBackendSettled(): Promise<void> {
  return (starting ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  )
}
