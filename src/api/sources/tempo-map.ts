import { z } from 'zod'
import type { Exemplar, MatchedSpan, MetricSeries, TraceSummary } from '../../domain/model'
import { nanosToMicros, normalizeId } from '../formats/otlp'
import type { TraceQuery } from './data-source'
import { dataRecord, putData } from '../../lib/records'
import { deferred } from '../schemas/deferred'

/** Wire shapes of Grafana Tempo's HTTP API, and their mapping onto domain types. Pure. */

export const TempoSearchSchema = deferred(() => z.object({
  traces: z
    .array(
      z.object({
        traceID: z.string(),
        rootServiceName: z.string().optional(),
        rootTraceName: z.string().optional(),
        startTimeUnixNano: z.string().optional(),
        durationMs: z.number().optional(),
        serviceStats: z.record(z.string(), z.object({ spanCount: z.number().optional(), errorCount: z.number().optional() })).optional(),
        spanSet: z.object({ matched: z.number().optional(), spans: z.array(z.unknown()).optional() }).optional(),
        spanSets: z.array(z.object({ matched: z.number().optional(), spans: z.array(z.unknown()).optional() })).optional(),
      }),
    )
    .nullable()
    .optional(),
  metrics: z.object({ inspectedTraces: z.number().optional(), completedJobs: z.number().optional(), totalJobs: z.number().optional() }).optional(),
}))
export type TempoSearch = z.infer<typeof TempoSearchSchema>

/** A matched span of a search answer (only the fields every Tempo 2.x sends). */
const TempoSearchSpan = deferred(() => z.object({ spanID: z.string(), name: z.string().optional(), startTimeUnixNano: z.string(), durationNanos: z.string() }))

/**
 * The span a span-level search matched: the slowest (a duration was asked) or earliest of the spans
 * Tempo returned for the trace (up to `spss` per span set) that start in the window. Null when none does.
 */
function matchedSpan(t: NonNullable<TempoSearch['traces']>[number], q: TraceQuery): MatchedSpan | null {
  const raw = [...(t.spanSet?.spans ?? []), ...(t.spanSets ?? []).flatMap((s) => s.spans ?? [])]
  const spans = raw.flatMap((r) => {
    const p = TempoSearchSpan.safeParse(r)
    if (!p.success) return []
    const startTime = nanosToMicros(p.data.startTimeUnixNano)
    return startTime >= q.from * 1000 && startTime < q.to * 1000 ? [{ ...p.data, startTime, duration: Math.round(Number(p.data.durationNanos) / 1000) }] : []
  })
  if (spans.length === 0) return null
  const slowest = q.span?.minDuration !== undefined
  const pick = spans.reduce((a, b) => (slowest ? (b.duration > a.duration ? b : a) : b.startTime < a.startTime ? b : a))
  const matched = t.spanSet?.matched ?? t.spanSets?.reduce((n, s) => n + (s.matched ?? 0), 0) ?? spans.length
  return {
    spanId: normalizeId(pick.spanID),
    service: q.service ?? '',
    operation: pick.name ?? q.operation ?? '',
    startTime: pick.startTime,
    duration: pick.duration,
    status: q.span?.status === 'error' ? 'error' : 'unknown',
    count: Math.max(matched, spans.length),
  }
}

/** Summaries of a search answer; a span-level query (`q.span`) keeps the traces whose matched span starts in the window, naming it. */
export function searchToSummaries(body: TempoSearch, q?: TraceQuery): TraceSummary[] {
  return (body.traces ?? []).flatMap((t): TraceSummary[] => {
    const match = q?.span ? matchedSpan(t, q) : null
    if (q?.span && !match) return []
    const stats = Object.entries(t.serviceStats ?? {}).map(([name, s]) => ({ name, spanCount: s.spanCount ?? 0, errorCount: s.errorCount ?? 0 }))
    const matched = t.spanSet?.matched ?? t.spanSets?.reduce((n, s) => n + (s.matched ?? 0), 0) ?? 0
    const summary: TraceSummary = {
      traceId: normalizeId(t.traceID.padStart(32, '0')),
      rootService: t.rootServiceName ?? '<root span not yet received>',
      rootOperation: t.rootTraceName ?? '',
      ...(t.rootServiceName === undefined ? { rootCaptured: false } : {}),
      startTime: t.startTimeUnixNano ? nanosToMicros(t.startTimeUnixNano) : 0,
      duration: (t.durationMs ?? 0) * 1000,
      spanCount: stats.length ? stats.reduce((n, s) => n + s.spanCount, 0) : matched,
      errorCount: stats.reduce((n, s) => n + s.errorCount, 0),
      services: stats.sort((a, b) => b.spanCount - a.spanCount),
      sampling: { mode: 'unknown', rate: 1 },
    }
    return [match ? { ...summary, match } : summary]
  })
}

const traceqlString = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

/** A tag key as a TraceQL attribute: scoped keys stay, others match span or resource (`.key`). */
const attr = (key: string) => (/^(span|resource|event|link|instrumentation)\./.test(key) ? key : `.${key}`)

/** The console's call field: no backend stores it; a call is the structure of the trace. */
const CALL_TAG = 'ToService'

/**
 * A TraceQuery as TraceQL: one span set where every condition holds, so duration, status and tags apply
 * to the same span of the chosen service (span-level, as Jaeger's search). A span-level query's
 * conditions (`q.span`) are span conditions of TraceQL already: `duration` and `status` are the span's
 * own. A call to another service (`ToService`, from the topology's edge links) becomes structure: a
 * matching span with a child span of the callee, or naming the callee itself (a database, a topic, an
 * uninstrumented service).
 */
export function toTraceQL(query: TraceQuery): string {
  const q = query.span ? { ...query, tags: query.span.tags, status: query.span.status, minDuration: query.span.minDuration, maxDuration: undefined } : query
  const c: string[] = []
  if (q.service) c.push(`resource.service.name = ${traceqlString(q.service)}`)
  if (q.operation) c.push(`name = ${traceqlString(q.operation)}`)
  for (const t of q.tags ?? []) if (t.key !== CALL_TAG) c.push(`${attr(t.key)} = ${/^-?\d+(\.\d+)?$/.test(t.value) ? t.value : traceqlString(t.value)}`)
  if (q.status === 'error') c.push('status = error')
  if (q.status === 'ok') c.push('status != error')
  if (q.minDuration !== undefined) c.push(`duration >= ${Math.round(q.minDuration)}us`)
  if (q.maxDuration !== undefined) c.push(`duration <= ${Math.round(q.maxDuration)}us`)
  const set = (conds: string[]) => `{${conds.length ? ` ${conds.join(' && ')} ` : ''}}`
  const call = q.tags?.find((t) => t.key === CALL_TAG)
  if (!call) return set(c)
  const callee = traceqlString(call.value)
  const named = ['span.peer.service', 'span.server.address', 'span.db.namespace', 'span.messaging.destination.name'].map((k) => `${k} = ${callee}`).join(' || ')
  return `(${set(c)} > { resource.service.name = ${callee} }) || ${set([...c, `(${named})`])}`
}

/** /api/v2/search/tag/<tag>/values answers typed values; /api/search/tag/<tag>/values plain strings. */
export const TempoTagValuesSchema = deferred(() => z.object({
  tagValues: z.array(z.union([z.string(), z.object({ type: z.string().optional(), value: z.string().optional() })])).nullable().optional(),
}))
export const tagValues = (b: z.infer<typeof TempoTagValuesSchema>): string[] =>
  (b.tagValues ?? []).map((v) => (typeof v === 'string' ? v : (v.value ?? ''))).filter(Boolean).sort()

/** /api/v2/search/tags: tag names per scope. */
export const TempoTagNamesSchema = deferred(() => z.object({
  scopes: z.array(z.object({ name: z.string(), tags: z.array(z.string()).nullable().optional() })).optional(),
  tagNames: z.array(z.string()).optional(),
}))

const KeyValue = deferred(() => z.object({ key: z.string(), value: z.record(z.string(), z.unknown()).optional() }))

/** /api/metrics/query_range (TraceQL metrics, Tempo 2.4+). */
export const TempoMetricsSchema = deferred(() => z.object({
  series: z
    .array(
      z.object({
        labels: z.array(KeyValue).optional(),
        samples: z.array(z.object({ timestampMs: z.union([z.string(), z.number()]), value: z.number().optional() })).optional(),
        exemplars: z
          .array(z.object({ labels: z.array(KeyValue).optional(), value: z.number().optional(), timestampMs: z.union([z.string(), z.number()]) }))
          .optional(),
      }),
    )
    .nullable()
    .optional(),
}))
export type TempoMetrics = z.infer<typeof TempoMetricsSchema>

const kvString = (kv: z.infer<typeof KeyValue>): string => {
  const v = kv.value ?? {}
  const first = Object.values(v)[0]
  return first === undefined || first === null ? '' : String(first)
}

export function tempoSeries(body: TempoMetrics, from: number, to: number, step: number, scale = 1): MetricSeries[] {
  const grid: number[] = []
  for (let t = Math.floor(from / step) * step; t <= to; t += step) grid.push(t)
  return (body.series ?? []).map((s) => {
    const labels: Record<string, string> = dataRecord<string>()
    for (const kv of s.labels ?? []) if (kv.key !== '__name__') putData(labels, kv.key.replace(/^(span|resource)\./, ''), kvString(kv))
    const at = new Map<number, number>()
    for (const p of s.samples ?? []) if (p.value !== undefined && Number.isFinite(p.value)) at.set(Math.floor(Number(p.timestampMs) / step) * step, p.value * scale)
    return { labels, points: grid.map((t): [number, number | null] => [t, at.get(t) ?? null]) }
  })
}

/** Exemplars of a TraceQL metrics answer (labels "trace:id", "span:id"; duration values in seconds). */
export function tempoExemplars(body: TempoMetrics, service: string, operation: string | undefined, isError: boolean): Exemplar[] {
  const out: Exemplar[] = []
  for (const s of body.series ?? []) {
    for (const e of s.exemplars ?? []) {
      const labels = Object.fromEntries((e.labels ?? []).map((kv) => [kv.key, kvString(kv)]))
      const traceId = labels['trace:id'] ?? labels.traceId ?? labels.trace_id
      if (!traceId) continue
      out.push({
        time: Number(e.timestampMs),
        traceId: normalizeId(traceId),
        spanId: labels['span:id'] ? normalizeId(labels['span:id']) : '',
        service,
        operation: operation ?? '',
        latency: Math.round((e.value ?? 0) * 1e6),
        isError,
        labels: {},
      })
    }
  }
  return out
}
