import { useSyncExternalStore } from 'react'
import { subscribeSyntheticWorld, syntheticWorld } from '../lib/synthetic-world'
import type { SyntheticWorldInfo } from '../lib/synthetic-world'

/** The synthetic world in use (null with real backends, and until the synthetic backend has started); redraws when it is recorded. */
export function useSyntheticWorld(): SyntheticWorldInfo | null {
  return useSyncExternalStore(subscribeSyntheticWorld, syntheticWorld, syntheticWorld)
}
