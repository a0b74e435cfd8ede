import type { Exemplar, Health, MetricSeries, Topology, TopologyEdge, TopologyNode } from '../../domain/model'
import type { SpanMetricsFamily } from './prometheus-promql'
import type { PromExemplarsResponse, PromInstantResponse, PromRangeResponse } from './prometheus-wire'
import { sampleValue } from './prometheus-wire'

/**
 * Prometheus answers → domain types. Pure.
 */

/** Matrix → series on the full step grid, so a gap in the data is a null, not a straight line. */
export function matrixToSeries(data: PromRangeResponse['data'], startSec: number, endSec: number, stepSec: number): MetricSeries[] {
  const grid: number[] = []
  for (let t = startSec; t <= endSec + 1e-9; t += stepSec) grid.push(Math.round(t * 1000))
  return data.result.map((r) => {
    const byTime = new Map<number, number | null>()
    for (const [t, v] of r.values) byTime.set(Math.round(t * 1000), sampleValue(v))
    const labels = { ...r.metric }
    delete labels.__name__
    return { labels, points: grid.map((ms): [number, number | null] => [ms, byTime.get(ms) ?? null]) }
  })
}

/** Thanos, Mimir and Cortex put partial-response notices in `warnings`. */
export function warningsToPartial(warnings: readonly string[] | undefined): { missingDcs: string[]; reason: string | null } | null {
  if (!warnings || warnings.length === 0) return null
  return { missingDcs: [], reason: warnings.join('; ') }
}

const TRACE_ID_LABELS = ['trace_id', 'traceID', 'traceId', 'TraceID']
const SPAN_ID_LABELS = ['span_id', 'spanID', 'spanId', 'SpanID']

const pick = (labels: Record<string, string>, names: string[]): string | undefined => {
  for (const n of names) if (labels[n]) return labels[n]
  return undefined
}

/** Exemplars of the latency histogram → domain exemplars (latency in µs), newest first, one per span. */
export function exemplarsToDomain(data: PromExemplarsResponse['data'], f: SpanMetricsFamily): Exemplar[] {
  const seen = new Set<string>()
  const out: Exemplar[] = []
  for (const s of data) {
    const isBucket = (s.seriesLabels.__name__ ?? f.bucket) === f.bucket
    const labels = { ...s.seriesLabels }
    delete labels.__name__
    delete labels.le
    for (const e of s.exemplars) {
      const traceId = pick(e.labels, TRACE_ID_LABELS)
      if (!traceId) continue
      const spanId = pick(e.labels, SPAN_ID_LABELS) ?? ''
      const key = `${traceId}/${spanId}`
      if (seen.has(key)) continue
      seen.add(key)
      const value = sampleValue(e.value) ?? 0
      out.push({
        time: Math.round(e.timestamp * 1000),
        traceId,
        spanId,
        service: s.seriesLabels[f.service] ?? '',
        operation: s.seriesLabels[f.operation] ?? '',
        latency: isBucket ? Math.round(value * f.toMicros) : 0,
        isError: s.seriesLabels[f.status] === f.errorValue,
        labels,
      })
    }
  }
  return out.sort((a, b) => b.time - a.time)
}

export interface ServiceGraphAnswers {
  edgeRate: PromInstantResponse['data']
  edgeFailed: PromInstantResponse['data']
  edgeP50: PromInstantResponse['data']
  edgeP99: PromInstantResponse['data']
  serverP50: PromInstantResponse['data']
  serverP95: PromInstantResponse['data']
  serverP99: PromInstantResponse['data']
  clientP50: PromInstantResponse['data']
  clientP95: PromInstantResponse['data']
  clientP99: PromInstantResponse['data']
}

type Vec = PromInstantResponse['data']

const byKey = (v: Vec, key: (m: Record<string, string>) => string): Map<string, number> => {
  const out = new Map<string, number>()
  for (const r of v.result) {
    const n = sampleValue(r.value[1])
    if (n !== null) out.set(key(r.metric), (out.get(key(r.metric)) ?? 0) + n)
  }
  return out
}

const edgeKey = (m: Record<string, string>) => `${m.client ?? ''}\u0000${m.server ?? ''}`

const PROTOCOL: Record<string, string> = { database: 'database', messaging_system: 'messaging', virtual_node: 'unknown' }

function health(rps: number, errorRate: number): Health {
  if (rps === 0) return 'unknown'
  if (errorRate >= 0.05) return 'critical'
  if (errorRate >= 0.01) return 'warning'
  return 'ok'
}

/**
 * Service-graph series → topology. Nodes are the union of client and server labels. A node's traffic
 * is what it serves; a node that serves nothing (an entry or a batch job) is measured by what it calls.
 */
export function serviceGraphToTopology(a: ServiceGraphAnswers, from: number, to: number): Topology {
  const rate = byKey(a.edgeRate, edgeKey)
  const failed = byKey(a.edgeFailed, edgeKey)
  const p50 = byKey(a.edgeP50, edgeKey)
  const p99 = byKey(a.edgeP99, edgeKey)
  const connection = new Map<string, string>()
  for (const r of a.edgeRate.result) connection.set(edgeKey(r.metric), r.metric.connection_type ?? '')

  const served = new Map<string, { rps: number; failed: number; kinds: Set<string> }>()
  const called = new Map<string, { rps: number; failed: number }>()
  const names = new Set<string>()
  const edges: TopologyEdge[] = []
  for (const [key, rps] of rate) {
    const [client, server] = key.split('\u0000')
    names.add(client)
    names.add(server)
    const f = failed.get(key) ?? 0
    const s = served.get(server) ?? { rps: 0, failed: 0, kinds: new Set<string>() }
    s.rps += rps
    s.failed += f
    s.kinds.add(connection.get(key) ?? '')
    served.set(server, s)
    const c = called.get(client) ?? { rps: 0, failed: 0 }
    c.rps += rps
    c.failed += f
    called.set(client, c)
    edges.push({
      id: `${client}->${server}`,
      source: client,
      target: server,
      protocol: PROTOCOL[connection.get(key) ?? ''] ?? 'rpc',
      rps,
      errorRate: rps > 0 ? f / rps : 0,
      silent: null,
      p50: Math.round(p50.get(key) ?? 0),
      p99: Math.round(p99.get(key) ?? 0),
      latencyBasis: p99.has(key) ? 'buckets' : 'none',
    })
  }
  const one = (v: Vec, label: 'server' | 'client') => byKey(v, (m) => m[label] ?? '')
  const sp = { p50: one(a.serverP50, 'server'), p95: one(a.serverP95, 'server'), p99: one(a.serverP99, 'server') }
  const cp = { p50: one(a.clientP50, 'client'), p95: one(a.clientP95, 'client'), p99: one(a.clientP99, 'client') }

  const nodes: TopologyNode[] = [...names].sort().map((name) => {
    const s = served.get(name)
    const c = called.get(name)
    const own = s && s.rps > 0 ? s : (c ?? { rps: 0, failed: 0 })
    const lat = s && s.rps > 0 ? sp : cp
    const errorRate = own.rps > 0 ? own.failed / own.rps : 0
    const kinds = s?.kinds ?? new Set<string>()
    const layer = kinds.has('database') ? 'storage' : kinds.has('messaging_system') ? 'mq' : s ? 'service' : 'entry'
    return {
      id: name,
      label: name,
      service: name,
      layer,
      method: null,
      cluster: null,
      dc: null,
      rps: own.rps,
      errorRate,
      p50: Math.round(lat.p50.get(name) ?? 0),
      p95: Math.round(lat.p95.get(name) ?? 0),
      p99: Math.round(lat.p99.get(name) ?? 0),
      latencyBasis: lat.p99.has(name) ? 'buckets' : 'none',
      peakRps: own.rps,
      peakIsWindowRate: true,
      capacityRps: null,
      health: health(own.rps, errorRate),
      alerts: 0,
      changes: 0,
      silent: null,
    }
  })
  return { nodes, edges, from, to, partial: null }
}
