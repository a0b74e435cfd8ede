import { hash32 } from './prng'
import type { World } from './world'

/**
 * Declared capacity of every service (what a real platform reads from its provisioning): each
 * service is provisioned for its busiest expected rate (entry rates at the top of the daily curve
 * and of their noise, without retries) times a headroom of 1.3 to 2.5 (fixed per service), spread
 * evenly over its pods. A DC or cluster can serve what its pods can, so one with few pods for its
 * share of the traffic runs out first.
 */
const NOISE_TOP = 1.08

const cache = new WeakMap<World, Float64Array>()

/** Requests per second one pod of each service can serve. */
export function podCapacities(world: World): Float64Array {
  let out = cache.get(world)
  if (out) return out
  out = new Float64Array(world.services.length)
  for (const svc of world.services) {
    let busiest = 0
    for (const i of svc.ops) world.entries.forEach((e, k) => {
      busiest += world.ops[e].entryRps * NOISE_TOP * world.entryMult[k][i]
    })
    const headroom = 1.3 + 1.2 * ((hash32(svc.idx, 71) % 1000) / 1000)
    const pods = svc.placements.reduce((a, p) => a + p.pods.length, 0)
    out[svc.idx] = pods > 0 ? (busiest * headroom) / pods : 0
  }
  cache.set(world, out)
  return out
}

/** Capacity (rps) of a service's pods, all of them or those of one DC or cluster; null when it serves nothing. */
export function capacityOf(world: World, service: number, where: { dc: string | null; cluster: string | null }): number | null {
  const svc = world.services[service]
  const pods = svc.placements
    .filter((p) => (where.cluster === null || p.cluster === where.cluster) && (where.dc === null || p.dc === where.dc))
    .reduce((a, p) => a + p.pods.length, 0)
  const c = podCapacities(world)[service] * pods
  return c > 0 ? c : null
}
