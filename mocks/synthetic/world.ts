import type { SpanKind } from '../../src/domain/model'
import { hash32, hashString } from './prng'
import { BASE_SERVICES, DC_SHARES, DCS } from './world-catalog'
import type { CallSpec, Layer, OpSpec, Protocol, ServiceSpec } from './world-catalog'

/** One call of an operation to another, in the compiled world (see World). */
export interface CompiledCall {
  to: number
  ratio: number
  whole: number
  frac: number
  propagate: number
  /** part of a concurrent fan-out with its neighbouring parallel calls (see CallOptions) */
  parallel: boolean
  /** a failed call is retried once */
  retry: boolean
}

export interface OpRec {
  idx: number
  service: number
  serviceName: string
  name: string
  key: string
  /** kind of the span that stands for this operation in metrics and topology */
  kind: SpanKind
  protocol: Protocol
  medianUs: number
  sigma: number
  baseErr: number
  entryRps: number
  convert: number | null
  calls: CompiledCall[]
  /**
   * The calls in the order they are made: each step is one sequential call, or a concurrent
   * fan-out (consecutive parallel calls) whose calls all start together.
   */
  steps: CompiledCall[][]
  callers: { from: number; ratio: number; call: CompiledCall }[]
}

export interface Placement {
  dc: string
  cluster: string
  /** share of the service's traffic in its DC that this cluster serves */
  share: number
  /** index of `dc` in DCS, and the share of all of the service's traffic served here */
  dcIdx: number
  trafficShare: number
  /**
   * this cluster's own failure rate relative to the service's (traffic-weighted mean 1; storage
   * and MQ: 1), so clusters and DCs differ as they do in real fleets
   */
  errFactor: number
  pods: { name: string; ip: string }[]
}

export interface ServiceRec {
  idx: number
  name: string
  layer: Layer
  framework: string
  protocol: Protocol
  dcs: string[]
  placements: Placement[]
  ops: number[]
}

/**
 * The compiled world: services and operations with numeric indices, the call graph, where each
 * service runs (DCs, clusters, pods), and the expected number of calls of every operation per
 * request of every entry. Built once per scale and cached.
 */
export interface World {
  scale: number
  services: ServiceRec[]
  ops: OpRec[]
  entries: number[]
  serviceByName: Map<string, ServiceRec>
  opByKey: Map<string, OpRec>
  /** callees before callers */
  order: number[]
  /**
   * entryMult[i][op]: expected first attempts of op per request of entries[i] (retries, which
   * depend on the moment's failure rates, are added by slotState)
   */
  entryMult: Float64Array[]
}

export const BASE_SERVICE_COUNT = BASE_SERVICES.length
export const MAX_SCALE = 1000
const EXTRA_WORDS = ['inventory', 'loyalty', 'tax', 'fx', 'geo', 'audit', 'media', 'label', 'quota', 'feature', 'wishlist', 'ads', 'bundle', 'gift', 'rating']
const EXTRA_PARENTS = ['product-service::GetProduct', 'user-service::GetUser', 'order-service::CreateOrder', 'pricing-service::GetPrice', 'search-service::Query']

function kindOf(layer: Layer, protocol: Protocol): SpanKind {
  if (layer === 'storage' || layer === 'mq') return protocol === 'mq' ? 'producer' : 'client'
  return protocol === 'mq' ? 'consumer' : 'server'
}

function extraServices(count: number): ServiceSpec[] {
  const out: ServiceSpec[] = []
  for (let i = 0; i < count; i++) {
    const name = `${EXTRA_WORDS[i % EXTRA_WORDS.length]}-svc-${String(i).padStart(3, '0')}`
    const h = hash32(i, 77)
    const ops: Record<string, OpSpec> = {}
    const opCount = 1 + (h % 2)
    for (let k = 0; k < opCount; k++) {
      const children: [string, number, number][] = [['redis-product-cache::GET product', 1, 0.2]]
      ops[k === 0 ? 'Get' : 'List'] = { ms: 0.5 + (h % 5), calls: children }
    }
    out.push({ name, layer: 'domain', framework: 'kitex', protocol: 'thrift', ops })
  }
  // Wire them as a tree hanging off a few base operations: extra i is called by extra (i-1)/3 or a base op.
  for (let i = 0; i < count; i++) {
    const target = `${out[i].name}::Get`
    if (i < EXTRA_PARENTS.length * 2) {
      const parentKey = EXTRA_PARENTS[i % EXTRA_PARENTS.length]
      const [svc, op] = parentKey.split('::')
      const spec = BASE_EXTRA_CALLS.get(svc) ?? new Map<string, [string, number, number][]>()
      BASE_EXTRA_CALLS.set(svc, spec)
      spec.set(op, [...(spec.get(op) ?? []), [target, 0.1, 0]])
    } else {
      const parent = out[Math.floor((i - EXTRA_PARENTS.length * 2) / 3)]
      parent.ops.Get.calls = [...(parent.ops.Get.calls ?? []), [target, 0.5, 0.1]]
    }
  }
  return out
}
const BASE_EXTRA_CALLS = new Map<string, Map<string, [string, number, number][]>>()

function placements(name: string, dcs: string[], layer: Layer): Placement[] {
  const out: Placement[] = []
  const dcTotal = dcs.reduce((a, d) => a + DC_SHARES[DCS.indexOf(d as (typeof DCS)[number])], 0)
  for (const dc of dcs) {
    const dcIdx = DCS.indexOf(dc as (typeof DCS)[number])
    const short = dc.replace('dc-', '')
    const clusters: [string, number][] = [[`${short}-prod-1`, 0.6], [`${short}-prod-2`, 0.4]]
    for (const [cluster, share] of clusters) {
      const h = hashString(`${name}@${cluster}`)
      const podCount = 2 + (h % 3)
      const pods = Array.from({ length: podCount }, (_, k) => {
        const ph = hash32(h, k)
        return {
          name: `${name}-${(ph % 0xfffff).toString(36).padStart(4, '0').slice(0, 5)}-${k}`,
          ip: `10.${DCS.indexOf(dc as (typeof DCS)[number]) * 40 + (h % 40)}.${(ph >>> 8) % 250}.${2 + (ph % 250)}`,
        }
      })
      const errFactor = layer === 'storage' || layer === 'mq' ? 1 : 0.4 + 1.6 * ((h >>> 5) % 1000) / 1000
      out.push({ dc, cluster, share, dcIdx, trafficShare: (DC_SHARES[dcIdx] / dcTotal) * share, errFactor, pods })
    }
  }
  const mean = out.reduce((a, p) => a + p.trafficShare * p.errFactor, 0)
  for (const p of out) p.errFactor /= mean
  return out
}

export function buildWorld(scale: number = BASE_SERVICE_COUNT): World {
  BASE_EXTRA_CALLS.clear()
  const extra = extraServices(Math.max(0, Math.min(MAX_SCALE, scale) - BASE_SERVICE_COUNT))
  const specs = [...BASE_SERVICES, ...extra]
  const services: ServiceRec[] = []
  const ops: OpRec[] = []
  const opByKey = new Map<string, OpRec>()
  const pending: { op: OpRec; calls: CallSpec[] }[] = []
  for (const spec of specs) {
    const dcs = spec.dcs ?? [...DCS]
    const svc: ServiceRec = { idx: services.length, name: spec.name, layer: spec.layer, framework: spec.framework, protocol: spec.protocol, dcs, placements: placements(spec.name, dcs, spec.layer), ops: [] }
    services.push(svc)
    for (const [name, o] of Object.entries(spec.ops)) {
      const key = `${spec.name}::${name}`
      const rec: OpRec = {
        idx: ops.length,
        service: svc.idx,
        serviceName: spec.name,
        name,
        key,
        kind: kindOf(spec.layer, spec.protocol),
        protocol: spec.protocol,
        medianUs: o.ms * 1000,
        sigma: o.sigma ?? 0.5,
        baseErr: o.err ?? 0.0015,
        entryRps: o.rps ?? 0,
        convert: o.convert ?? null,
        calls: [],
        steps: [],
        callers: [],
      }
      ops.push(rec)
      opByKey.set(key, rec)
      svc.ops.push(rec.idx)
      const added = BASE_EXTRA_CALLS.get(spec.name)?.get(name) ?? []
      pending.push({ op: rec, calls: [...(o.calls ?? []), ...added] })
    }
  }
  for (const { op, calls } of pending) {
    for (const [target, ratio, propagate, how] of calls) {
      const to = opByKey.get(target)
      if (!to) throw new Error(`synthetic world: unknown call target ${target}`)
      const call: CompiledCall = { to: to.idx, ratio, whole: Math.floor(ratio), frac: ratio - Math.floor(ratio), propagate: propagate ?? 0.9, parallel: how?.parallel === true, retry: how?.retry === true }
      op.calls.push(call)
      to.callers.push({ from: op.idx, ratio, call })
    }
    op.steps = stepsOf(op.calls)
  }
  const order: number[] = []
  const seen = new Uint8Array(ops.length)
  const visit = (i: number): void => {
    if (seen[i]) return
    seen[i] = 1
    for (const c of ops[i].calls) visit(c.to)
    order.push(i)
  }
  ops.forEach((o) => visit(o.idx))
  const entries = ops.filter((o) => o.entryRps > 0).map((o) => o.idx)
  const entryMult = entries.map((e) => {
    const m = new Float64Array(ops.length)
    m[e] = 1
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k]
      if (m[i] === 0) continue
      for (const c of ops[i].calls) m[c.to] += m[i] * c.ratio
    }
    return m
  })
  return { scale: services.length, services, ops, entries, serviceByName: new Map(services.map((s) => [s.name, s])), opByKey, order, entryMult }
}

function stepsOf(calls: CompiledCall[]): CompiledCall[][] {
  const steps: CompiledCall[][] = []
  for (const c of calls) {
    const last = steps[steps.length - 1]
    if (c.parallel && last?.[0]?.parallel) last.push(c)
    else steps.push([c])
  }
  return steps
}

const cache = new Map<number, World>()
let currentScale = BASE_SERVICE_COUNT

/** Sets the number of services of the world (the scale knob; base world below its size). */
export function setWorldScale(n: number): void {
  currentScale = Math.max(BASE_SERVICE_COUNT, Math.min(MAX_SCALE, Math.floor(n)))
}

/** The number of services the world has at its current scale, and at its default one (nothing is built). */
export function worldSize(): { services: number; base: number } {
  return { services: currentScale, base: BASE_SERVICE_COUNT }
}

export function getWorld(): World {
  let w = cache.get(currentScale)
  if (!w) {
    w = buildWorld(currentScale)
    cache.set(currentScale, w)
  }
  return w
}
