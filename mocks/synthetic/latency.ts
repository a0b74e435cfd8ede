import { bucketUpper, LATENCY_SCHEMA } from '../../src/domain/metrics/histogram'
import type { Histogram } from '../../src/domain/metrics/histogram'
import { BoundedCache } from './bounded-cache'
import { SPIKE_SERVICE } from './incidents'
import { RETRY_BACKOFF_US } from './trace-gen'
import type { Incidents } from './incidents'
import { attemptsPerCall, entryRate, NET_US, ownLatencyIn, SLOT_MS, slotErr, slotOf, spikeAt } from './traffic'
import type { CompiledCall, OpRec, World } from './world'

/**
 * The world's latency distributions as exponential-bucket histograms (schema 4), derived from the
 * rules the traces are drawn by (trace-gen.ts): a client or producer span of a storage / MQ
 * operation lasts its own latency; a server or consumer span lasts its own latency plus its steps,
 * one after the other. A sequential step is `whole` calls (plus one more with probability `frac`)
 * one after the other; a concurrent fan-out lasts as long as the slowest of all its calls. A call
 * lasts NET_US + the callee's server span (or the callee's own latency for storage / MQ callees);
 * a retried call that failed (with the callee's usual failure probability) adds a backoff and a
 * second attempt. Consumers run asynchronously and do not add to their producer's time.
 *
 * Own latencies come from the operation's quantile function (evaluated at the bucket boundaries by
 * bisection); sums of independent durations are convolutions, the slowest of a fan-out the product
 * of CDFs. Each bucket keeps its mass and the mean of the values in it, so repeated convolution does
 * not drift. There are two states: normal, and during incident B (mysql-orders slow); both are
 * computed once per world and cached. A distribution is per call (masses sum to 1); windows weight
 * it by call counts.
 */
export type LatencyState = 0 | 1
export const NORMAL: LatencyState = 0
export const SPIKE: LatencyState = 1

const ZERO: Dist = { zero: 1, offset: 0, mass: new Float64Array(0), mean: new Float64Array(0) }

export interface Dist {
  /** probability of a zero duration (only for "no call made" in a call-count mixture) */
  zero: number
  offset: number
  mass: Float64Array
  /** mean value of the bucket's mass (µs) */
  mean: Float64Array
}

const SCHEMA = LATENCY_SCHEMA
const SCALE = 2 ** SCHEMA
const BASE = 2 ** (1 / SCALE)
const TAIL = 1e-6
const PRUNE = 1e-11

/** Bucket index of v > 0 for internal bookkeeping (a value on a boundary may land either side; the bucket mean stays exact). */
const idx = (v: number): number => Math.ceil(Math.log2(v) * SCALE)

/** Collects (value, mass) points into buckets over a known index range. */
class Builder {
  readonly mass: Float64Array
  readonly sum: Float64Array
  constructor(readonly lo: number, hi: number) {
    this.mass = new Float64Array(hi - lo + 1)
    this.sum = new Float64Array(hi - lo + 1)
  }

  static spanning(minV: number, maxV: number): Builder {
    return new Builder(idx(minV) - 1, idx(maxV) + 1)
  }

  add(v: number, m: number): void {
    this.addAt(idx(v), v, m)
  }

  /** Adds mass m at value v, known to lie in bucket i. */
  addAt(i: number, v: number, m: number): void {
    const k = i - this.lo
    this.mass[k] += m
    this.sum[k] += m * v
  }

  build(zero: number): Dist {
    let a = 0
    let b = this.mass.length - 1
    while (a <= b && this.mass[a] <= PRUNE) a++
    while (b >= a && this.mass[b] <= PRUNE) b--
    if (a > b) return { zero, offset: 0, mass: new Float64Array(0), mean: new Float64Array(0) }
    const mass = this.mass.slice(a, b + 1)
    const mean = new Float64Array(mass.length)
    for (let k = 0; k < mass.length; k++) mean[k] = mass[k] > 0 ? this.sum[a + k] / mass[k] : 0
    return { zero, offset: this.lo + a, mass, mean }
  }
}

const minOf = (d: Dist): number => (d.mass.length ? d.mean[0] : Infinity)
const maxOf = (d: Dist): number => (d.mass.length ? d.mean[d.mass.length - 1] : 0)

/** Shared own-latency distributions: at most two per operation (with and without the spike), capped at 5,000. */
const ownMemo = new BoundedCache<string, Dist>({ maxWeight: 5000 })

/**
 * Own latency distribution of an operation: its quantile function inverted at every bucket boundary.
 * Operations whose quantile functions agree (same values at a few probe points) share one.
 */
export function ownDist(op: OpRec, spike: boolean): Dist {
  const key = [1e-4, 0.1, 0.5, 0.9, 0.99, 0.9999].map((u) => ownLatencyIn(op, u, spike)).join('|')
  let d = ownMemo.get(key)
  if (!d) {
    d = invertOwn(op, spike)
    ownMemo.set(key, d)
  }
  return d
}

function invertOwn(op: OpRec, spike: boolean): Dist {
  const q = (u: number): number => ownLatencyIn(op, u, spike)
  let low = TAIL
  const cdf = (v: number): number => {
    let a = low
    let b = 1 - TAIL
    if (q(a) >= v) return a
    if (q(b) <= v) return b
    for (let it = 0; it < 44; it++) {
      const m = (a + b) / 2
      if (q(m) <= v) a = m
      else b = m
    }
    low = a
    return (a + b) / 2
  }
  const out = Builder.spanning(q(TAIL), q(1 - TAIL))
  const lo = idx(q(TAIL))
  const hi = idx(q(1 - TAIL))
  let prev = 0
  for (let i = lo; i <= hi; i++) {
    const f = i === hi ? 1 : cdf(bucketUpper(i, SCHEMA))
    const m = f - prev
    if (m > 0) out.add(q(Math.min(Math.max((prev + f) / 2, TAIL), 1 - TAIL)), m)
    prev = f
  }
  return out.build(0)
}

/** Distribution of X + Y for independent X, Y. */
export function convolve(a: Dist, b: Dist): Dist {
  const lo = Math.min(minOf(a) + minOf(b), a.zero > 0 ? minOf(b) : Infinity, b.zero > 0 ? minOf(a) : Infinity)
  if (lo === Infinity) return ZERO
  const out = Builder.spanning(lo, maxOf(a) + maxOf(b))
  for (let i = 0; i < a.mass.length; i++) {
    const ma = a.mass[i]
    if (ma === 0) continue
    const va = a.mean[i]
    if (b.zero > 0) out.add(va, ma * b.zero)
    // b's means increase with j, so the output bucket only moves up: walk it instead of taking a log per pair
    let k = -1
    let upper = 0
    for (let j = 0; j < b.mass.length; j++) {
      const m = ma * b.mass[j]
      if (m <= PRUNE) continue
      const v = va + b.mean[j]
      if (k < 0) {
        k = idx(v)
        upper = 2 ** (k / SCALE)
      }
      while (v > upper) {
        k++
        upper *= BASE
      }
      out.addAt(k, v, m)
    }
  }
  if (a.zero > 0) for (let j = 0; j < b.mass.length; j++) if (b.mass[j] > 0) out.add(b.mean[j], a.zero * b.mass[j])
  return out.build(a.zero * b.zero)
}

/** Distribution of X + c for a constant c > 0 (the network time of a call). */
function shift(a: Dist, c: number): Dist {
  const out = Builder.spanning(minOf(a) + c, maxOf(a) + c)
  for (let i = 0; i < a.mass.length; i++) if (a.mass[i] > 0) out.add(a.mean[i] + c, a.mass[i])
  return out.build(a.zero)
}

function mixture(parts: [number, Dist][]): Dist {
  const out = Builder.spanning(Math.min(...parts.map(([, d]) => minOf(d))), Math.max(...parts.map(([, d]) => maxOf(d))))
  let zero = 0
  for (const [w, d] of parts) {
    zero += w * d.zero
    for (let i = 0; i < d.mass.length; i++) if (d.mass[i] > 0) out.add(d.mean[i], w * d.mass[i])
  }
  return out.build(zero)
}


/** Distribution of the slowest of independent calls: each part is a call made `whole` times plus once more with probability `frac`. */
function slowest(parts: [Dist, number, number][]): Dist {
  const live = parts.filter(([d]) => d.mass.length > 0)
  if (live.length === 0) return ZERO
  const lo = Math.min(...live.map(([d]) => d.offset))
  const hi = Math.max(...live.map(([d]) => d.offset + d.mass.length - 1))
  const len = hi - lo + 1
  const g = (whole: number, frac: number, f: number): number => f ** whole * (1 - frac + frac * f)
  // CDF of each part's slowest call at every bucket's upper boundary, and at 0
  const cdfs = live.map(([d, whole, frac]) => {
    const out = new Float64Array(len)
    let f = d.zero
    for (let k = 0; k < len; k++) {
      const i = lo + k - d.offset
      if (i >= 0 && i < d.mass.length) f += d.mass[i]
      out[k] = g(whole, frac, Math.min(f, 1))
    }
    return { at0: g(whole, frac, d.zero), out }
  })
  const zero = cdfs.reduce((p, c) => p * c.at0, 1)
  const out = new Builder(lo, hi)
  let prev = zero
  for (let k = 0; k < len; k++) {
    let all = 1
    for (const c of cdfs) all *= c.out[k]
    const m = all - prev
    prev = all
    if (m <= 0) continue
    // where in the bucket: the means of the parts that have mass here, by how much each raised the CDF
    let w = 0
    let wv = 0
    live.forEach(([d], j) => {
      const i = lo + k - d.offset
      const before = k > 0 ? cdfs[j].out[k - 1] : cdfs[j].at0
      const rise = cdfs[j].out[k] - before
      if (i >= 0 && i < d.mass.length && rise > 0) {
        w += rise
        wv += rise * d.mean[i]
      }
    })
    out.add(w > 0 ? wv / w : 2 ** ((lo + k - 0.5) / SCALE), m)
  }
  return out.build(zero)
}

/** The backoff before a retry: uniform in [RETRY_BACKOFF_US, 2 × RETRY_BACKOFF_US). */
const backoff = (): Dist => {
  const out = Builder.spanning(RETRY_BACKOFF_US, 2 * RETRY_BACKOFF_US)
  const n = 64
  for (let k = 0; k < n; k++) out.add(RETRY_BACKOFF_US * (1 + (k + 0.5) / n), 1 / n)
  return out.build(0)
}

/** Sum of `whole` calls plus one more with probability `frac`. */
function repeated(y: Dist, whole: number, frac: number): Dist {
  let sum = ZERO
  for (let k = 0; k < whole; k++) sum = convolve(sum, y)
  if (frac <= 0) return sum
  return mixture([[1 - frac, sum], [frac, convolve(sum, y)]])
}

interface WorldDists {
  span: (Dist | undefined)[][]
  call: (Dist | undefined)[][]
  slowed: boolean[]
  /** usual failure probability of one call of each operation (retries of failed calls) */
  usualErr: Float64Array
  perEntry: Float64Array[]
  backoff: Dist
}

const cache = new WeakMap<World, WorldDists>()

/** No incident at any time: the usual state of the world. */
const QUIET: Incidents = { anchor: 0, deployA: Infinity, spikeFrom: Infinity, spikeTo: -Infinity, outageFrom: Infinity, outageTo: -Infinity }

/** Failure probability of one call of each operation, averaged over an hour without incidents (one slot every 5 minutes). */
function usualErrors(world: World): Float64Array {
  const out = new Float64Array(world.ops.length)
  const samples = 12
  for (let m = 0; m < samples; m++) {
    const err = slotErr(world, m * 30, QUIET)
    for (let i = 0; i < out.length; i++) out[i] += err[i] / samples
  }
  return out
}

/** Expected spans of every operation per request of each entry, retries included (at the usual failure probabilities). */
function spansPerEntry(world: World, usualErr: Float64Array): Float64Array[] {
  return world.entries.map((e) => {
    const m = new Float64Array(world.ops.length)
    m[e] = 1
    for (let k = world.order.length - 1; k >= 0; k--) {
      const i = world.order[k]
      if (m[i] === 0) continue
      for (const c of world.ops[i].calls) m[c.to] += m[i] * attemptsPerCall(c, usualErr)
    }
    return m
  })
}

function distsOf(world: World): WorldDists {
  let d = cache.get(world)
  if (!d) {
    const slowed = new Array<boolean>(world.ops.length).fill(false)
    for (const i of world.order) {
      const op = world.ops[i]
      slowed[i] = op.serviceName === SPIKE_SERVICE || (isSync(op) && op.calls.some((c) => syncCallee(world, c.to) && slowed[c.to]))
    }
    const usualErr = usualErrors(world)
    d = { span: [[], []], call: [[], []], slowed, usualErr, perEntry: spansPerEntry(world, usualErr), backoff: backoff() }
    cache.set(world, d)
  }
  return d
}

const isSync = (op: OpRec): boolean => op.kind === 'server' || op.kind === 'consumer'
/** Whether a call to this operation adds to the caller's duration (consumers run asynchronously). */
const syncCallee = (world: World, to: number): boolean => world.ops[to].kind !== 'consumer'

/** One call as its caller waits for it: an attempt, and for a retried call that failed, the backoff and a second attempt. */
function callWithRetry(world: World, c: CompiledCall, s: LatencyState): Dist {
  const once = callDist(world, c.to, s)
  if (!c.retry) return once
  const d = distsOf(world)
  const e = d.usualErr[c.to]
  if (!(e > 0)) return once
  return mixture([[1 - e, once], [e, convolve(convolve(once, d.backoff), once)]])
}

/** Duration distribution of the span that stands for an operation (its server span, or the client span of a storage / MQ call). */
export function spanDist(world: World, opIdx: number, state: LatencyState): Dist {
  const d = distsOf(world)
  const s = state === SPIKE && d.slowed[opIdx] ? SPIKE : NORMAL
  const hit = d.span[s][opIdx]
  if (hit) return hit
  const op = world.ops[opIdx]
  let dist = ownDist(op, s === SPIKE)
  if (isSync(op)) {
    for (const step of op.steps) {
      const calls = step.filter((c) => syncCallee(world, c.to))
      if (calls.length === 0) continue
      if (!calls[0].parallel) dist = convolve(dist, repeated(callWithRetry(world, calls[0], s), calls[0].whole, calls[0].frac))
      else dist = convolve(dist, slowest(calls.map((c) => [callWithRetry(world, c, s), c.whole, c.frac])))
    }
  }
  d.span[s][opIdx] = dist
  return dist
}

/** Duration distribution of the caller's client span of one call to an operation (the edge's latency). */
export function callDist(world: World, opIdx: number, state: LatencyState): Dist {
  const d = distsOf(world)
  const s = state === SPIKE && d.slowed[opIdx] ? SPIKE : NORMAL
  const hit = d.call[s][opIdx]
  if (hit) return hit
  const op = world.ops[opIdx]
  const dist = isSync(op) ? shift(spanDist(world, opIdx, s), NET_US) : spanDist(world, opIdx, s)
  d.call[s][opIdx] = dist
  return dist
}

/**
 * Calls of one series (a node, an edge, a metric step) by operation and latency state; merged into a
 * single histogram of expected call counts at the end (the per-call distributions weighted by calls).
 */
export class CallMix {
  private readonly calls = new Map<number, number>()
  /** 'span': the operation's own span; 'call': the caller's client span of a call to it (edges) */
  constructor(private readonly world: World, private readonly of: 'span' | 'call') {}

  add(opIdx: number, state: LatencyState, calls: number): void {
    if (!(calls > 0)) return
    const key = opIdx * 2 + state
    this.calls.set(key, (this.calls.get(key) ?? 0) + calls)
  }

  histogram(): Histogram {
    const parts: [Dist, number][] = []
    for (const [key, n] of this.calls) {
      const state = (key & 1) as LatencyState
      parts.push([this.of === 'span' ? spanDist(this.world, key >> 1, state) : callDist(this.world, key >> 1, state), n])
    }
    const withMass = parts.filter(([d]) => d.mass.length > 0)
    if (withMass.length === 0) return { schema: SCHEMA, offset: 0, counts: [] }
    const lo = Math.min(...withMass.map(([d]) => d.offset))
    const hi = Math.max(...withMass.map(([d]) => d.offset + d.mass.length - 1))
    const counts = new Array<number>(hi - lo + 1).fill(0)
    for (const [d, n] of withMass) for (let i = 0; i < d.mass.length; i++) counts[d.offset - lo + i] += d.mass[i] * n
    return { schema: SCHEMA, offset: lo, counts }
  }
}

/** Calls in a window by latency state: spans of every operation, and attempts of every call of every operation. */
export interface WindowCalls {
  spans: [Float64Array, Float64Array]
  attempts: [Float64Array[], Float64Array[]]
}

/**
 * Calls of every operation in [from, to) in each latency state (normal, incident B): every entry's
 * requests integrated slot by 10-second slot over the whole window, times the spans each request
 * makes of every operation (retries at the usual failure probabilities, as in the distributions).
 */
export function windowCalls(world: World, inc: Incidents, from: number, to: number): WindowCalls {
  const d = distsOf(world)
  const n = world.ops.length
  const requests = world.entries.map(() => [0, 0])
  for (let slot = slotOf(from); slot <= slotOf(to - 1); slot++) {
    const seconds = (Math.min(to, (slot + 1) * SLOT_MS) - Math.max(from, slot * SLOT_MS)) / 1000
    if (seconds <= 0) continue
    const state = spikeAt(slot * SLOT_MS + SLOT_MS / 2, inc) ? SPIKE : NORMAL
    world.entries.forEach((e, i) => {
      requests[i][state] += entryRate(world.ops[e], slot) * seconds
    })
  }
  const out: WindowCalls = { spans: [new Float64Array(n), new Float64Array(n)], attempts: [[], []] }
  for (const s of [NORMAL, SPIKE]) {
    const spans = out.spans[s]
    d.perEntry.forEach((m, i) => {
      const r = requests[i][s]
      if (r > 0) for (let k = 0; k < n; k++) spans[k] += m[k] * r
    })
    out.attempts[s] = world.ops.map((op) => Float64Array.from(op.calls, (c) => spans[op.idx] * attemptsPerCall(c, d.usualErr)))
  }
  return out
}
