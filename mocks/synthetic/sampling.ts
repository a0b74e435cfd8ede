import { BoundedCache, WORLD_CACHE_IDLE_MS } from './bounded-cache'
import { DC_SHARES } from './world-catalog'
import { hash32, poisson, Rng, unit } from './prng'
import { entryRate, slotOf, slotState, SLOT_MS } from './traffic'
import type { SlotState } from './traffic'
import { rateCodeOf, rateOfCode } from './trace-id'
import type { TraceKey, WorldSamplingMode } from './trace-id'
import type { Incidents } from './incidents'
import type { World } from './world'

/**
 * Which requests were sampled, slot by slot, without generating the traffic itself:
 * - head sampling: fixed probability (0.1 %) with a low-traffic fallback of about one trace per
 *   minute, or adaptive (a target per minute) for the mobile gateway;
 * - dyed requests (always sampled, rate 1);
 * - PostTrace: requests not head-sampled in which something interesting happens (a failure, or a
 *   storage call slower than its operation's threshold, see slowThresholdUs) are captured with
 *   probability POSTTRACE_CAPTURE.
 * An interesting trace's recorded rate is its inclusion probability (head rate + PostTrace
 * capture), so Σ 1/rate over sampled traces estimates real traffic without double counting.
 */
export const HEAD_RATE = 0.001
export const POSTTRACE_CAPTURE = 0.005
export const ADAPTIVE_PER_MIN = 12
export const DYED_PER_SLOT = 1 / 90

export interface Candidate {
  key: TraceKey
  /** rate code to record when the generated trace turns out to fail */
  errorRateCode: number
}

export function headSampling(world: World, entry: number, rps: number): { mode: WorldSamplingMode; rate: number } {
  const op = world.ops[entry]
  if (op.serviceName === 'mobile-gateway') return { mode: 'adaptive', rate: Math.min(1, ADAPTIVE_PER_MIN / Math.max(rps * 60, 1e-9)) }
  return { mode: 'probability', rate: Math.max(HEAD_RATE, Math.min(1, 1 / Math.max(rps * 60, 1e-9))) }
}

export const errorInclusion = (head: number): number => head + (1 - head) * POSTTRACE_CAPTURE

/**
 * The rate of the sampler that kept the trace of `key`: the head sampler's (as slotCandidates ran
 * it for that entry and slot), PostTrace's capture probability, or 1 for dyed requests. A failing
 * trace's id records its inclusion probability instead; this is what the sampler itself ran at.
 */
export function samplerRateOf(world: World, key: TraceKey): number {
  if (key.mode === 'dyed') return 1
  if (key.mode === 'posttrace') return POSTTRACE_CAPTURE
  const entry = world.entries[key.entry]
  if (key.kind !== 1 || entry === undefined) return rateOfCode(key.rateCode)
  const rps = entryRate(world.ops[entry], slotOf(key.startMs))
  return rateOfCode(rateCodeOf(headSampling(world, entry, rps).rate))
}

function pickDc(world: World, entry: number, u: number): number {
  const dcs = world.services[world.ops[entry].service].dcs
  if (dcs.length === 1) return 0
  return u < DC_SHARES[0] ? 0 : u < DC_SHARES[0] + DC_SHARES[1] ? 1 : 2
}

/** The bytes a slot's state holds (its arrays, plus a small overhead per array). */
export function slotStateBytes(st: SlotState): number {
  let bytes = 0
  for (const v of Object.values(st) as (Float64Array | Float64Array[])[]) {
    if (v instanceof Float64Array) bytes += v.byteLength + 64
    else for (const a of v) bytes += a.byteLength + 64
  }
  return bytes
}

/**
 * Slot states by world, anchor and slot: 128 MB at most (about 320 slots, 53 minutes, at the
 * largest scale; a day's at the default one), and what no view asked for in 10 minutes goes.
 */
export const SLOT_STATE_BUDGET_BYTES = 128 * 1024 * 1024
const stateCache = new BoundedCache<string, SlotState>({ maxWeight: SLOT_STATE_BUDGET_BYTES, weigh: slotStateBytes, idleMs: WORLD_CACHE_IDLE_MS })

export function cachedSlotState(world: World, slot: number, inc: Incidents): SlotState {
  return stateCache.getOrCreate(`${world.scale}|${inc.anchor}|${slot}`, () => slotState(world, slot, inc))
}

/** What the slot-state cache holds now (for tests and the soak bench). */
export function slotStateCacheUse(): { entries: number; bytes: number } {
  return { entries: stateCache.size, bytes: stateCache.weight }
}

/** All sampled requests of one 10-second slot, for every entry. Deterministic. */
export function slotCandidates(world: World, slot: number, inc: Incidents): Candidate[] {
  const out: Candidate[] = []
  const state = cachedSlotState(world, slot, inc)
  const t0 = slot * SLOT_MS
  world.entries.forEach((entry, ei) => {
    const rps = entryRate(world.ops[entry], slot)
    const n = rps * (SLOT_MS / 1000)
    const head = headSampling(world, entry, rps)
    const headCode = rateCodeOf(head.rate)
    const headQ = rateOfCode(headCode)
    const errCode = rateCodeOf(errorInclusion(headQ))
    const rng = new Rng(hash32(ei, slot, 1))
    const make = (i: number, tag: number, mode: WorldSamplingMode, rateCode: number, forcedError: boolean, forcedSlow = false): Candidate => {
      const seed = hash32(ei, slot, i, tag) & 0xfffffff
      const key: TraceKey = {
        kind: 1,
        startMs: t0 + Math.floor(unit(seed, 3) * SLOT_MS),
        entry: ei,
        mode,
        dc: pickDc(world, entry, unit(seed, 4)),
        rateCode,
        seed,
        forcedError,
        forcedSlow,
        spanCount: 0,
      }
      return { key, errorRateCode: mode === 'dyed' ? 0 : errCode }
    }
    const heads = poisson(n * headQ, () => rng.next())
    for (let i = 0; i < heads; i++) out.push(make(i, 2, head.mode, headCode, false))
    const posts = poisson(n * state.anyErr[entry] * (1 - headQ) * POSTTRACE_CAPTURE, () => rng.next())
    for (let i = 0; i < posts; i++) out.push(make(i, 5, 'posttrace', errCode, true))
    const dyed = poisson(DYED_PER_SLOT, () => rng.next())
    for (let i = 0; i < dyed; i++) out.push(make(i, 7, 'dyed', 0, false))
    // PostTrace by latency: requests without a failure but with a call slower than its threshold
    const slow = poisson(n * (1 - state.anyErr[entry]) * state.anySlow[entry] * (1 - headQ) * POSTTRACE_CAPTURE, () => rng.next())
    for (let i = 0; i < slow; i++) out.push(make(i, 6, 'posttrace', errCode, false, true))
  })
  return out
}
