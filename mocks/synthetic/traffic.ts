import { hash32, normalQuantile, unit } from './prng'
import { PANIC_OPERATION, PANIC_SHARE, runsDeployA, SPIKE_SERVICE } from './incidents'
import type { Incidents } from './incidents'
import { DCS } from './world-catalog'
import type { CompiledCall, OpRec, Placement, World } from './world'

/**
 * The traffic model: entry rates (daily curve × noise, constant within 10-second slots), own error
 * shares, own latency quantiles and their incident modifiers, and the derived per-operation rates
 * and error probabilities. Metrics are computed from these functions; traces are drawn from them.
 */
export const SLOT_MS = 10_000
export const NET_US = 300

export const slotOf = (ms: number): number => Math.floor(ms / SLOT_MS)

/** Daily curve in (0.3, 1]: quiet at 04:00 and busiest at 16:00 in the shop's time zone (UTC+8). */
export function dailyCurve(ms: number): number {
  const h = ((ms / 3_600_000 + 8) % 24 + 24) % 24
  return 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (h - 4)) / 24))
}

/** Requests per second of an entry operation during a slot. */
export function entryRate(op: OpRec, slot: number): number {
  const noise = 1 + 0.16 * (unit(op.idx, slot, 11) - 0.5)
  return op.entryRps * dailyCurve(slot * SLOT_MS + SLOT_MS / 2) * noise
}

/**
 * Own (not propagated) failure probability of one call of an operation at time ms, served in
 * cluster `pl` of the operation's service (null: no cluster of its own, e.g. a storage call,
 * which fails alike everywhere). Constant within a minute.
 */
export function ownError(op: OpRec, ms: number, inc: Incidents, pl: Placement | null): number {
  let e = op.baseErr * (pl?.errFactor ?? 1) * (0.7 + 0.6 * unit(op.idx, Math.floor(ms / 60_000), 12))
  if (isPanic(op, ms, inc, pl)) e += PANIC_SHARE
  return Math.min(e, 1)
}

/** Incident A: ReserveStock in a cluster running the v2.14.0 deploy panics. */
export const isPanic = (op: OpRec, ms: number, inc: Incidents, pl: Placement | null): boolean =>
  op.name === PANIC_OPERATION && runsDeployA(op.serviceName, pl?.cluster ?? null, ms, inc)

/** True while incident B slows the storage service down (its spans starting in [spikeFrom, spikeTo)). */
export const spikeAt = (ms: number, inc: Incidents): boolean => ms >= inc.spikeFrom && ms < inc.spikeTo

/** Own latency (µs) at quantile u in (0, 1) in the normal state or during incident B (mysql-orders' p99 ×10). */
export function ownLatencyIn(op: OpRec, u: number, spike: boolean): number {
  const base = op.medianUs * Math.exp(op.sigma * normalQuantile(u))
  return spike && op.serviceName === SPIKE_SERVICE ? base * (1 + 9 * u ** 4 / 0.99 ** 4) : base
}

const inSpike = (op: OpRec, ms: number, inc: Incidents): boolean => op.serviceName === SPIKE_SERVICE && spikeAt(ms, inc)

/** Own latency (µs) at quantile u in (0, 1) of a span starting at ms. */
export const ownLatency = (op: OpRec, u: number, ms: number, inc: Incidents): number => ownLatencyIn(op, u, inSpike(op, ms, inc))

/** Mean message sizes (bytes) of an operation's calls. */
export function meanSizes(op: OpRec): { send: number; recv: number } {
  const h = hash32(op.idx, 31)
  return { send: 200 + (h % 3800), recv: 500 + ((h >>> 12) % 19500) }
}

/** Mean MQ lag in ms for a topic (producer op). */
export const meanMqLag = (op: OpRec): number => 8 + (hash32(op.idx, 32) % 25)

/** PostTrace latency trigger: a storage call slower than its operation's usual 99.99th percentile. */
export const SLOW_QUANTILE = 0.9999
const SLOW_Z = normalQuantile(SLOW_QUANTILE)

/** The latency trigger's threshold (µs) of an operation; null for operations without one. */
export const slowThresholdUs = (op: OpRec): number | null => (op.kind === 'client' ? op.medianUs * Math.exp(op.sigma * SLOW_Z) : null)

/** Own-latency quantile at which a call reaches its threshold (1 when it never does). */
export function slowQuantile(op: OpRec, ms: number, inc: Incidents): number {
  const t = slowThresholdUs(op)
  if (t === null) return 1
  if (!inSpike(op, ms, inc)) return SLOW_QUANTILE
  let lo = 0
  let hi = SLOW_QUANTILE
  for (let k = 0; k < 48; k++) {
    const mid = (lo + hi) / 2
    if (ownLatency(op, mid, ms, inc) > t) hi = mid
    else lo = mid
  }
  return hi
}

/** Expected calls of `c` per invocation of its caller: first attempts, plus retries of the failed ones. */
export const attemptsPerCall = (c: CompiledCall, err: Float64Array): number => c.ratio * (c.retry ? 1 + err[c.to] : 1)

/**
 * Per-slot state of every operation: call rate (retries included), failure probability of one
 * call, probability that anything in a call's subtree fails (`anyErr`) or is slower than its
 * threshold (`anySlow`), own failure probability; all traffic-weighted over DCs and clusters.
 * A request stays in the DC it entered (a service absent there serves it from its first DC), so
 * failures are also kept per DC (`errDc[dc][op]`, and `noPropDc`: the probability that none of
 * the op's callee failures propagates to it there) and own failures per cluster (`ownPl[op][p]`,
 * p indexing the service's placements).
 */
export interface SlotState {
  rate: Float64Array
  err: Float64Array
  anyErr: Float64Array
  anySlow: Float64Array
  own: Float64Array
  errDc: Float64Array[]
  /** anyDc[dc][op]: the probability that anything in a call's subtree fails, for a request in that DC */
  anyDc: Float64Array[]
  noPropDc: Float64Array[]
  ownPl: Float64Array[]
}

/** Failure probability of one call of op `i` served in placement `p` of its service. */
export function placementErr(world: World, st: SlotState, i: number, p: number): number {
  const pl = world.services[world.ops[i].service].placements[p]
  return 1 - (1 - st.ownPl[i][p]) * st.noPropDc[pl.dcIdx][i]
}

/** Own failure probability of op `i` in DC `d` (its placements there, by their share; else its first DC's). */
export function ownInDc(world: World, ownPl: Float64Array, i: number, d: number): number {
  const pls = world.services[world.ops[i].service].placements
  const dc = pls.some((p) => p.dcIdx === d) ? d : pls[0].dcIdx
  let o = 0
  pls.forEach((p, k) => {
    if (p.dcIdx === dc) o += p.share * ownPl[k]
  })
  return o
}

/** Own failure probability of one call of `op` in each placement of its service, at ms. */
function ownPlacementErrors(world: World, op: OpRec, ms: number, inc: Incidents): Float64Array {
  const pls = world.services[op.service].placements
  const ownCluster = !(op.kind === 'client' || op.kind === 'producer')
  const mine = new Float64Array(pls.length)
  for (let k = 0; k < pls.length; k++) mine[k] = ownError(op, ms, inc, ownCluster ? pls[k] : null)
  return mine
}

/** The probability that none of `op`'s callee failures (errD: their failure probabilities in one DC) propagates to it. */
function noPropagation(op: OpRec, errD: Float64Array): number {
  let noProp = 1
  for (const c of op.calls) {
    // a retried call fails its caller only when the retry fails too
    const e = c.retry ? errD[c.to] ** 2 : errD[c.to]
    const q = c.propagate * e
    noProp *= (1 - q) ** c.whole * (1 - c.frac * q)
  }
  return noProp
}

/**
 * The traffic-weighted failure probability of one call of every operation in a slot (retries and
 * propagation included): `slotState(...).err` alone, for the callers that need nothing else (a
 * day of minute rates asks for it 1,440 times).
 */
export function slotErr(world: World, slot: number, inc: Incidents): Float64Array {
  const n = world.ops.length
  const err = new Float64Array(n)
  const errDc = DCS.map(() => new Float64Array(n))
  const ms = slot * SLOT_MS + SLOT_MS / 2
  for (const i of world.order) {
    const op = world.ops[i]
    const mine = ownPlacementErrors(world, op, ms, inc)
    for (let d = 0; d < DCS.length; d++) errDc[d][i] = 1 - (1 - ownInDc(world, mine, i, d)) * noPropagation(op, errDc[d])
    for (const p of world.services[op.service].placements) err[i] += p.trafficShare * errDc[p.dcIdx][i]
  }
  return err
}

export function slotState(world: World, slot: number, inc: Incidents): SlotState {
  const n = world.ops.length
  const rate = new Float64Array(n)
  const err = new Float64Array(n)
  const anyErr = new Float64Array(n)
  const anySlow = new Float64Array(n)
  const own = new Float64Array(n)
  const errDc = DCS.map(() => new Float64Array(n))
  const anyDc = DCS.map(() => new Float64Array(n))
  const noPropDc = DCS.map(() => new Float64Array(n))
  const ownPl: Float64Array[] = new Array<Float64Array>(n)
  const ms = slot * SLOT_MS + SLOT_MS / 2
  // Callees first: failure probabilities do not depend on rates.
  for (const i of world.order) {
    const op = world.ops[i]
    const pls = world.services[op.service].placements
    const mine = ownPlacementErrors(world, op, ms, inc)
    ownPl[i] = mine
    let noSlow = slowQuantile(op, ms, inc)
    for (const c of op.calls) {
      const sl = anySlow[c.to]
      noSlow *= (1 - sl) ** c.whole * (1 - c.frac * sl)
    }
    anySlow[i] = 1 - noSlow
    for (let d = 0; d < DCS.length; d++) {
      const o = ownInDc(world, mine, i, d)
      const noProp = noPropagation(op, errDc[d])
      let noAny = 1
      for (const c of op.calls) {
        // a retry happens only after a failure: it never turns a clean call into one with a failure
        const a = anyDc[d][c.to]
        noAny *= (1 - a) ** c.whole * (1 - c.frac * a)
      }
      noPropDc[d][i] = noProp
      errDc[d][i] = 1 - (1 - o) * noProp
      anyDc[d][i] = 1 - (1 - o) * noAny
    }
    for (const p of pls) {
      own[i] += p.trafficShare * mine[pls.indexOf(p)]
      err[i] += p.trafficShare * errDc[p.dcIdx][i]
      anyErr[i] += p.trafficShare * anyDc[p.dcIdx][i]
    }
  }
  // Callers first: every call, retries included.
  world.entries.forEach((e) => {
    rate[e] += entryRate(world.ops[e], slot)
  })
  for (let k = world.order.length - 1; k >= 0; k--) {
    const i = world.order[k]
    if (rate[i] === 0) continue
    for (const c of world.ops[i].calls) rate[c.to] += rate[i] * attemptsPerCall(c, err)
  }
  return { rate, err, anyErr, anySlow, own, errDc, anyDc, noPropDc, ownPl }
}
