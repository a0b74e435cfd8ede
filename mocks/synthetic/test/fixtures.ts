import { pinNow } from '../../../src/lib/clock'
import { currentIncidents } from '../incidents'
import type { Incidents } from '../incidents'
import { getWorld } from '../world'
import type { World } from '../world'

/** The instant e2e tests pin "now" to; incidents are placed relative to it. */
export const NOW = Date.parse('2026-11-23T10:00:00Z')
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

export function pinnedWorld(): { world: World; inc: Incidents } {
  pinNow(NOW)
  return { world: getWorld(), inc: currentIncidents() }
}
