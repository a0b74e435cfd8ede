import type { SpanWire } from '../../src/api/schemas/trace'
import { hash32, hex } from './prng'
import { spanEvents } from './span-events'
import { DEPLOY_VERSION, PANIC_SERVICE, PREVIOUS_VERSION, runsDeployA } from './incidents'
import type { Incidents } from './incidents'
import { meanSizes } from './traffic'
import type { GenSpan } from './trace-gen'
import type { World } from './world'

/** Turns compact generated spans into wire spans with the field names of the domain brief. */
export const spanIdOf = (seed: number, idx: number): string => hex(hash32(seed, idx, 5), 8) + hex(idx, 8)

const HTTP_PORT = 8080
const PORTS: Record<string, number> = { http: 8080, grpc: 9090, thrift: 8888, mysql: 3306, redis: 6379, mq: 9092 }

/** The version a service runs at `ms` in `cluster` (null: the version most of it runs). */
export function versionOf(service: string, ms: number, inc: Incidents, cluster: string | null): string {
  if (service === PANIC_SERVICE) return runsDeployA(service, cluster, ms, inc) ? DEPLOY_VERSION : PREVIOUS_VERSION
  const h = hash32(service.length, service.charCodeAt(0), service.charCodeAt(service.length - 1))
  return `v1.${h % 30}.${(h >>> 8) % 10}`
}

/** `canary` where the incident-A deploy has landed (and stopped), else `full`. */
export const deployStageOf = (service: string, cluster: string, ms: number, inc: Incidents): string => (runsDeployA(service, cluster, ms, inc) ? 'canary' : 'full')

export function resourceOf(world: World, s: GenSpan, inc: Incidents): Record<string, string> {
  const svc = world.services[s.service]
  const pl = svc.placements[s.placement]
  const pod = pl.pods[s.pod]
  return {
    ServiceName: svc.name,
    Framework: svc.framework,
    DC: pl.dc,
    Cluster: pl.cluster,
    DeployStage: deployStageOf(svc.name, pl.cluster, s.start / 1000, inc),
    IPV4: pod.ip,
    PodName: pod.name,
    Env: 'prod',
    Version: versionOf(svc.name, s.start / 1000, inc, pl.cluster),
  }
}

const round = (n: number): number => Math.round(n)
/** Integer µs that keep every child inside its parent: start and end are both floored. */
export const startOf = (s: GenSpan): number => Math.floor(s.start)
export const durationOf = (s: GenSpan): number => Math.floor(s.start + s.dur) - Math.floor(s.start)

const sizeCache = new WeakMap<World, { send: number; recv: number }[]>()
function sizesOf(world: World, op: number): { send: number; recv: number } {
  let c = sizeCache.get(world)
  if (!c) {
    c = world.ops.map(meanSizes)
    sizeCache.set(world, c)
  }
  return c[op]
}

export function tagsOf(world: World, spans: GenSpan[], s: GenSpan): Record<string, string | number | boolean> {
  const op = world.ops[s.op]
  const sizes = sizesOf(world, s.op)
  const caller = s.caller >= 0 ? world.ops[s.caller] : null
  const t: Record<string, string | number | boolean> = {}
  if (s.kind === 'server') {
    const parent = s.parent >= 0 ? spans[s.parent] : null
    const from = parent ? world.services[parent.service].placements[parent.placement] : null
    t.Method = op.name
    t.FromService = caller?.serviceName ?? 'internet'
    t.FromMethod = caller?.name ?? ''
    t.FromCluster = from?.cluster ?? ''
    t.FromDc = from?.dc ?? ''
    if (op.protocol === 'http') {
      const sp = op.name.indexOf(' ')
      t.HttpMethod = sp > 0 ? op.name.slice(0, sp) : 'POST'
      t.HttpRoute = sp > 0 ? op.name.slice(sp + 1) : `/${op.name}`
    }
  } else if (s.kind === 'consumer') {
    t.Method = op.name
    t.FromService = caller?.serviceName ?? ''
    t.Topic = caller?.name ?? ''
    t.ConsumerGroup = `${op.serviceName}-group`
    t.Partition = s.idx % 12
    t.MqLag = Math.round(s.lagMs * 10) / 10
  } else {
    const target = world.services[op.service]
    const child = s.kind === 'client' && op.kind === 'server' ? spans[s.idx + 1] : null
    const tpl = child ? target.placements[child.placement] : target.placements[(s.placement + (s.u > 0.5 ? 1 : 0)) % target.placements.length]
    const tpod = child ? tpl.pods[child.pod] : tpl.pods[Math.floor(s.u * tpl.pods.length)]
    t.Method = caller?.name ?? ''
    t.ToService = target.name
    t.ToMethod = op.name
    t.ToServiceType = target.protocol
    t.ToCluster = tpl.cluster
    t.ToDc = tpl.dc
    t.ToAddr = `${tpod.ip}:${PORTS[target.protocol] ?? HTTP_PORT}`
    if (target.protocol === 'mysql') {
      const [verb, table] = op.name.split(' ')
      t.DbName = target.name.replace('mysql-', 'shop_')
      t.DbTable = table
      t.DbStatement = verb === 'SELECT' ? `SELECT * FROM ${table} WHERE id = ?` : verb === 'INSERT' ? `INSERT INTO ${table} VALUES (?, ?, ?)` : `UPDATE ${table} SET qty = qty - ? WHERE id = ?`
    } else if (target.protocol === 'redis') {
      const sp = op.name.indexOf(' ')
      t.RedisCommand = op.name.slice(0, sp)
      t.RedisKey = `${op.name.slice(sp + 1)}:${hash32(s.idx, 9) % 100000}`
    } else if (target.protocol === 'mq') {
      t.Topic = op.name
      t.Partition = s.idx % 12
    }
  }
  if (s.resend > 0) t['http.request.resend_count'] = s.resend
  t.StatusCode = s.code
  t.BusinessStatusCode = s.error ? s.code * 10 : 0
  t.IsError = s.error ? 1 : 0
  t.Latency = durationOf(s)
  t.SendSize = round(sizes.send * (0.5 + s.u))
  t.RecvSize = round(sizes.recv * (0.5 + ((s.u * 7919) % 1)))
  return t
}

export function spanName(world: World, s: GenSpan): string {
  const op = world.ops[s.op]
  if (s.kind === 'producer') return `publish ${op.name}`
  if (s.kind === 'client' && op.kind === 'server') return `${op.serviceName}/${op.name}`
  return op.name
}

export function materialize(world: World, inc: Incidents, traceId: string, seed: number, all: GenSpan[], kept: GenSpan[]): SpanWire[] {
  // Spans of the same pod (and version) share one resource object: cheaper to build, same JSON.
  const resources = new Map<number, Record<string, string>>()
  const ids = new Map<number, string>()
  const idOf = (idx: number): string => {
    let id = ids.get(idx)
    if (id === undefined) {
      id = spanIdOf(seed, idx)
      ids.set(idx, id)
    }
    return id
  }
  const resource = (s: GenSpan): Record<string, string> => {
    const key = ((s.service * 64 + s.placement) * 64 + s.pod) * 2 + (s.start >= inc.deployA * 1000 ? 1 : 0)
    let r = resources.get(key)
    if (!r) {
      r = resourceOf(world, s, inc)
      resources.set(key, r)
    }
    return r
  }
  return kept.map((s) => {
    const metrics: Record<string, number> = {}
    const op = world.ops[s.op]
    if (op.name === 'PlaceOrder' && s.kind === 'server') metrics.order_price = Math.round((12 + s.u * 480) * 100) / 100
    if (s.kind === 'producer') metrics.message_size = round(sizesOf(world, s.op).send * (0.5 + s.u))
    return {
      traceId,
      spanId: idOf(s.idx),
      parentSpanId: s.parent >= 0 ? idOf(s.parent) : null,
      name: spanName(world, s),
      kind: s.kind,
      service: world.services[s.service].name,
      startTime: startOf(s),
      duration: durationOf(s),
      status: s.error ? 'error' : 'ok',
      resource: resource(s),
      tags: tagsOf(world, all, s),
      events: spanEvents(world, all, s),
      metrics,
      ...(s.kind === 'consumer' ? { parentRelation: 'follows_from' as const } : {}),
    }
  })
}
