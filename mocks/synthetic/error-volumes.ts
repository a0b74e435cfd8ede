import { OUTAGE_DC } from './incidents'
import type { Incidents } from './incidents'
import { cachedSlotState } from './sampling'
import { entryRate, ownInDc, SLOT_MS, slotOf } from './traffic'
import type { SlotState } from './traffic'
import { DC_SHARES, DCS } from './world-catalog'
import type { CompiledCall, World } from './world'
import type { WindowErrorVolumes as DomainWindowVolumes } from '../../src/domain/error-chain/volumes'

/**
 * Error volumes of a window computed where the data is: from the world's traffic model itself,
 * not from sampled traces. For every slot of the window, every entry and every DC, the expected
 * number of requests (entry rate × slot length × the DC's share) times
 * - the probability that some span of the request fails (error traces), and
 * - for every chain (docs/error-chains.md: origin, the calls it travelled through, where it
 *   stopped), the expected number of times the request carries it,
 * worked out from the same per-slot failure probabilities the traces are drawn with (own failures
 * per cluster and DC, propagation per call, retries, fan-out counts, async consumers). Nothing is
 * drawn, so the answer has no sampling error; it is the model's expectation, as the metrics are.
 * A trace carrying the same chain twice (both attempts of a retried call failing alike, two calls
 * of one fan-out failing the same way) counts twice here and once on a trace; two independent
 * failures in one request are rare enough (well under 1 % of any chain's volume) that the
 * difference stays below that.
 *
 * Cost: the call tree of every entry is compiled once per world (its paths and each chain's
 * signature); a window then costs one pass over those paths per minute, DC and entry (failure
 * probabilities are constant within a minute; request counts are summed slot by slot).
 */

export type VolumeStop = 'entry' | 'swallowed' | 'recovered'

export interface ChainShape {
  signature: string
  hops: { service: string; operation: string }[]
  stop: VolumeStop
  asyncEntry: boolean
}

/** One node of an entry's call tree: an operation reached by one path of calls. */
interface PathNode {
  op: number
  parent: number
  call: CompiledCall | null
  /** a consumer under its producer: async work, where chains end */
  async: boolean
  /** a storage or MQ operation (the caller's client / producer span) */
  leaf: boolean
  /** chain index per ancestor step of the walk up from here (origin here): recovered, swallowed; then the end */
  up: { rec: number; swal: number }[]
  end: number
}

interface Plan {
  /** per entry (index in world.entries): its tree, root first, parents before children */
  trees: PathNode[][]
  chains: ChainShape[]
}

const plans = new WeakMap<World, Plan>()

type Hop = { service: string; operation: string }

/** Consecutive spans of one service are one hop, named after the topmost (extract.ts, buildHops). */
function pushHop(hops: Hop[], h: Hop): Hop[] {
  const last = hops[hops.length - 1]
  return last && last.service === h.service ? [...hops.slice(0, -1), h] : [...hops, h]
}

const signatureOf = (hops: Hop[], stop: VolumeStop): string => {
  const path = hops.map((h) => `${h.service}:${h.operation}`).join(' → ')
  return stop === 'entry' ? path : `${path} [${stop}]`
}

function compile(world: World): Plan {
  const chains: ChainShape[] = []
  const index = new Map<string, number>()
  const chainOf = (hops: Hop[], stop: VolumeStop, asyncEntry: boolean): number => {
    const signature = signatureOf(hops, stop)
    let i = index.get(signature)
    if (i === undefined) {
      i = chains.length
      chains.push({ signature, hops, stop, asyncEntry })
      index.set(signature, i)
    }
    return i
  }
  const hopOf = (op: number): Hop => ({ service: world.ops[op].serviceName, operation: world.ops[op].name })
  const trees = world.entries.map((entry) => {
    const nodes: PathNode[] = []
    const add = (op: number, parent: number, call: CompiledCall | null, async: boolean): void => {
      const o = world.ops[op]
      const leaf = o.kind === 'client' || o.kind === 'producer'
      const idx = nodes.length
      nodes.push({ op, parent, call, async, leaf, up: [], end: -1 })
      if (leaf) {
        // a producer's consumers run as their own (async) work
        if (o.kind === 'producer') for (const c of o.calls) add(c.to, idx, c, true)
      } else for (const c of o.calls) add(c.to, idx, c, false)
    }
    add(entry, -1, null, false)
    // the signature of every chain starting at each node, for every place it may stop
    for (const n of nodes) {
      const o = world.ops[n.op]
      // a storage call's failure is named after the storage operation (inferred from ToService /
      // ToMethod); a failed publish has its consumers as children, so it is named by its caller
      let hops: Hop[] = n.leaf ? (o.kind === 'client' ? [hopOf(n.op)] : []) : [hopOf(n.op)]
      let cur = n
      for (;;) {
        if (cur.async) {
          n.end = chainOf(hops, 'entry', true)
          break
        }
        if (cur.parent < 0) {
          n.end = chainOf(hops, 'entry', false)
          break
        }
        const parent = nodes[cur.parent]
        const up = pushHop(hops, hopOf(parent.op))
        n.up.push({ rec: chainOf(up, 'recovered', false), swal: chainOf(up, 'swallowed', false) })
        hops = up
        cur = parent
      }
    }
    return nodes
  })
  return { trees, chains }
}

export function planOf(world: World): Plan {
  let p = plans.get(world)
  if (!p) {
    p = compile(world)
    plans.set(world, p)
  }
  return p
}

/** Requests of each entry and DC in [from, to), slot by slot (a slot cut by the window counts in part); the outage DC left out while silent. */
function requestsIn(world: World, inc: Incidents, from: number, to: number, dcs: readonly number[]): { minute: number; slot: number; req: Float64Array[] }[] {
  const out: { minute: number; slot: number; req: Float64Array[] }[] = []
  for (let slot = slotOf(from); slot * SLOT_MS < to; slot++) {
    const t0 = slot * SLOT_MS
    const share = (Math.min(to, t0 + SLOT_MS) - Math.max(from, t0)) / SLOT_MS
    if (share <= 0) continue
    const minute = Math.floor(t0 / 60_000)
    let row = out[out.length - 1]
    if (!row || row.minute !== minute) {
      row = { minute, slot, req: DCS.map(() => new Float64Array(world.entries.length)) }
      out.push(row)
    }
    const silent = t0 >= inc.outageFrom && t0 < inc.outageTo
    world.entries.forEach((e, ei) => {
      const n = entryRate(world.ops[e], slot) * (SLOT_MS / 1000) * share
      const single = world.services[world.ops[e].service].dcs.length === 1
      for (const d of dcs) {
        if (silent && DCS[d] === OUTAGE_DC) continue
        const dcShare = single ? (d === 0 ? 1 : 0) : DC_SHARES[d]
        row.req[d][ei] += n * dcShare
      }
    })
  }
  return out
}

/** Per-request chain masses of one entry's tree in one DC, under one minute's failure probabilities; added to `into` × requests. */
function addTree(world: World, st: SlotState, d: number, nodes: PathNode[], requests: number, into: Float64Array): void {
  const err = st.errDc[d]
  const noProp = st.noPropDc[d]
  const n = nodes.length
  const prefix = new Float64Array(n)
  const cont = new Float64Array(n)
  const swal = new Float64Array(n)
  const rec = new Float64Array(n)
  const own = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const node = nodes[i]
    own[i] = node.leaf ? err[node.op] : ownInDc(world, st.ownPl[node.op], node.op, d)
    const c = node.call
    if (!c || node.parent < 0) {
      prefix[i] = 1
      continue
    }
    prefix[i] = prefix[node.parent] * c.ratio
    if (node.async) continue
    const parentOp = nodes[node.parent].op
    const fa = err[node.op]
    const q = c.propagate * (c.retry ? fa * fa : fa)
    const k = c.whole
    const f = c.frac
    // this call's factor in the parent's "no callee failure propagated", and E[N (1 − q)^(N − 1)] over its count N
    const factor = (1 - q) ** k * (1 - f * q)
    const others = factor > 0 ? noProp[parentOp] / factor : 0
    const g = (k > 0 ? (1 - f) * k * (1 - q) ** (k - 1) : 0) + f * (k + 1) * (1 - q) ** k
    const parentOwn = ownInDc(world, st.ownPl[parentOp], parentOp, d)
    // a failed attempt is seen by the caller when not retried, or when its retry fails too (a retry's own chains are seen as they fail)
    const seen = c.retry ? 2 * fa : 1
    swal[i] = seen * (1 - c.propagate) * (1 - parentOwn) * others * g
    cont[i] = seen * c.ratio - swal[i]
    rec[i] = c.retry ? (1 - fa) * c.ratio : 0
  }
  for (let i = 0; i < n; i++) {
    if (own[i] <= 0) continue
    const node = nodes[i]
    let m = own[i] * requests
    let cur = i
    let step = 0
    for (;;) {
      const cn = nodes[cur]
      if (cn.async || cn.parent < 0) {
        into[node.end] += m * prefix[cur]
        break
      }
      const up = node.up[step++]
      const parentPrefix = prefix[cn.parent]
      into[up.rec] += m * rec[cur] * parentPrefix
      into[up.swal] += m * swal[cur] * parentPrefix
      m *= cont[cur]
      cur = cn.parent
    }
  }
}

/** The answer of /api/v1/errors/volumes for one window (src/domain/error-chain/volumes.ts). */
export type WindowErrorVolumes = DomainWindowVolumes

export interface WindowVolumes {
  from: number
  to: number
  /** expected requests that entered in the window (the DCs asked for, silent DCs left out) */
  requests: number
  /** expected requests in which at least one span failed */
  errorTraces: number
  /** expected occurrences of each chain, by chain index of the plan */
  chains: Float64Array
}

/** The window's error volumes from the model. `dc`: only requests that entered that DC (index in DCS). */
export function windowVolumes(world: World, inc: Incidents, from: number, to: number, dc?: number): WindowVolumes {
  const plan = planOf(world)
  const chains = new Float64Array(plan.chains.length)
  const dcs = dc === undefined ? DCS.map((_, d) => d) : [dc]
  let requests = 0
  let errorTraces = 0
  for (const row of requestsIn(world, inc, from, to, dcs)) {
    const st = cachedSlotState(world, row.slot, inc)
    for (const d of dcs) {
      world.entries.forEach((e, ei) => {
        const r = row.req[d][ei]
        if (r <= 0) return
        requests += r
        errorTraces += r * st.anyDc[d][e]
        addTree(world, st, d, plan.trees[ei], r, chains)
      })
    }
  }
  return { from, to, requests, errorTraces, chains }
}

export interface VolumeFilter {
  /** index in DCS: only requests that entered there */
  dc?: number
  /** only chains whose path goes through this service (the error traces' total is then unknown) */
  service?: string
}

const round2 = (x: number) => Math.round(x * 100) / 100

/** The wire answer for one window: every chain with a non-zero volume, per origin and per entry. */
export function volumesAnswer(world: World, inc: Incidents, from: number, to: number, f: VolumeFilter): WindowErrorVolumes {
  const plan = planOf(world)
  const v = windowVolumes(world, inc, from, to, f.dc)
  const chains: WindowErrorVolumes['chains'] = []
  const origins = new Map<string, number>()
  const entries = new Map<string, { service: string; operation: string; count: number }>()
  plan.chains.forEach((shape, i) => {
    const count = v.chains[i]
    if (!(count > 0)) return
    if (f.service && !shape.hops.some((h) => h.service === f.service)) return
    chains.push({ ...shape, count: round2(count) })
    const origin = shape.hops[0].service
    origins.set(origin, (origins.get(origin) ?? 0) + count)
    if (shape.stop === 'entry') {
      const end = shape.hops[shape.hops.length - 1]
      const key = `${end.service}\u0000${end.operation}`
      const e = entries.get(key) ?? { ...end, count: 0 }
      e.count += count
      entries.set(key, e)
    }
  })
  chains.sort((a, b) => b.count - a.count || a.signature.localeCompare(b.signature))
  return {
    from,
    to,
    requests: round2(v.requests),
    errorTraces: f.service ? null : round2(v.errorTraces),
    chains,
    origins: [...origins].map(([service, count]) => ({ service, count: round2(count) })).sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
    entries: [...entries.values()].map((e) => ({ ...e, count: round2(e.count) })).sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
  }
}

/** Expected occurrences of each chain (by plan index) per request of entry `ei` entering DC `dc` at `ms`. */
export function requestChainMasses(world: World, inc: Incidents, ms: number, dc: number, ei: number): Float64Array {
  const plan = planOf(world)
  const out = new Float64Array(plan.chains.length)
  addTree(world, cachedSlotState(world, slotOf(ms), inc), dc, plan.trees[ei], 1, out)
  return out
}
