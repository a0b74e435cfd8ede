import type { TopologyResponse } from '../../src/api/schemas/topology'
import type { Health } from '../../src/domain/model'
import { dcShares } from './dimensions'
import { alertsIn, changesIn } from './events'
import { OUTAGE_DC, outagePartial, overlapsOutage } from './incidents'
import type { Incidents } from './incidents'
import { cachedSlotState } from './sampling'
import { attemptsPerCall, latencyQuantile, NET_US, SLOT_MS, slotOf } from './traffic'
import type { OpRec, World } from './world'

type NodeWire = TopologyResponse['nodes'][number]
type EdgeWire = TopologyResponse['edges'][number]
export type GroupBy = 'service' | 'method' | 'cluster' | 'dc'

/**
 * Window averages of one operation: rate (per s), rate of each of its calls (retries included),
 * error rate, latency percentiles (µs), peak rate over the last day.
 */
interface OpStats {
  rate: number
  callRates: number[]
  err: number
  p50: number
  p95: number
  p99: number
  usualP99: number
  peak: number
}

const DAY = 86_400_000

function sampleSlots(from: number, to: number, count: number): number[] {
  const s0 = slotOf(from)
  const n = Math.max(1, slotOf(to - 1) - s0 + 1)
  const k = Math.min(n, count)
  return Array.from({ length: k }, (_, j) => s0 + Math.floor(((j + 0.5) * n) / k))
}

function opStats(world: World, inc: Incidents, from: number, to: number): OpStats[] {
  const n = world.ops.length
  const stats: OpStats[] = world.ops.map((op) => ({ rate: 0, callRates: op.calls.map(() => 0), err: 0, p50: 0, p95: 0, p99: 0, usualP99: 0, peak: 0 }))
  const slots = sampleSlots(from, to, 24)
  for (const slot of slots) {
    const st = cachedSlotState(world, slot, inc)
    for (let i = 0; i < n; i++) {
      stats[i].rate += st.rate[i] / slots.length
      stats[i].err += (st.rate[i] * st.err[i]) / slots.length
      world.ops[i].calls.forEach((c, ci) => {
        stats[i].callRates[ci] += (st.rate[i] * attemptsPerCall(c, st.err)) / slots.length
      })
    }
  }
  for (const s of stats) s.err = s.rate > 0 ? Math.min(1, s.err / s.rate) : 0
  const latencySlots = sampleSlots(from, to, 4)
  for (const slot of latencySlots) {
    const ms = slot * SLOT_MS + SLOT_MS / 2
    const memos = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()]
    for (let i = 0; i < n; i++) {
      stats[i].p50 += latencyQuantile(world, i, 0.5, ms, inc, memos[0]) / latencySlots.length
      stats[i].p95 += latencyQuantile(world, i, 0.95, ms, inc, memos[1]) / latencySlots.length
      stats[i].p99 += latencyQuantile(world, i, 0.99, ms, inc, memos[2]) / latencySlots.length
      stats[i].usualP99 += latencyQuantile(world, i, 0.99, ms - DAY, inc, memos[3]) / latencySlots.length
    }
  }
  for (const slot of sampleSlots(to - DAY, to, 48)) {
    const st = cachedSlotState(world, slot, inc)
    for (let i = 0; i < n; i++) stats[i].peak = Math.max(stats[i].peak, st.rate[i])
  }
  return stats
}

interface Group {
  id: string
  label: string
  service: string
  layer: string
  method: string | null
  cluster: string | null
  dc: string | null
  share: number
}

function groupsOf(world: World, op: OpRec, groupBy: GroupBy): Group[] {
  const svc = world.services[op.service]
  const base = { service: svc.name, layer: svc.layer, method: null, cluster: null, dc: null }
  if (groupBy === 'service') return [{ ...base, id: svc.name, label: svc.name, share: 1 }]
  if (groupBy === 'method') return [{ ...base, id: `${svc.name}::${op.name}`, label: `${svc.name} ${op.name}`, method: op.name, share: 1 }]
  const dcs = dcShares(world, op)
  if (groupBy === 'dc') return dcs.map((d) => ({ ...base, id: `${svc.name}@${d.dc}`, label: `${svc.name} (${d.dc})`, dc: d.dc, share: d.share }))
  return svc.placements.map((pl) => ({
    ...base,
    id: `${svc.name}@${pl.cluster}`,
    label: `${svc.name} (${pl.cluster})`,
    cluster: pl.cluster,
    dc: pl.dc,
    share: (dcs.find((d) => d.dc === pl.dc)?.share ?? 0) * pl.share,
  }))
}

interface Acc {
  rate: number
  errs: number
  p50: number
  p95: number
  p99: number
  usual: number
  peak: number
}

export function buildTopology(world: World, inc: Incidents, q: { from: number; to: number; groupBy: GroupBy }): TopologyResponse {
  const stats = opStats(world, inc, q.from, q.to)
  const outage = overlapsOutage(inc, q.from, q.to)
  const nodes = new Map<string, Group & { acc: Acc }>()
  const edges = new Map<string, EdgeWire & { w: number }>()
  for (const op of world.ops) {
    const s = stats[op.idx]
    const mine = groupsOf(world, op, q.groupBy)
    for (const g of mine) {
      const node = nodes.get(g.id) ?? { ...g, acc: { rate: 0, errs: 0, p50: 0, p95: 0, p99: 0, usual: 0, peak: 0 } }
      nodes.set(g.id, node)
      const r = s.rate * g.share
      node.acc.rate += r
      node.acc.errs += r * s.err
      node.acc.p50 += r * s.p50
      node.acc.p95 += r * s.p95
      node.acc.p99 += r * s.p99
      node.acc.usual += r * s.usualP99
      node.acc.peak += s.peak * g.share
    }
    op.calls.forEach((c, ci) => {
      const callee = world.ops[c.to]
      const cs = stats[c.to]
      const theirs = groupsOf(world, callee, q.groupBy)
      for (const a of mine) {
        for (const b of theirs) {
          if (a.dc !== null && b.dc !== null && a.dc !== b.dc) continue
          const bShareInDc = q.groupBy === 'cluster' ? b.share / (dcShares(world, callee).find((d) => d.dc === b.dc)?.share ?? 1) : 1
          const r = s.callRates[ci] * a.share * bShareInDc
          const id = `${a.id}->${b.id}`
          const e = edges.get(id) ?? { id, source: a.id, target: b.id, protocol: world.services[callee.service].protocol, rps: 0, errorRate: 0, p50: 0, p99: 0, w: 0 }
          edges.set(id, e)
          const net = callee.kind === 'server' ? NET_US : 0
          e.rps += r
          e.errorRate += r * cs.err
          e.p50 += r * (cs.p50 + net)
          e.p99 += r * (cs.p99 + net)
          e.w += r
        }
      }
    })
  }
  const alerts = alertsIn(inc, q.from, q.to)
  const changes = changesIn(world, inc, q.from, q.to)
  const nodeList: NodeWire[] = [...nodes.values()].map((n) => {
    const a = n.acc
    const div = (x: number): number => (a.rate > 0 ? x / a.rate : 0)
    const errorRate = Math.min(1, div(a.errs))
    const myAlerts = alerts.filter((al) => al.service === n.service)
    const unknown = outage && n.dc === OUTAGE_DC
    let health: Health = 'ok'
    if (unknown) health = 'unknown'
    else if (errorRate >= 0.05 || myAlerts.some((al) => al.severity === 'critical')) health = 'critical'
    else if (errorRate >= 0.01 || div(a.p99) > 3 * div(a.usual)) health = 'warning'
    return {
      id: n.id,
      label: n.label,
      service: n.service,
      layer: n.layer,
      method: n.method,
      cluster: n.cluster,
      dc: n.dc,
      rps: a.rate,
      errorRate,
      p50: div(a.p50),
      p95: div(a.p95),
      p99: div(a.p99),
      peakRps: Math.max(a.peak, a.rate),
      health,
      alerts: myAlerts.length,
      changes: changes.filter((c) => c.service === n.service).length,
    }
  })
  const edgeList: EdgeWire[] = [...edges.values()].map(({ w, ...e }) => ({
    ...e,
    errorRate: w > 0 ? Math.min(1, e.errorRate / w) : 0,
    p50: w > 0 ? e.p50 / w : 0,
    p99: w > 0 ? e.p99 / w : 0,
  }))
  return { nodes: nodeList, edges: edgeList, from: q.from, to: q.to, partial: outage ? outagePartial(inc) : null }
}

/** Keeps the focus (a node id, or every node of a service) and its neighbours up to `up` callers and `down` callees hops. */
export function focusTopology(t: TopologyResponse, focus: string, up: number, down: number): TopologyResponse | null {
  const start = t.nodes.filter((n) => n.id === focus || n.service === focus).map((n) => n.id)
  if (start.length === 0) return null
  const keep = new Set(start)
  const walk = (hops: number, next: (id: string) => string[]): void => {
    let frontier = start
    for (let h = 0; h < hops; h++) {
      const nxt: string[] = []
      for (const id of frontier) for (const m of next(id)) {
          if (keep.has(m)) continue
          keep.add(m)
          nxt.push(m)
        }
      frontier = nxt
    }
  }
  const outs = new Map<string, string[]>()
  const ins = new Map<string, string[]>()
  for (const e of t.edges) {
    outs.set(e.source, [...(outs.get(e.source) ?? []), e.target])
    ins.set(e.target, [...(ins.get(e.target) ?? []), e.source])
  }
  walk(up, (id) => ins.get(id) ?? [])
  walk(down, (id) => outs.get(id) ?? [])
  return { ...t, nodes: t.nodes.filter((n) => keep.has(n.id)), edges: t.edges.filter((e) => keep.has(e.source) && keep.has(e.target)) }
}
