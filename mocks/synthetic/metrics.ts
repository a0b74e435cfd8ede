import type { MetricResponse } from '../../src/api/schemas/metrics'
import { histogramQuantile } from '../../src/domain/metrics/histogram'
import type { MetricName } from '../../src/domain/model'
import { sharesOf } from './dimensions'
import type { MetricLabel } from './dimensions'
import { OUTAGE_DC, outagePartial, overlapsOutage } from './incidents'
import type { Incidents } from './incidents'
import { CallMix, NORMAL, SPIKE } from './latency'
import { cachedSlotState } from './sampling'
import { meanMqLag, meanSizes, SLOT_MS, slotOf, spikeAt } from './traffic'
import type { SlotState } from './traffic'
import type { OpRec, World } from './world'

/**
 * Metric range queries computed from the traffic model (never from sampled traces).
 * A point at time t summarises the bucket [t, t + step). request_rate is per second, error_rate a
 * ratio 0..1, send_size/recv_size mean bytes per call, mq_lag mean ms (these read up to 20 slots
 * per step). latency_* (µs) are quantiles of the step's merged latency histogram (every slot).
 */
export interface MetricQueryInput {
  metric: MetricName
  ops: OpRec[]
  /** label the series keep for the operation when one is selected */
  operation: string | null
  filters: { key: MetricLabel; value: string }[]
  groupBy: MetricLabel | null
  from: number
  to: number
  step: number
  /** points start at `from` instead of a multiple of the step (a one-step query over the whole window) */
  alignToFrom?: boolean
}

const NICE_STEPS = [10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000]
export const defaultStep = (from: number, to: number): number => NICE_STEPS.find((s) => (to - from) / s <= 300) ?? 86_400_000
export const MAX_POINTS = 11_000
const SAMPLES_PER_POINT = 20

/** Labels whose groups lie in one DC (a silent DC's groups are marked missing). */
const DC_BOUND = new Set<MetricLabel>(['DC', 'Cluster', 'PodName'])

const QUANTILE: Partial<Record<MetricName, number>> = { latency_p50: 0.5, latency_p95: 0.95, latency_p99: 0.99 }

interface Acc {
  calls: number
  errors: number
  weighted: number
  weight: number
  missing: boolean
}

function isMq(op: OpRec): boolean {
  return op.kind === 'producer' || op.kind === 'consumer'
}

function mqLagOf(world: World, op: OpRec): number {
  if (op.kind === 'producer') return meanMqLag(op)
  const producer = op.callers[0] ? world.ops[op.callers[0].from] : op
  return meanMqLag(producer)
}

interface Part {
  value: string
  /** share of the operation's calls in this series (outage and filters applied) */
  share: number
  errorRate: number | null
  missing: boolean
}

/** How one operation's calls in a slot split over the query's series, or null when a filter excludes it. */
function seriesParts(world: World, inc: Incidents, q: MetricQueryInput, op: OpRec, st: SlotState, ms: number, outage: boolean): { parts: Part[]; err: number } | null {
  let share = 1
  let err = st.err[op.idx]
  let ownErr = true
  for (const f of q.filters) {
    const hit = sharesOf(world, op, f.key, st, ms, inc, outage).find((s) => s.value === f.value)
    if (!hit || hit.missing) return null
    share *= hit.share
    if (hit.errorRate !== null) {
      err = hit.errorRate
      ownErr = false
    }
  }
  const groups = q.groupBy ? sharesOf(world, op, q.groupBy, st, ms, inc, outage) : [{ value: '', share: 1, errorRate: null, missing: false }]
  // A silent DC's calls are left out: by the DC-bound groups and filters themselves (missing),
  // else here, its failures with them.
  const dcBound = (q.groupBy !== null && DC_BOUND.has(q.groupBy)) || q.filters.some((f) => DC_BOUND.has(f.key))
  const west = outage && !dcBound ? sharesOf(world, op, 'DC', st, ms, inc, false).find((d) => d.value === OUTAGE_DC) : undefined
  const westShare = west?.share ?? 0
  if (west && ownErr && westShare < 1) err = Math.max(0, (err - westShare * (west.errorRate ?? err)) / (1 - westShare))
  return { parts: groups.map((g) => ({ value: g.value, share: share * g.share * (1 - westShare), errorRate: g.errorRate, missing: g.missing })), err }
}

/** Values of every series in the step [t, t + step): null for a series whose data is missing. */
type StepValues = Map<string, number | null>

function averagedStep(world: World, inc: Incidents, q: MetricQueryInput, ops: OpRec[], t: number): StepValues {
  const accs = new Map<string, Acc>()
  const s0 = slotOf(t)
  const n = slotOf(t + q.step - 1) - s0 + 1
  const samples = Math.min(n, SAMPLES_PER_POINT)
  for (let j = 0; j < samples; j++) {
    const slot = s0 + Math.floor(((j + 0.5) * n) / samples)
    const ms = slot * SLOT_MS + SLOT_MS / 2
    const st = cachedSlotState(world, slot, inc)
    const outage = ms >= inc.outageFrom && ms < inc.outageTo
    for (const op of ops) {
      const split = seriesParts(world, inc, q, op, st, ms, outage)
      if (!split) continue
      let value = 0
      if (q.metric === 'send_size') value = meanSizes(op).send
      else if (q.metric === 'recv_size') value = meanSizes(op).recv
      else if (q.metric === 'mq_lag') value = mqLagOf(world, op)
      for (const g of split.parts) {
        const acc = accs.get(g.value) ?? { calls: 0, errors: 0, weighted: 0, weight: 0, missing: true }
        accs.set(g.value, acc)
        if (g.missing) continue
        acc.missing = false
        const r = st.rate[op.idx] * g.share
        acc.calls += r
        acc.errors += r * (g.errorRate ?? split.err)
        acc.weighted += r * value
        acc.weight += r
      }
    }
  }
  const out: StepValues = new Map()
  for (const [value, acc] of accs) {
    let v: number | null
    if (acc.missing) v = null
    else if (q.metric === 'request_rate') v = acc.calls / samples
    else if (q.metric === 'error_rate') v = acc.calls > 0 ? Math.min(1, acc.errors / acc.calls) : null
    else v = acc.weight > 0 ? acc.weighted / acc.weight : null
    out.set(value, v)
  }
  return out
}

/**
 * A latency percentile over the step: the latency histograms of every 10-second slot in the step
 * (each operation's per-call distribution in that slot's state, weighted by the slot's calls in
 * the series) merged, then the quantile taken from the merged histogram.
 */
function latencyStep(world: World, inc: Incidents, q: MetricQueryInput, ops: OpRec[], t: number, quantile: number): StepValues {
  const calls = new Map<string, { missing: boolean; mix: CallMix }>()
  const s0 = slotOf(t)
  const s1 = slotOf(t + q.step - 1)
  for (let slot = s0; slot <= s1; slot++) {
    const ms = slot * SLOT_MS + SLOT_MS / 2
    const st = cachedSlotState(world, slot, inc)
    const outage = ms >= inc.outageFrom && ms < inc.outageTo
    const state = spikeAt(ms, inc) ? SPIKE : NORMAL
    for (const op of ops) {
      const split = seriesParts(world, inc, q, op, st, ms, outage)
      if (!split) continue
      for (const g of split.parts) {
        const acc = calls.get(g.value) ?? { missing: true, mix: new CallMix(world, 'span') }
        calls.set(g.value, acc)
        if (g.missing) continue
        acc.missing = false
        acc.mix.add(op.idx, state, st.rate[op.idx] * g.share * (SLOT_MS / 1000))
      }
    }
  }
  const out: StepValues = new Map()
  for (const [value, acc] of calls) {
    out.set(value, acc.missing ? null : histogramQuantile(acc.mix.histogram(), quantile))
  }
  return out
}

export function queryMetric(world: World, inc: Incidents, q: MetricQueryInput): MetricResponse {
  const quantile = QUANTILE[q.metric]
  const series = new Map<string, { labels: Record<string, string>; points: [number, number | null][] }>()
  const ops = q.metric === 'mq_lag' ? q.ops.filter(isMq) : q.ops
  const first = q.alignToFrom ? q.from : Math.floor(q.from / q.step) * q.step
  const service = q.ops[0]?.serviceName ?? ''
  for (let t = first, k = 0; t < q.to; t += q.step, k++) {
    const values = quantile === undefined ? averagedStep(world, inc, q, ops, t) : latencyStep(world, inc, q, ops, t, quantile)
    for (const [value, v] of values) {
      let s = series.get(value)
      if (!s) {
        const labels: Record<string, string> = { service }
        if (q.operation !== null) labels.operation = q.operation
        if (q.groupBy) labels[q.groupBy] = value
        s = { labels, points: [] }
        for (let j = 0; j < k; j++) s.points.push([first + j * q.step, null])
        series.set(value, s)
      }
      s.points.push([t, v])
    }
    // Every series has one point per step: a group absent from this bucket gets null.
    for (const s of series.values()) if (s.points.length < k + 1) s.points.push([t, null])
  }
  return { metric: q.metric, step: q.step, series: [...series.values()], partial: overlapsOutage(inc, q.from, q.to) ? outagePartial(inc) : null }
}
