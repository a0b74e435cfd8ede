import { z } from 'zod'
import type { ServiceSummary, SpanKind, Topology, Trace, TraceSearchResult, TraceSummary } from '../../domain/model'
import { hasCall } from '../../domain/trace/calls'
import { matchingSpan } from '../../domain/trace/span-match'
import { summarizeTrace } from '../../domain/trace/summary'
import { kindFromWord } from '../formats/otel-mapping'
import { jaegerToTraces } from '../formats/jaeger'
import { otlpToTraces } from '../formats/otlp'
import { backendJson, backendJsonStream, backendTrace } from '../backend-http'
import type { BackendConn } from '../backend-http'
import { CapabilityError, unavailableSource } from './composite-unavailable'
import type { DataSource, TraceQuery } from './data-source'
import { dialectDetector, encodeSearch } from './jaeger-dialect'
import type { JaegerApi, JaegerDialect } from './jaeger-dialect'
import { dependenciesToTopology } from './jaeger-topology'
import { RecentTraces } from './jaeger-recent'
import { searchNote } from './jaeger-note'
import { mapLimit } from './jaeger-util'
import { jaegerSpanFacts, otlpSpanFacts, tracesMeeting } from './span-facts'
import type { SpanFacts } from './span-facts'
import { deferred } from '../schemas/deferred'

export type { JaegerApi } from './jaeger-dialect'

const StringList = deferred(() => z.object({ data: z.array(z.string()).nullable() }))
const Operations = deferred(() => z.object({ data: z.array(z.object({ name: z.string(), spanKind: z.string().optional() })).nullable() }))
const Traces = deferred(() => z.object({
  data: z.array(z.unknown()).nullable(),
  errors: z.array(z.object({ code: z.number().optional(), msg: z.string() })).nullable().optional(),
}))
export const JaegerDependenciesSchema = deferred(() => z.object({
  data: z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number() })).nullable(),
}))
const V3Services = deferred(() => z.object({ services: z.array(z.string()).optional() }))
const V3Operations = deferred(() => z.object({ operations: z.array(z.object({ name: z.string(), spanKind: z.string().optional() })).optional() }))
const V3Chunk = deferred(() => z.object({ result: z.object({ resourceSpans: z.array(z.unknown()) }).optional() }))

/** The console's own call field: no backend stores it, the console checks it on the traces (hasCall). */
const CALL_TAG = 'ToService'

/** How deep a search looks when the console must filter what comes back: wider than the list shown. */
export const clientFilterDepth = (limit: number): number => Math.min(1000, Math.max(100, 5 * limit))

/**
 * Jaeger applies `minDuration`, `maxDuration`, the status and tags to the spans of the searched
 * service (and operation), one span at a time: a span-level query's conditions go there.
 * Trace-level conditions cannot be asked for at the same time.
 */
function spanLevel(q: TraceQuery): TraceQuery {
  if (!q.span) return q
  if (q.minDuration !== undefined || q.maxDuration !== undefined || q.status || q.tags?.length)
    throw new CapabilityError('traces', 'Jaeger applies duration, status and tags to single spans: a search cannot mix span and whole-trace conditions.')
  return { ...q, minDuration: q.span.minDuration, status: q.span.status, tags: q.span.tags, span: undefined }
}

/**
 * Summaries of the answered traces. A span-level query keeps only the traces where the domain's
 * rule finds the span (one span of the service meeting every condition, starting in the window)
 * and names it.
 */
function withMatches(traces: Trace[], q: TraceQuery): TraceSummary[] {
  const { span, service } = q
  if (!span || !service) return traces.map(summarizeTrace)
  return traces.flatMap((t) => {
    const match = matchingSpan(t, { service, operation: q.operation, from: q.from, to: q.to, span })
    return match ? [{ ...summarizeTrace(t), match }] : []
  })
}

/** Traces asked for per service when every service is searched (each answer is whole traces). */
export const FANOUT_DEPTH = 200

interface Fetched {
  traces: Trace[]
  facts: SpanFacts[]
  errors: string[]
}

/**
 * Traces from the Jaeger query service: the classic JSON API (/api/...) and, where the server has it,
 * the v3 API (/api/v3/..., OTLP JSON). Topology from /api/dependencies (call counts only).
 * Which API and which of its parameters the server understands is asked once (jaeger-dialect.ts);
 * filters it cannot apply are applied to the traces fetched and said in the answer's `note`.
 */
export function createJaegerSource(
  conn: BackendConn,
  opts: { api?: JaegerApi } = {},
): DataSource & { usesV3(signal?: AbortSignal): Promise<boolean>; dialect(signal?: AbortSignal): Promise<JaegerDialect> } {
  const label = `${conn.name} traces`
  const dialect = dialectDetector(conn, opts.api)
  // Jaeger's search answers whole traces: kept a short while, so opening one of them (or the error
  // analysis fetching each) does not download it again
  const recent = new RecentTraces()

  const usesV3 = async (signal?: AbortSignal): Promise<boolean> => (await dialect(signal)).api === 'v3'

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

  async function serviceNames(d: JaegerDialect, signal?: AbortSignal): Promise<string[]> {
    const names =
      d.api === 'v3'
        ? ((await backendJson(conn, { path: '/api/v3/services', signal }, V3Services)).services ?? [])
        : ((await backendJson(conn, { path: '/api/services', signal }, StringList)).data ?? [])
    return [...names].sort()
  }

  /** One service's search, as the dialect allows; `facts` are the spans as the server sent them. */
  async function fetchSearch(d: JaegerDialect, q: TraceQuery, service: string, depth: number, signal?: AbortSignal): Promise<Fetched & { clientTags: TraceQuery['tags']; clientStatus: 'ok' | 'error' | null }> {
    const serverTags = (q.tags ?? []).filter((t) => t.key !== CALL_TAG)
    const enc = encodeSearch(d, q, service, depth, serverTags)
    if (d.api === 'v3') {
      const chunks = await backendJsonStream(conn, { path: enc.path, query: enc.query, signal, notFound: 'traces matching this search' }, V3Chunk).catch(
        (e: unknown) => {
          // v3 answers 404 "No traces found" when nothing matches
          if (e instanceof Error && /has no traces matching/.test(e.message)) return []
          throw e
        },
      )
      const results = chunks.flatMap((c) => (c.result ? [c.result] : []))
      return { traces: results.flatMap((r) => otlpToTraces(r)), facts: results.flatMap((r) => otlpSpanFacts(r)), errors: [], ...enc }
    }
    const body = await backendJson(conn, { path: enc.path, query: enc.query, signal }, Traces)
    const data = body.data ?? []
    return { traces: jaegerToTraces({ data }), facts: jaegerSpanFacts(data), errors: (body.errors ?? []).map((e) => e.msg), ...enc }
  }

  /** One service's search with every filter applied: by the server where it can, else here. */
  async function searchService(d: JaegerDialect, q: TraceQuery, service: string, depth: number, signal?: AbortSignal) {
    const f = await fetchSearch(d, q, service, depth, signal)
    for (const t of f.traces) recent.put(t)
    const call = (q.tags ?? []).find((t) => t.key === CALL_TAG)
    const needsCheck = (f.clientTags?.length ?? 0) > 0 || f.clientStatus !== null || call !== undefined
    if (!needsCheck) return { traces: f.traces, fetched: f.traces.length, errors: f.errors, clientTags: [], clientStatus: null, call: undefined }
    const meeting = tracesMeeting(f.facts, {
      service,
      operation: q.operation,
      minDuration: q.minDuration,
      maxDuration: q.maxDuration,
      error: f.clientStatus === null ? undefined : f.clientStatus === 'error',
      tags: f.clientTags,
    })
    const traces = f.traces.filter((t) => meeting.has(t.traceId) && (!call || hasCall(t, service, call.value)))
    return { traces, fetched: f.traces.length, errors: f.errors, clientTags: f.clientTags ?? [], clientStatus: f.clientStatus, call: call?.value }
  }

  return {
    requests: conn.watch,
    ...unavailableSource('jaeger', label),
    id: 'jaeger',
    label,
    capabilities: { traces: true, topology: true, metrics: false, exemplars: false, changes: false, alerts: false, logs: false, topologyGroupBy: ['service'] },
    usesV3,
    dialect,

    async getServices(_q, signal): Promise<ServiceSummary[]> {
      // names only: operations are asked for one chosen service at a time (getOperations)
      const sorted = await serviceNames(await dialect(signal), signal)
      return sorted.map((name) => ({ name, layer: '', framework: '', dcs: [], clusters: [], operations: [] }))
    },

    getOperations: (service, _q, signal) => operations(service, signal),

    async searchTraces(query, signal): Promise<TraceSearchResult> {
      const q = spanLevel(query)
      const limit = q.limit ?? 20
      const d = await dialect(signal)
      // Jaeger searches one service at a time; error traces of every service are found by asking each
      const services = q.service ? [q.service] : q.status === 'error' ? await serviceNames(d, signal) : null
      if (!services)
        throw new CapabilityError('traces', `${conn.name} searches one service at a time: choose a service to search its traces.`)
      const probe = encodeSearch(d, q, services[0] ?? '', limit, (q.tags ?? []).filter((t) => t.key !== CALL_TAG))
      const call = (q.tags ?? []).find((t) => t.key === CALL_TAG)
      const checked = (probe.clientTags?.length ?? 0) > 0 || probe.clientStatus !== null || call !== undefined
      const wanted = checked ? clientFilterDepth(limit) : limit
      // every service is searched in turn: each search is bounded, and the answer says so when one came back full
      const depth = q.service ? wanted : Math.min(wanted, FANOUT_DEPTH)
      const answers = await mapLimit(services, 4, (service) => searchService(d, q, service, depth, signal))
      const byId = new Map<string, Trace>()
      for (const a of answers) for (const t of a.traces) if (!byId.has(t.traceId)) byId.set(t.traceId, t)
      const summaries = withMatches([...byId.values()], query).sort((x, y) => y.startTime - x.startTime)
      const errors = answers.flatMap((a) => a.errors)
      const deepest = Math.max(0, ...answers.map((a) => a.fetched))
      return {
        traces: summaries.slice(0, limit),
        // the server stopped at its depth: more traces may match than it returned
        truncated: summaries.length > limit || (!checked && deepest >= depth),
        partial: errors.length ? { missingDcs: [], reason: errors.join('; ') } : null,
        note: searchNote({
          backend: conn.name,
          dialect: d,
          services,
          withHits: services.filter((_, i) => (answers[i]?.traces.length ?? 0) > 0),
          fetched: answers.reduce((n, a) => n + a.fetched, 0),
          depth,
          reachedDepth: deepest >= depth,
          clientTags: probe.clientTags ?? [],
          clientStatus: probe.clientStatus,
          call: call?.value,
          searchedAll: !q.service,
        }),
      }
    },

    async getTrace(traceId, signal, load): Promise<Trace> {
      const kept = recent.get(traceId)
      if (kept) return kept
      const notFound = `trace ${traceId} (it may have expired or not be stored yet)`
      // the answer (tens of MB for a big trace) is parsed, checked and converted in a worker as it arrives
      // a trace needs only which API, not which of its parameters: with the API named in the
      // configuration, the trace is asked for without waiting for the dialect's probes
      const v3 = opts.api === 'v3' || (opts.api !== 'legacy' && (await usesV3(signal)))
      const path = v3 ? `/api/v3/traces/${encodeURIComponent(traceId)}` : `/api/traces/${encodeURIComponent(traceId)}`
      const trace = await backendTrace(conn, { path, signal, notFound }, v3 ? 'jaeger-v3' : 'jaeger', load)
      if (!trace) throw new CapabilityError('traces', `${conn.name} has no ${notFound}.`)
      return trace
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
