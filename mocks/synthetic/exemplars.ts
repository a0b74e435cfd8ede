import type { ExemplarsResponse } from '../../src/api/schemas/metrics'
import type { MetricLabel } from './dimensions'
import { OUTAGE_DC, outagePartial, overlapsOutage } from './incidents'
import type { Incidents } from './incidents'
import { slotRows } from './search'
import { durationOf, resourceOf, spanIdOf } from './spans'
import { generateFromKey } from './trace'
import type { GenSpan } from './trace-gen'
import { SLOT_MS, slotOf } from './traffic'
import type { OpRec, World } from './world'

type ExemplarWire = ExemplarsResponse['exemplars'][number]

/**
 * Exemplars: spans of the asked service/operation found in traces the search really returns.
 * The window is cut into buckets; each bucket contributes its slowest span, its first failing span
 * and one ordinary span, so a spike is represented by requests from inside it.
 */
export const EXEMPLAR_BUCKETS = 60
const TRACES_PER_BUCKET = 24
const SLOTS_PER_BUCKET = 2

/** True when `s` stands for `op`: its server/consumer span, or the client span calling a storage/MQ op. */
export function spanStandsFor(s: GenSpan, op: OpRec): boolean {
  if (s.op !== op.idx) return false
  if (op.kind === 'client' || op.kind === 'producer') return s.kind === op.kind
  return s.kind === 'server' || s.kind === 'consumer'
}

export function findExemplars(world: World, inc: Incidents, q: { ops: OpRec[]; filters: { key: MetricLabel; value: string }[]; from: number; to: number }): ExemplarsResponse {
  const opSet = new Set(q.ops.map((o) => o.idx))
  const reachable = (entryIndex: number): boolean => q.ops.some((o) => (world.entryMult[entryIndex]?.[o.idx] ?? 0) > 0)
  const out: ExemplarWire[] = []
  const span = Math.max(q.to - q.from, SLOT_MS)
  const bucketMs = Math.max(SLOT_MS, Math.ceil(span / EXEMPLAR_BUCKETS / SLOT_MS) * SLOT_MS)
  for (let b0 = Math.floor(q.from / bucketMs) * bucketMs; b0 < q.to; b0 += bucketMs) {
    const found: { s: GenSpan; row: { id: string; seed: number }; all: GenSpan[] }[] = []
    let examined = 0
    const slots = Math.max(1, bucketMs / SLOT_MS)
    const stride = Math.max(1, Math.floor(slots / SLOTS_PER_BUCKET))
    for (let k = 0; k < slots && examined < TRACES_PER_BUCKET; k += stride) {
      const slot = slotOf(b0) + k
      for (const row of slotRows(world, slot, inc)) {
        if (row.key.startMs < q.from || row.key.startMs >= q.to) continue
        if (row.dc === OUTAGE_DC && row.key.startMs >= inc.outageFrom && row.key.startMs < inc.outageTo) continue
        if (!q.ops.some((o) => row.ops.has(o.idx)) || !reachable(row.key.entry)) continue
        examined++
        const gen = generateFromKey(world, inc, row.key)
        if (!gen) continue
        for (const s of gen.kept) {
          if (!opSet.has(s.op) || !q.ops.some((o) => spanStandsFor(s, o))) continue
          const res = resourceOf(world, s, inc)
          if (!q.filters.every((f) => matchFilter(world, s, res, f))) continue
          found.push({ s, row: { id: row.id, seed: row.key.seed }, all: gen.all })
        }
      }
    }
    if (found.length === 0) continue
    const picks = new Set<(typeof found)[number]>()
    picks.add(found.reduce((a, b) => (b.s.dur > a.s.dur ? b : a)))
    const failing = found.find((f) => f.s.error)
    if (failing) picks.add(failing)
    picks.add(found[Math.floor(found.length / 2)])
    for (const p of picks) {
      const op = world.ops[p.s.op]
      const res = resourceOf(world, p.s, inc)
      out.push({
        time: Math.floor(p.s.start / 1000),
        traceId: p.row.id,
        spanId: spanIdOf(p.row.seed, p.s.idx),
        service: op.serviceName,
        operation: op.name,
        latency: durationOf(p.s),
        isError: p.s.error,
        labels: { DC: res.DC, Cluster: res.Cluster, PodName: res.PodName, StatusCode: String(p.s.code), IsError: p.s.error ? '1' : '0' },
      })
    }
  }
  return { exemplars: out, partial: overlapsOutage(inc, q.from, q.to) ? outagePartial(inc) : null }
}

export function matchFilter(world: World, s: GenSpan, res: Record<string, string>, f: { key: MetricLabel; value: string }): boolean {
  switch (f.key) {
    case 'StatusCode':
      return String(s.code) === f.value
    case 'IsError':
      return (s.error ? '1' : '0') === f.value
    case 'operation':
      return world.ops[s.op].name === f.value
    case 'FromService':
      return (s.caller >= 0 ? world.ops[s.caller].serviceName : 'internet') === f.value
    default:
      return res[f.key] === f.value
  }
}
