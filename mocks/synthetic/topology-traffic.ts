import { BoundedCache, WORLD_CACHE_IDLE_MS } from './bounded-cache'
import { OUTAGE_DC } from './incidents'
import type { Incidents } from './incidents'
import { cachedSlotState } from './sampling'
import { attemptsPerCall, entryRate, slotErr, slotState, SLOT_MS, slotOf } from './traffic'
import type { SlotState } from './traffic'
import type { CompiledCall, World } from './world'

/**
 * Topology traffic from the same data the metrics serve: every 10-second slot of the window is
 * read (no sampled instants), and a DC that did not answer contributes nothing for the slots it was
 * silent (the metrics leave those calls out too). Rates are observed calls divided by the time in
 * which the element had data, so a node of the silent DC shows its rate while it answered, and a
 * service spread over several DCs shows what was observed (the metrics' average).
 */

/** Part of one operation's calls that a topology element holds, all in one DC. */
export interface Part {
  dc: string
  /** share of the operation's calls */
  share: number
  /** placement index in the service (cluster grouping), else null */
  placement: number | null
}

/** A contribution of one operation to an element: node (op's own calls) or edge (calls to a callee). */
export interface Contribution {
  element: number
  op: number
  /** for edges, the call: its attempts per call of `op` (retries included) multiply `factor` */
  call: CompiledCall | null
  /** share of those calls the element holds (1 for nodes, the callee's cluster split for edges) */
  factor: number
  /** the operation whose error rate the element shows (op itself, or the callee) */
  errOp: number
  parts: Part[]
  /** only while this holds (ms): a version's share of the calls, which a deploy moves */
  when?: (ms: number) => boolean
}

export interface Observed {
  calls: number
  errors: number
  /** seconds in which the element had data */
  answered: number
  /** first and last ms of the window in which part of its data was missing */
  silentFrom: number | null
  silentTo: number | null
  /** seconds in which part of its data was missing, and in which all of it was */
  silentPart: number
  silentWhole: number
}

/** The error probability of `errOp`'s calls in one part; the caller may refine it per DC or cluster. */
export type ErrorOf = (st: SlotState, errOp: number, part: Part, ms: number) => number

const LONG_WINDOW_SLOTS = 3000

/** Observed calls, errors and silences per element; `callsOf[k]` gets contribution k's observed calls. */
export function observeWindow(world: World, inc: Incidents, contributions: Contribution[], elements: number, from: number, to: number, errorOf: ErrorOf, callsOf?: Float64Array): Observed[] {
  const out: Observed[] = Array.from({ length: elements }, () => ({ calls: 0, errors: 0, answered: 0, silentFrom: null, silentTo: null, silentPart: 0, silentWhole: 0 }))
  const seen = new Float64Array(elements)
  const lost = new Float64Array(elements)
  const s0 = slotOf(from)
  const s1 = slotOf(to - 1)
  const cached = s1 - s0 < LONG_WINDOW_SLOTS
  for (let slot = s0; slot <= s1; slot++) {
    const a = Math.max(from, slot * SLOT_MS)
    const b = Math.min(to, (slot + 1) * SLOT_MS)
    if (b <= a) continue
    const dt = (b - a) / 1000
    const ms = slot * SLOT_MS + SLOT_MS / 2
    const silent = ms >= inc.outageFrom && ms < inc.outageTo
    const st = cached ? cachedSlotState(world, slot, inc) : slotState(world, slot, inc)
    seen.fill(0)
    lost.fill(0)
    for (let k = 0; k < contributions.length; k++) {
      const c = contributions[k]
      if (c.when && !c.when(ms)) continue
      const rate = st.rate[c.op] * c.factor * (c.call ? attemptsPerCall(c.call, st.err) : 1)
      if (rate <= 0) continue
      const o = out[c.element]
      for (const p of c.parts) {
        const r = rate * p.share
        if (silent && p.dc === OUTAGE_DC) {
          lost[c.element] += r
          continue
        }
        seen[c.element] += r
        o.calls += r * dt
        if (callsOf) callsOf[k] += r * dt
        o.errors += r * dt * errorOf(st, c.errOp, p, ms)
      }
    }
    for (let e = 0; e < elements; e++) {
      const o = out[e]
      if (seen[e] > 0) o.answered += dt
      if (lost[e] > 0) {
        o.silentPart += dt
        if (seen[e] === 0) o.silentWhole += dt
        o.silentFrom = o.silentFrom ?? a
        o.silentTo = b
      }
    }
  }
  return out
}

/** Day peaks by grouping and minute: 16 at most, and what no view asked for in 10 minutes goes. */
const peakCache = new BoundedCache<string, number[]>({ maxWeight: 16, idleMs: WORLD_CACHE_IDLE_MS })

/** Calls per second of every operation for the given entry rates and failure probabilities (retries included). */
function opRates(world: World, entryRates: Float64Array, err: Float64Array): Float64Array {
  const rate = new Float64Array(world.ops.length)
  world.entries.forEach((e, i) => {
    rate[e] += entryRates[i]
  })
  for (let k = world.order.length - 1; k >= 0; k--) {
    const i = world.order[k]
    if (rate[i] === 0) continue
    for (const c of world.ops[i].calls) rate[c.to] += rate[i] * attemptsPerCall(c, err)
  }
  return rate
}

/** Each element's average rate over [m0, m1) (inside one minute), observed (a silent DC's part left out). */
function minuteRates(world: World, inc: Incidents, contributions: Contribution[], elements: number, m0: number, m1: number): Float64Array {
  const entries = world.entries.length
  const avg = new Float64Array(entries)
  let slots = 0
  for (let s = slotOf(m0); s <= slotOf(m1 - 1); s++) {
    slots++
    for (let e = 0; e < entries; e++) avg[e] += entryRate(world.ops[world.entries[e]], s)
  }
  for (let e = 0; e < entries; e++) avg[e] /= slots
  // failure probabilities (and so retries) are constant within a minute
  const err = slotErr(world, slotOf(m0), inc)
  const rate = opRates(world, avg, err)
  const silent = m0 + 30_000 >= inc.outageFrom && m0 + 30_000 < inc.outageTo
  const out = new Float64Array(elements)
  for (const c of contributions) {
    if (c.when && !c.when(m0 + 30_000)) continue
    const r = rate[c.op] * c.factor * (c.call ? attemptsPerCall(c.call, err) : 1)
    if (r === 0) continue
    for (const p of c.parts) if (!(silent && p.dc === OUTAGE_DC)) out[c.element] += r * p.share
  }
  return out
}

/**
 * Highest one-minute average rate of every element over the day before `to`, from observed data
 * (a silent DC's minutes count what answered; the minute cut by `to` is averaged over its part).
 * Within a minute the failure probabilities are constant, so an element's average rate follows
 * from the minute's average entry rates, retries included. `key` names the set of contributions
 * (the grouping) for the cache of the complete minutes.
 */
export function peakRates(world: World, inc: Incidents, contributions: Contribution[], elements: number, to: number, key: string): number[] {
  const boundary = Math.floor(to / 60_000) * 60_000
  const cacheKey = `${world.scale}|${inc.anchor}|${key}|${boundary}`
  let peaks = peakCache.get(cacheKey)
  if (!peaks) {
    peaks = new Array<number>(elements).fill(0)
    for (let m0 = boundary - 86_400_000; m0 < boundary; m0 += 60_000) {
      const r = minuteRates(world, inc, contributions, elements, m0, m0 + 60_000)
      for (let el = 0; el < elements; el++) if (r[el] > peaks[el]) peaks[el] = r[el]
    }
    peakCache.set(cacheKey, peaks)
  }
  const out = [...peaks]
  if (to > boundary) {
    const r = minuteRates(world, inc, contributions, elements, boundary, to)
    for (let el = 0; el < elements; el++) if (r[el] > out[el]) out[el] = r[el]
  }
  return out
}
