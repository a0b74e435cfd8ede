import { z } from 'zod'
import type { ServiceSummary, SpanKind, Topology, Trace, TraceSearchResult } from '../../domain/model'
import { summarizeTrace } from '../../domain/trace/summary'
import { kindFromWord } from '../formats/otel-mapping'
import { jaegerToTraces } from '../formats/jaeger'
import { otlpToTraces } from '../formats/otlp'
import { backendJson, backendJsonStream } from '../backend-http'
import type { BackendConn } from '../backend-http'
import { CapabilityError, unavailableSource } from './composite-unavailable'
import type { DataSource, TraceQuery } from './data-source'
import { dependenciesToTopology } from './jaeger-topology'
import { mapLimit, toGoDuration } from './jaeger-util'

const StringList = z.object({ data: z.array(z.string()).nullable() })
const Operations = z.object({ data: z.array(z.object({ name: z.string(), spanKind: z.string().optional() })).nullable() })
const Traces = z.object({
  data: z.array(z.unknown()).nullable(),
  errors: z.array(z.object({ code: z.number().optional(), msg: z.string() })).nullable().optional(),
})
export const JaegerDependenciesSchema = z.object({
  data: z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number() })).nullable(),
})
const V3Services = z.object({ services: z.array(z.string()).optional() })
const V3Operations = z.object({ operations: z.array(z.object({ name: z.string(), spanKind: z.string().optional() })).optional() })
const V3Chunk = z.object({ result: z.object({ resourceSpans: z.array(z.unknown()) }).optional() })

export type JaegerApi = 'auto' | 'v3' | 'legacy'

const tagsJson = (q: TraceQuery): string | undefined => {
  const tags: Record<string, string> = {}
  for (const t of q.tags ?? []) tags[t.key] = t.value
  if (q.status === 'error') tags.error = 'true'
  return Object.keys(tags).length ? JSON.stringify(tags) : undefined
}

const rfc3339 = (ms: number) => new Date(ms).toISOString()

/**
 * Traces from the Jaeger query service: the classic JSON API (/api/...) and, where the server has it,
 * the v3 API (/api/v3/..., OTLP JSON). Topology from /api/dependencies (call counts only).
 */
export function createJaegerSource(conn: BackendConn, opts: { api?: JaegerApi } = {}): DataSource & { usesV3(signal?: AbortSignal): Promise<boolean> } {
  const label = `${conn.name} traces`
  let v3: Promise<boolean> | null = opts.api === 'v3' ? Promise.resolve(true) : opts.api === 'legacy' ? Promise.resolve(false) : null

  function usesV3(signal?: AbortSignal): Promise<boolean> {
    v3 ??= backendJson(conn, { path: '/api/v3/services', signal }, V3Services).then(
      () => true,
      () => false,
    )
    return v3
  }

  async function operations(service: string, signal?: AbortSignal): Promise<{ name: string; kind: SpanKind }[]> {
    if (await usesV3(signal)) {
      const body = await backendJson(conn, { path: '/api/v3/operations', query: { service }, signal }, V3Operations)
      return (body.operations ?? []).map((o) => ({ name: o.name, kind: kindFromWord(o.spanKind ?? 'server') }))
    }
    try {
      const body = await backendJson(conn, { path: '/api/operations', query: { service }, signal }, Operations)
      return (body.data ?? []).map((o) => ({ name: o.name, kind: kindFromWord(o.spanKind || 'server') }))
    } catch {
      // Jaeger before 1.16 has only the per-service list of names
      const body = await backendJson(conn, { path: `/api/services/${encodeURIComponent(service)}/operations`, signal }, StringList)
      return (body.data ?? []).map((name) => ({ name, kind: 'server' as const }))
    }
  }

  async function searchV3(q: TraceQuery, service: string, signal?: AbortSignal): Promise<Trace[]> {
    const query: Record<string, string | number | undefined> = {
      'query.service_name': service,
      'query.operation_name': q.operation,
      'query.start_time_min': rfc3339(q.from),
      'query.start_time_max': rfc3339(q.to),
      'query.duration_min': q.minDuration !== undefined ? toGoDuration(q.minDuration) : undefined,
      'query.duration_max': q.maxDuration !== undefined ? toGoDuration(q.maxDuration) : undefined,
      'query.search_depth': q.limit ?? 20,
    }
    for (const t of q.tags ?? []) query[`query.attributes[${t.key}]`] = t.value
    if (q.status === 'error') query['query.attributes[error]'] = 'true'
    const chunks = await backendJsonStream(conn, { path: '/api/v3/traces', query, signal, notFound: 'traces matching this search' }, V3Chunk).catch(
      (e: unknown) => {
        // v3 answers 404 when nothing matches
        if (e instanceof Error && /has no traces matching/.test(e.message)) return []
        throw e
      },
    )
    return chunks.flatMap((c) => (c.result ? otlpToTraces(c.result) : []))
  }

  return {
    ...unavailableSource('jaeger', label),
    id: 'jaeger',
    label,
    capabilities: { traces: true, topology: true, metrics: false, exemplars: false, changes: false, alerts: false, logs: false, topologyGroupBy: ['service'] },
    usesV3,

    async getServices(_q, signal): Promise<ServiceSummary[]> {
      const names = (await usesV3(signal))
        ? ((await backendJson(conn, { path: '/api/v3/services', signal }, V3Services)).services ?? [])
        : ((await backendJson(conn, { path: '/api/services', signal }, StringList)).data ?? [])
      const sorted = [...names].sort()
      const ops = await mapLimit(sorted, 6, (s) => operations(s, signal).catch(() => []))
      return sorted.map((name, i) => ({ name, layer: '', framework: '', dcs: [], clusters: [], operations: ops[i] }))
    },

    async searchTraces(q, signal): Promise<TraceSearchResult> {
      if (!q.service)
        throw new CapabilityError('traces', `${conn.name} searches one service at a time: choose a service to search its traces.`)
      const limit = q.limit ?? 20
      let traces: Trace[]
      let errors: string[] = []
      if (await usesV3(signal)) {
        traces = await searchV3(q, q.service, signal)
      } else {
        const body = await backendJson(
          conn,
          {
            path: '/api/traces',
            query: {
              service: q.service,
              operation: q.operation,
              tags: tagsJson(q),
              start: q.from * 1000,
              end: q.to * 1000,
              minDuration: q.minDuration !== undefined ? toGoDuration(q.minDuration) : undefined,
              maxDuration: q.maxDuration !== undefined ? toGoDuration(q.maxDuration) : undefined,
              limit,
            },
            signal,
          },
          Traces,
        )
        traces = jaegerToTraces({ data: body.data ?? [] })
        errors = (body.errors ?? []).map((e) => e.msg)
      }
      const summaries = traces.map(summarizeTrace).sort((a, b) => b.startTime - a.startTime)
      return {
        traces: summaries.slice(0, limit),
        truncated: summaries.length >= limit,
        partial: errors.length ? { missingDcs: [], reason: errors.join('; ') } : null,
      }
    },

    async getTrace(traceId, signal): Promise<Trace> {
      const notFound = `trace ${traceId} (it may have expired or not be stored yet)`
      let traces: Trace[]
      if (await usesV3(signal)) {
        const chunks = await backendJsonStream(conn, { path: `/api/v3/traces/${encodeURIComponent(traceId)}`, signal, notFound }, V3Chunk)
        traces = chunks.flatMap((c) => (c.result ? otlpToTraces(c.result) : []))
        if (traces.length > 1) traces = [{ ...traces[0], spans: traces.flatMap((t) => t.spans) }]
      } else {
        const body = await backendJson(conn, { path: `/api/traces/${encodeURIComponent(traceId)}`, signal, notFound }, Traces)
        traces = jaegerToTraces({ data: body.data ?? [] })
      }
      if (!traces[0]) throw new CapabilityError('traces', `${conn.name} has no ${notFound}.`)
      return traces[0]
    },

    async getTopology(q, signal): Promise<Topology> {
      const body = await backendJson(
        conn,
        { path: '/api/dependencies', query: { endTs: Math.round(q.to), lookback: Math.max(1, Math.round(q.to - q.from)) }, signal },
        JaegerDependenciesSchema,
      )
      return dependenciesToTopology(body.data ?? [], q.from, q.to)
    },
  }
}
