/**
 * Ground truth of the synthetic world's error traces, computed independently of its traffic code:
 * catalogue entry rates × the documented daily curve, and the probability that a request meets at
 * least one failure, from each operation's catalogue failure share, its calls and fan-outs, and
 * the documented incident rule (stock-service ReserveStock fails 30 % more of its calls from the
 * deploy on). The per-minute noise of the world averages out over the windows tested (≥ 15 min).
 * During the dc-west outage the store cannot answer for that DC, so the truth a console can reach
 * leaves that DC's requests out (its answers say they are partial).
 */
import { PANIC_OPERATION, PANIC_SERVICE, PANIC_SHARE } from '../incidents'
import type { Incidents } from '../incidents'
import { dailyCurve } from '../traffic'
import { DC_SHARES } from '../world-catalog'
import type { World } from '../world'

const MIN = 60_000

/** P(no span of the operation's subtree fails) at time ms, from the catalogue. */
function noFailure(world: World, inc: Incidents, op: number, ms: number): number {
  const o = world.ops[op]
  let own = o.baseErr
  if (o.serviceName === PANIC_SERVICE && o.name === PANIC_OPERATION && ms >= inc.deployA) own += PANIC_SHARE
  let ok = 1 - Math.min(1, own)
  for (const c of o.calls) {
    const callee = world.ops[c.to]
    let callOk: number
    if (callee.kind === 'producer') {
      // the producer span, then one consumer per subscribed consumer operation
      callOk = 1 - callee.baseErr
      for (const cc of callee.calls) callOk *= noFailure(world, inc, cc.to, ms)
    } else if (callee.kind === 'client') callOk = 1 - callee.baseErr
    else callOk = noFailure(world, inc, c.to, ms)
    ok *= callOk ** c.whole * (1 - c.frac * (1 - callOk))
  }
  return ok
}

/** Share of an entry's requests the store answers for at time ms (all but dc-west's during its outage). */
function answered(world: World, inc: Incidents, entry: number, ms: number): number {
  const multiDc = world.services[world.ops[entry].service].dcs.length > 1
  return ms >= inc.outageFrom && ms < inc.outageTo && multiDc ? 1 - DC_SHARES[1] : 1
}

/** Requests per minute of an entry at time ms. */
const perMinute = (world: World, entry: number, ms: number) => world.ops[entry].entryRps * dailyCurve(ms) * 60

/** Real error traces (some span failed) in [from, to) that the store can answer for. */
export function errorTracesTruth(world: World, inc: Incidents, from: number, to: number): number {
  let sum = 0
  for (let t = from; t < to; t += MIN) {
    const mid = t + MIN / 2
    for (const e of world.entries) sum += perMinute(world, e, mid) * answered(world, inc, e, mid) * (1 - noFailure(world, inc, e, mid))
  }
  return sum
}

/** Real requests in [from, to) that panicked in stock-service ReserveStock (incident A). */
export function panicTracesTruth(world: World, inc: Incidents, from: number, to: number): number {
  const reserve = world.opByKey.get(`${PANIC_SERVICE}::${PANIC_OPERATION}`)
  if (!reserve) return 0
  let sum = 0
  for (let t = Math.max(from, inc.deployA); t < to; t += MIN) {
    const mid = t + MIN / 2
    world.entries.forEach((e, i) => {
      // calls of ReserveStock per request (at most one in the catalogue): P(panic) = calls × share
      const calls = Math.min(1, world.entryMult[i]?.[reserve.idx] ?? 0)
      sum += perMinute(world, e, mid) * answered(world, inc, e, mid) * calls * PANIC_SHARE
    })
  }
  return sum
}
