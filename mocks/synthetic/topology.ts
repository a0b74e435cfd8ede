import type { TopologyResponse } from '../../src/api/schemas/topology'
import type { Health } from '../../src/domain/model'
import { dcShares } from './dimensions'
import { alertsIn, changesIn } from './events'
import { outagePartial, overlapsOutage } from './incidents'
import type { Incidents } from './incidents'
import { observeWindow, peakRates } from './topology-traffic'
import type { Contribution, ErrorOf, Observed, Part } from './topology-traffic'
import { latencyQuantile, NET_US, placementErr, SLOT_MS, slotOf } from './traffic'
import { DCS } from './world-catalog'
import type { OpRec, World } from './world'

type NodeWire = TopologyResponse['nodes'][number]
type EdgeWire = TopologyResponse['edges'][number]
export type GroupBy = 'service' | 'method' | 'cluster' | 'dc'

/** Window averages of one operation's latency percentiles (µs), and its p99 a day earlier. */
interface OpStats {
  p50: number
  p95: number
  p99: number
  usualP99: number
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
  const stats: OpStats[] = Array.from({ length: n }, () => ({ p50: 0, p95: 0, p99: 0, usualP99: 0 }))
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
  /** placement index in the service (cluster grouping) */
  placement: number | null
  share: number
}

function groupsOf(world: World, op: OpRec, groupBy: GroupBy): Group[] {
  const svc = world.services[op.service]
  const base = { service: svc.name, layer: svc.layer, method: null, cluster: null, dc: null, placement: null }
  if (groupBy === 'service') return [{ ...base, id: svc.name, label: svc.name, share: 1 }]
  if (groupBy === 'method') return [{ ...base, id: `${svc.name}::${op.name}`, label: `${svc.name} ${op.name}`, method: op.name, share: 1 }]
  const dcs = dcShares(world, op)
  if (groupBy === 'dc') return dcs.map((d) => ({ ...base, id: `${svc.name}@${d.dc}`, label: `${svc.name} (${d.dc})`, dc: d.dc, share: d.share }))
  return svc.placements.map((pl, i) => ({
    ...base,
    id: `${svc.name}@${pl.cluster}`,
    label: `${svc.name} (${pl.cluster})`,
    cluster: pl.cluster,
    dc: pl.dc,
    placement: i,
    share: (dcs.find((d) => d.dc === pl.dc)?.share ?? 0) * pl.share,
  }))
}

/** How a group's share of an operation's calls splits over DCs. */
function partsOf(world: World, op: OpRec, g: Group): Part[] {
  if (g.dc !== null) return [{ dc: g.dc, share: g.share, placement: g.placement }]
  return dcShares(world, op).map((d) => ({ dc: d.dc, share: d.share * g.share, placement: null }))
}

/** The failure probability of an operation's calls in one part of its traffic: its cluster's, else its DC's. */
const errorOfPart = (world: World): ErrorOf => (st, op, part) =>
  part.placement !== null ? placementErr(world, st, op, part.placement) : st.errDc[DCS.indexOf(part.dc as (typeof DCS)[number])][op]

interface Lat {
  w: number
  p50: number
  p95: number
  p99: number
  usual: number
}

export function buildTopology(world: World, inc: Incidents, q: { from: number; to: number; groupBy: GroupBy }): TopologyResponse {
  const stats = opStats(world, inc, q.from, q.to)
  const nodes = new Map<string, Group & { idx: number }>()
  const edges = new Map<string, { idx: number; source: string; target: string; protocol: string }>()
  const contributions: Contribution[] = []
  let count = 0
  const groupCache = new Map<number, Group[]>()
  const groups = (op: OpRec): Group[] => {
    let g = groupCache.get(op.idx)
    if (!g) {
      g = groupsOf(world, op, q.groupBy)
      groupCache.set(op.idx, g)
    }
    return g
  }
  for (const op of world.ops) {
    for (const g of groups(op)) {
      const node = nodes.get(g.id) ?? { ...g, idx: count++ }
      nodes.set(g.id, node)
      contributions.push({ element: node.idx, op: op.idx, call: null, factor: 1, errOp: op.idx, parts: partsOf(world, op, g) })
    }
  }
  for (const op of world.ops) {
    for (const c of op.calls) {
      const callee = world.ops[c.to]
      for (const a of groups(op)) {
        for (const b of groups(callee)) {
          if (a.dc !== null && b.dc !== null && a.dc !== b.dc) continue
          const bShareInDc = q.groupBy === 'cluster' ? b.share / (dcShares(world, callee).find((d) => d.dc === b.dc)?.share ?? 1) : 1
          const id = `${a.id}->${b.id}`
          const e = edges.get(id) ?? { idx: count++, source: a.id, target: b.id, protocol: world.services[callee.service].protocol }
          edges.set(id, e)
          const parts = partsOf(world, op, a).map((p) => ({ ...p, placement: b.placement }))
          contributions.push({ element: e.idx, op: op.idx, call: c, factor: bShareInDc, errOp: c.to, parts })
        }
      }
    }
  }
  const callsOf = new Float64Array(contributions.length)
  const observed = observeWindow(world, inc, contributions, count, q.from, q.to, errorOfPart(world), callsOf)
  const peaks = peakRates(world, inc, contributions, count, q.to, q.groupBy)
  // latency weighted by observed calls (each contribution's own)
  const lat: Lat[] = Array.from({ length: count }, () => ({ w: 0, p50: 0, p95: 0, p99: 0, usual: 0 }))
  contributions.forEach((c, k) => {
    const s = stats[c.errOp]
    const net = c.errOp !== c.op && world.ops[c.errOp].kind === 'server' ? NET_US : 0
    const l = lat[c.element]
    const w = callsOf[k]
    l.w += w
    l.p50 += w * (s.p50 + net)
    l.p95 += w * (s.p95 + net)
    l.p99 += w * (s.p99 + net)
    l.usual += w * s.usualP99
  })
  const alerts = alertsIn(inc, q.from, q.to)
  const changes = changesIn(world, inc, q.from, q.to)
  const nodeList: NodeWire[] = [...nodes.values()].map((n) => {
    const o = observed[n.idx]
    const l = lat[n.idx]
    const avg = (x: number): number => (l.w > 0 ? x / l.w : 0)
    const rps = o.answered > 0 ? o.calls / o.answered : 0
    const errorRate = o.calls > 0 ? Math.min(1, o.errors / o.calls) : 0
    const myAlerts = alerts.filter((al) => al.service === n.service)
    let health: Health = 'ok'
    if (o.answered === 0 && o.silentWhole > 0) health = 'unknown'
    // a service's alert judges nodes that are the whole service (or one of its methods); a DC or
    // cluster node is judged on its own numbers, so grouping can tell a bad cluster from the rest
    else if (errorRate >= 0.05 || (n.dc === null && myAlerts.some((al) => al.severity === 'critical'))) health = 'critical'
    else if (errorRate >= 0.01 || avg(l.p99) > 3 * avg(l.usual)) health = 'warning'
    return {
      id: n.id,
      label: n.label,
      service: n.service,
      layer: n.layer,
      method: n.method,
      cluster: n.cluster,
      dc: n.dc,
      rps,
      errorRate,
      p50: avg(l.p50),
      p95: avg(l.p95),
      p99: avg(l.p99),
      peakRps: Math.max(peaks[n.idx], rps),
      health,
      alerts: myAlerts.length,
      changes: changes.filter((c) => c.service === n.service).length,
      silent: silenceOf(o),
    }
  })
  const edgeList: EdgeWire[] = [...edges.entries()].map(([id, e]) => {
    const o = observed[e.idx]
    const l = lat[e.idx]
    return {
      id,
      source: e.source,
      target: e.target,
      protocol: e.protocol,
      rps: o.answered > 0 ? o.calls / o.answered : 0,
      errorRate: o.calls > 0 ? Math.min(1, o.errors / o.calls) : 0,
      p50: l.w > 0 ? l.p50 / l.w : 0,
      p99: l.w > 0 ? l.p99 / l.w : 0,
      silent: silenceOf(o),
    }
  })
  return { nodes: nodeList, edges: edgeList, from: q.from, to: q.to, partial: overlapsOutage(inc, q.from, q.to) ? outagePartial(inc) : null }
}

function silenceOf(o: Observed): NodeWire['silent'] {
  if (o.silentFrom === null || o.silentTo === null) return null
  return { from: o.silentFrom, to: o.silentTo, seconds: o.silentPart, whole: o.silentWhole >= o.silentPart }
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
