import type { TopologyResponse } from '../../src/api/schemas/topology'
import { histogramQuantile } from '../../src/domain/metrics/histogram'
import type { Health } from '../../src/domain/model'
import { capacityOf } from './capacity'
import { dcShares } from './dimensions'
import { alertsIn, changesIn } from './events'
import { outagePartial, overlapsOutage } from './incidents'
import type { Incidents } from './incidents'
import { observeWindow, peakRates } from './topology-traffic'
import type { Contribution, ErrorOf, Observed, Part } from './topology-traffic'
import { versionOf } from './spans'
import { placementErr } from './traffic'
import { DCS } from './world-catalog'
import { CallMix, NORMAL, SPIKE, windowCalls } from './latency'
import type { OpRec, World } from './world'

type NodeWire = TopologyResponse['nodes'][number]
type EdgeWire = TopologyResponse['edges'][number]
export type GroupBy = 'service' | 'method' | 'cluster' | 'dc' | 'version'

const DAY = 86_400_000

interface Group {
  id: string
  label: string
  service: string
  layer: string
  method: string | null
  cluster: string | null
  dc: string | null
  /** placement index in the service (cluster and version grouping) */
  placement: number | null
  share: number
  /** version grouping: the version this part runs, and while it does (a deploy moves it) */
  version: string | null
  when?: (ms: number) => boolean
}

/** The versions a service's cluster runs in [from, to): versions change only when a deploy lands. */
function versionsIn(service: string, cluster: string, inc: Incidents, from: number, to: number): { version: string; when?: (ms: number) => boolean }[] {
  const at = [from, ...(inc.deployA > from && inc.deployA < to ? [inc.deployA] : [])]
  const versions = [...new Set(at.map((ms) => versionOf(service, ms, inc, cluster)))]
  if (versions.length === 1) return [{ version: versions[0] }]
  return versions.map((v) => ({ version: v, when: (ms: number) => versionOf(service, ms, inc, cluster) === v }))
}

function groupsOf(world: World, op: OpRec, groupBy: GroupBy, inc: Incidents, from: number, to: number): Group[] {
  const svc = world.services[op.service]
  const base = { service: svc.name, layer: svc.layer, method: null, cluster: null, dc: null, placement: null, version: null }
  if (groupBy === 'service') return [{ ...base, id: svc.name, label: svc.name, share: 1 }]
  if (groupBy === 'method') return [{ ...base, id: `${svc.name}::${op.name}`, label: `${svc.name} ${op.name}`, method: op.name, share: 1 }]
  const dcs = dcShares(world, op)
  if (groupBy === 'dc') return dcs.map((d) => ({ ...base, id: `${svc.name}@${d.dc}`, label: `${svc.name} (${d.dc})`, dc: d.dc, share: d.share }))
  if (groupBy === 'version') {
    // one node per version the service ran in the window, each holding the clusters that ran it while they did
    const parts = svc.placements.map((pl, i) => ({ pl, i, versions: versionsIn(svc.name, pl.cluster, inc, from, to) }))
    const split = new Set(parts.flatMap((p) => p.versions.map((v) => v.version))).size > 1
    return parts.flatMap(({ pl, i, versions }) =>
      versions.map((v) => ({
        ...base,
        id: `${svc.name}@${v.version}`,
        label: split ? `${svc.name} ${v.version}` : svc.name,
        cluster: pl.cluster,
        dc: pl.dc,
        placement: i,
        share: (dcs.find((d) => d.dc === pl.dc)?.share ?? 0) * pl.share,
        version: v.version,
        ...(v.when ? { when: v.when } : {}),
      })),
    )
  }
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

/** Latency of one element: its calls' histograms merged over the window, and over the same window a day earlier. */
interface Lat {
  now: CallMix
  usual: CallMix
}

/** Observed calls of every contribution that fell in incident B (their latency state differs). */
function spikeCalls(world: World, inc: Incidents, contributions: Contribution[], count: number, from: number, to: number): Float64Array {
  const out = new Float64Array(contributions.length)
  const a = Math.max(from, inc.spikeFrom)
  const b = Math.min(to, inc.spikeTo)
  if (b > a) observeWindow(world, inc, contributions, count, a, b, errorOfPart(world), out)
  return out
}

export function buildTopology(world: World, inc: Incidents, q: { from: number; to: number; groupBy: GroupBy }): TopologyResponse {
  // a version node holds clusters of several DCs: its DC and cluster are not one
  const byVersion = q.groupBy === 'version'
  const nodes = new Map<string, Group & { idx: number; placements: Set<number> }>()
  const edges = new Map<string, { idx: number; source: string; target: string; protocol: string }>()
  const contributions: Contribution[] = []
  let count = 0
  const groupCache = new Map<number, Group[]>()
  const groups = (op: OpRec): Group[] => {
    let g = groupCache.get(op.idx)
    if (!g) {
      g = groupsOf(world, op, q.groupBy, inc, q.from, q.to)
      groupCache.set(op.idx, g)
    }
    return g
  }
  for (const op of world.ops) {
    for (const g of groups(op)) {
      const node = nodes.get(g.id) ?? { ...g, idx: count++, placements: new Set<number>() }
      nodes.set(g.id, node)
      if (g.placement !== null) node.placements.add(g.placement)
      contributions.push({ element: node.idx, op: op.idx, call: null, factor: 1, errOp: op.idx, parts: partsOf(world, op, g), ...(g.when ? { when: g.when } : {}) })
    }
  }
  for (const op of world.ops) {
    for (const c of op.calls) {
      const callee = world.ops[c.to]
      for (const a of groups(op)) {
        for (const b of groups(callee)) {
          if (a.dc !== null && b.dc !== null && a.dc !== b.dc) continue
          const bShareInDc = q.groupBy === 'cluster' || byVersion ? b.share / (dcShares(world, callee).find((d) => d.dc === b.dc)?.share ?? 1) : 1
          const id = `${a.id}->${b.id}`
          const e = edges.get(id) ?? { idx: count++, source: a.id, target: b.id, protocol: world.services[callee.service].protocol }
          edges.set(id, e)
          const parts = partsOf(world, op, a).map((p) => ({ ...p, placement: b.placement }))
          const when = a.when && b.when ? (ms: number) => a.when?.(ms) === true && b.when?.(ms) === true : (a.when ?? b.when)
          contributions.push({ element: e.idx, op: op.idx, call: c, factor: bShareInDc, errOp: c.to, parts, ...(when ? { when } : {}) })
        }
      }
    }
  }
  const callsOf = new Float64Array(contributions.length)
  const observed = observeWindow(world, inc, contributions, count, q.from, q.to, errorOfPart(world), callsOf)
  const peaks = peakRates(world, inc, contributions, count, q.to, q.groupBy)
  // latency: each contribution's observed calls, in their latency state, with the per-call
  // distribution of the element's spans (nodes) or of the caller's client spans (edges); merged, then
  // the quantile taken once. A day earlier (for health): the same calls from the entry rates.
  const spike = spikeCalls(world, inc, contributions, count, q.from, q.to)
  const usual = windowCalls(world, inc, q.from - DAY, q.to - DAY)
  const isEdge = new Uint8Array(count)
  for (const e of edges.values()) isEdge[e.idx] = 1
  const lat: Lat[] = Array.from({ length: count }, (_, k) => ({ now: new CallMix(world, isEdge[k] ? 'call' : 'span'), usual: new CallMix(world, 'span') }))
  contributions.forEach((c, k) => {
    const l = lat[c.element]
    const target = c.call ? c.call.to : c.op
    l.now.add(target, NORMAL, callsOf[k] - spike[k])
    l.now.add(target, SPIKE, spike[k])
    if (!c.call) {
      const share = c.parts.reduce((x, p) => x + p.share, 0) * c.factor
      l.usual.add(c.op, NORMAL, usual.spans[NORMAL][c.op] * share)
      l.usual.add(c.op, SPIKE, usual.spans[SPIKE][c.op] * share)
    }
  })
  const alerts = alertsIn(inc, q.from, q.to)
  const changes = changesIn(world, inc, q.from, q.to)
  const nodeList: NodeWire[] = [...nodes.values()].map((n) => {
    const o = observed[n.idx]
    const h = lat[n.idx].now.histogram()
    const pct = (p: number): number => histogramQuantile(h, p) ?? 0
    const p99 = pct(0.99)
    const usualP99 = histogramQuantile(lat[n.idx].usual.histogram(), 0.99)
    const rps = o.answered > 0 ? o.calls / o.answered : 0
    const errorRate = o.calls > 0 ? Math.min(1, o.errors / o.calls) : 0
    const myAlerts = alerts.filter((al) => al.service === n.service)
    let health: Health = 'ok'
    if (o.answered === 0 && o.silentWhole > 0) health = 'unknown'
    // a service's alert judges the node that is the whole service; a method, DC or cluster node is
    // judged on its own numbers (its service's alert still shows as a badge), so grouping can tell a
    // bad cluster or a failing method from the rest of its service
    else if (errorRate >= 0.05 || (n.dc === null && n.method === null && n.version === null && myAlerts.some((al) => al.severity === 'critical'))) health = 'critical'
    else if (errorRate >= 0.01 || (usualP99 !== null && p99 > 3 * usualP99)) health = 'warning'
    return {
      id: n.id,
      label: n.label,
      service: n.service,
      layer: n.layer,
      method: n.method,
      cluster: byVersion ? null : n.cluster,
      dc: byVersion ? null : n.dc,
      ...(byVersion && n.version !== null ? { version: n.version } : {}),
      rps,
      errorRate,
      p50: pct(0.5),
      p95: pct(0.95),
      p99,
      peakRps: Math.max(peaks[n.idx], rps),
      capacityRps: byVersion ? versionCapacity(world, n.service, [...n.placements], (k) => versionOf(n.service, q.to - 1, inc, world.serviceByName.get(n.service)?.placements[k]?.cluster ?? null) === n.version) : capacityOf(world, world.serviceByName.get(n.service)?.idx ?? 0, n),
      health,
      alerts: myAlerts.length,
      changes: changes.filter((c) => c.service === n.service).length,
      silent: silenceOf(o),
    }
  })
  const edgeList: EdgeWire[] = [...edges.entries()].map(([id, e]) => {
    const o = observed[e.idx]
    const h = lat[e.idx].now.histogram()
    return {
      id,
      source: e.source,
      target: e.target,
      protocol: e.protocol,
      rps: o.answered > 0 ? o.calls / o.answered : 0,
      errorRate: o.calls > 0 ? Math.min(1, o.errors / o.calls) : 0,
      p50: histogramQuantile(h, 0.5) ?? 0,
      p99: histogramQuantile(h, 0.99) ?? 0,
      silent: silenceOf(o),
    }
  })
  return { nodes: nodeList, edges: edgeList, from: q.from, to: q.to, partial: overlapsOutage(inc, q.from, q.to) ? outagePartial(inc) : null }
}

/** A version's capacity: the pods of the clusters running it at the window's end (null when none does any more). */
function versionCapacity(world: World, service: string, placements: number[], runsAtEnd: (k: number) => boolean): number | null {
  const svc = world.serviceByName.get(service)
  if (!svc) return null
  const c = placements.filter(runsAtEnd).reduce((a, k) => a + (capacityOf(world, svc.idx, { dc: null, cluster: svc.placements[k].cluster }) ?? 0), 0)
  return c > 0 ? c : null
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
