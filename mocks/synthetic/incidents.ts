import { isPinned, now } from '../../src/lib/clock'

/**
 * Incidents are placed relative to the world's anchor: the pinned "now" when the clock is pinned
 * (tests, `?now=`), else the wall-clock minute at which the world first ran (kept for the tab's
 * session by mocks/browser.ts so trace ids stay valid across reloads).
 */
let liveAnchor: number | null = null
/** the anchor came from a link (`anchor=`): it holds even when the clock is pinned */
let anchorGiven = false

export function setLiveAnchor(ms: number | null, given = false): void {
  liveAnchor = ms === null ? null : Math.floor(ms / 60_000) * 60_000
  anchorGiven = ms !== null && given
}

export function worldAnchor(): number {
  if (anchorGiven && liveAnchor !== null) return liveAnchor
  if (isPinned()) return now()
  if (liveAnchor === null) liveAnchor = Math.floor(Date.now() / 60_000) * 60_000
  return liveAnchor
}

const MIN = 60_000

export interface Incidents {
  anchor: number
  /**
   * A: stock-service v2.14.0 deploy, canary stage: it lands in each DC's second cluster
   * (CANARY_CLUSTERS) and the rollout goes no further; there ReserveStock panics on PANIC_SHARE of
   * calls from then on (about 30 % of all its calls, the canary clusters serving 40 %).
   */
  deployA: number
  /** B: mysql-orders latency spike (p99 ×10) */
  spikeFrom: number
  spikeTo: number
  /** C: dc-west does not answer */
  outageFrom: number
  outageTo: number
}

export function incidentsAt(anchor: number): Incidents {
  return {
    anchor,
    deployA: anchor - 20 * MIN,
    spikeFrom: anchor - 45 * MIN,
    spikeTo: anchor - 38 * MIN,
    outageFrom: anchor - 12 * MIN,
    outageTo: anchor - 7 * MIN,
  }
}

export const currentIncidents = (): Incidents => incidentsAt(worldAnchor())

export const OUTAGE_DC = 'dc-west'
export const PANIC_SERVICE = 'stock-service'
export const PANIC_OPERATION = 'ReserveStock'
/** Share of ReserveStock calls that panic in a cluster running v2.14.0. */
export const PANIC_SHARE = 0.75
/** The clusters where the incident-A deploy landed first (its canary stage): each DC's `-prod-2`. */
export const CANARY_CLUSTERS = ['east-prod-2', 'west-prod-2', 'north-prod-2'] as const
export const PREVIOUS_VERSION = 'v2.13.4'

/** True when `cluster` of `service` runs the incident-A deploy at `ms`. */
export const runsDeployA = (service: string, cluster: string | null, ms: number, inc: Incidents): boolean =>
  service === PANIC_SERVICE && ms >= inc.deployA && cluster !== null && (CANARY_CLUSTERS as readonly string[]).includes(cluster)
export const SPIKE_SERVICE = 'mysql-orders'
export const DEPLOY_VERSION = 'v2.14.0'

/** True when [from, to] (ms) overlaps the DC outage. */
export function overlapsOutage(inc: Incidents, from: number, to: number): boolean {
  return from < inc.outageTo && to > inc.outageFrom
}

/** The times go apart from the words, so the console says them in the reader's chosen zone. */
export function outagePartial(inc: Incidents): { missingDcs: string[]; reason: string; silentFrom: number; silentTo: number } {
  return { missingDcs: [OUTAGE_DC], reason: `${OUTAGE_DC} did not answer`, silentFrom: inc.outageFrom, silentTo: inc.outageTo }
}
