/**
 * Ground truth of the synthetic world's error traces, computed independently of its traffic code:
 * catalogue entry rates × the documented daily curve (split over DCs by their traffic shares; a
 * request stays in its DC), and the probability that a request meets at least one failure, from
 * each operation's catalogue failure share × its cluster's factor, its calls and fan-outs, and the
 * documented incident rule (ReserveStock panics on PANIC_SHARE of its calls in the clusters running
 * the deploy). The per-minute noise of the world averages out over the windows tested (≥ 15 min).
 * During the dc-west outage the store cannot answer for that DC, so the truth a console can reach
 * leaves that DC's requests out (its answers say they are partial).
 */
import { PANIC_OPERATION, PANIC_SHARE, runsDeployA } from '../incidents'
import type { Incidents } from '../incidents'
import { dailyCurve } from '../traffic'
import { DC_SHARES } from '../world-catalog'
import type { World } from '../world'

const MIN = 60_000

/**
 * Own failure probability of one call of `op` in DC `d`: each cluster of the service there (by its
 * share; a service absent from the DC serves from its first DC) fails at the catalogue's rate ×
 * the cluster's factor, plus PANIC_SHARE where the incident-A deploy runs (its canary clusters).
 */
function ownFailure(world: World, inc: Incidents, op: number, ms: number, d: number): number {
  const o = world.ops[op]
  if (o.kind === 'client' || o.kind === 'producer') return o.baseErr
  const pls = world.services[o.service].placements
  const dc = pls.some((p) => p.dcIdx === d) ? d : pls[0].dcIdx
  const here = pls.filter((p) => p.dcIdx === dc)
  const total = here.reduce((a, p) => a + p.share, 0)
  let sum = 0
  for (const p of here) {
    const panic = o.name === PANIC_OPERATION && runsDeployA(o.serviceName, p.cluster, ms, inc) ? PANIC_SHARE : 0
    sum += (p.share / total) * Math.min(1, o.baseErr * p.errFactor + panic)
  }
  return sum
}

/** P(no span of the operation's subtree fails) for a request in DC d at time ms. */
function noFailure(world: World, inc: Incidents, op: number, ms: number, d: number): number {
  const o = world.ops[op]
  let ok = 1 - ownFailure(world, inc, op, ms, d)
  for (const c of o.calls) {
    const callee = world.ops[c.to]
    let callOk: number
    if (callee.kind === 'producer') {
      // the producer span, then one consumer per subscribed consumer operation
      callOk = 1 - callee.baseErr
      for (const cc of callee.calls) callOk *= noFailure(world, inc, cc.to, ms, d)
    } else if (callee.kind === 'client') callOk = 1 - callee.baseErr
    else callOk = noFailure(world, inc, c.to, ms, d)
    ok *= callOk ** c.whole * (1 - c.frac * (1 - callOk))
  }
  return ok
}

/** The DCs an entry's requests enter, with their shares (a single-DC service: its first DC). */
function entryDcs(world: World, entry: number): [number, number][] {
  const dcs = world.services[world.ops[entry].service].dcs
  if (dcs.length === 1) return [[0, 1]]
  return DC_SHARES.map((share, d) => [d, share])
}

/** Whether the store answers for requests that entered DC d at time ms (all but dc-west's during its outage). */
const answered = (inc: Incidents, d: number, ms: number) => !(d === 1 && ms >= inc.outageFrom && ms < inc.outageTo)

/** Requests per minute of an entry at time ms. */
const perMinute = (world: World, entry: number, ms: number) => world.ops[entry].entryRps * dailyCurve(ms) * 60

/** Real error traces (some span failed) in [from, to) that the store can answer for. */
export function errorTracesTruth(world: World, inc: Incidents, from: number, to: number): number {
  let sum = 0
  for (let t = from; t < to; t += MIN) {
    const mid = t + MIN / 2
    for (const e of world.entries) {
      for (const [d, share] of entryDcs(world, e)) if (answered(inc, d, mid)) sum += perMinute(world, e, mid) * share * (1 - noFailure(world, inc, e, mid, d))
    }
  }
  return sum
}

/**
 * Requests in [from, to) whose error started in stock-service ReserveStock (incident A's panics and
 * its usual failures), from the catalogue and the documented rules alone: requests of each entry ×
 * its ReserveStock calls per request (at most one in the catalogue) × ReserveStock's own failure
 * probability in the request's DC (its clusters by share, the canary clusters panicking on
 * PANIC_SHARE of calls since the deploy). Every caller on the way propagates its failure (catalogue
 * probability 1), so each reaches its entry. The outage DC left out while silent.
 */
export function reserveStockTruth(world: World, inc: Incidents, from: number, to: number): number {
  const reserve = world.opByKey.get(`stock-service::${PANIC_OPERATION}`)
  if (!reserve) return 0
  let sum = 0
  for (let t = from; t < to; t += MIN) {
    const mid = t + MIN / 2
    world.entries.forEach((e, i) => {
      const calls = Math.min(1, world.entryMult[i]?.[reserve.idx] ?? 0)
      if (calls === 0) return
      for (const [d, share] of entryDcs(world, e)) if (answered(inc, d, mid)) sum += perMinute(world, e, mid) * share * calls * ownFailure(world, inc, reserve.idx, mid, d)
    })
  }
  return sum
}
