import type { MetricName, MetricResult, MetricSeries, ServiceSummary, Trace } from '../../domain/model'
import { backendJson, backendTrace } from '../backend-http'
import type { BackendConn } from '../backend-http'
import { CapabilityError, unavailableSource } from './composite-unavailable'
import type { DataSource, MetricQuery, TraceLoadHooks } from './data-source'
import { mapLimit } from './jaeger-util'
import {
  searchToSummaries,
  tagValues,
  TempoMetricsSchema,
  TempoSearchSchema,
  TempoTagNamesSchema,
  TempoTagValuesSchema,
  tempoExemplars,
  tempoSeries,
  toTraceQL,
} from './tempo-map'
import type { TempoMetrics } from './tempo-map'

const sec = (ms: number) => Math.floor(ms / 1000)
const LATENCY_Q: Partial<Record<MetricName, number>> = { latency_p50: 0.5, latency_p95: 0.95, latency_p99: 0.99 }

/**
 * Traces from Grafana Tempo: trace by id (OTLP JSON), search (TraceQL), tag names and values, and,
 * from Tempo 2.4, RED series with exemplars through TraceQL metrics (/api/metrics/query_range).
 */
export function createTempoSource(conn: BackendConn) {
  const label = `${conn.name} traces`

  const values = async (tag: string, q: { from: number; to: number; traceql?: string }, signal?: AbortSignal): Promise<string[]> => {
    try {
      const body = await backendJson(
        conn,
        { path: `/api/v2/search/tag/${encodeURIComponent(tag)}/values`, query: { start: sec(q.from), end: sec(q.to), q: q.traceql }, signal },
        TempoTagValuesSchema,
      )
      return tagValues(body)
    } catch (e) {
      // Tempo before 2.1 has only the unscoped v1 endpoint
      if (!(e instanceof Error) || !/404/.test(e.message)) throw e
      const legacy = tag.replace(/^(resource|span)\./, '')
      const body = await backendJson(conn, { path: `/api/search/tag/${encodeURIComponent(legacy)}/values`, signal }, TempoTagValuesSchema)
      return tagValues(body)
    }
  }

  async function tagNames(q: { from: number; to: number }, signal?: AbortSignal): Promise<string[]> {
    const body = await backendJson(conn, { path: '/api/v2/search/tags', query: { start: sec(q.from), end: sec(q.to) }, signal }, TempoTagNamesSchema)
    const scoped = (body.scopes ?? []).flatMap((s) => (s.tags ?? []).map((t) => (s.name === 'intrinsic' ? t : `${s.name}.${t}`)))
    return [...new Set([...scoped, ...(body.tagNames ?? [])])].sort()
  }

  async function metrics(traceql: string, q: MetricQuery, step: number, signal?: AbortSignal): Promise<TempoMetrics> {
    return backendJson(
      conn,
      { path: '/api/metrics/query_range', query: { q: traceql, start: sec(q.from), end: sec(q.to), step: `${Math.max(1, Math.round(step / 1000))}s` }, signal },
      TempoMetricsSchema,
    )
  }

  const selection = (q: MetricQuery, extra = '') =>
    toTraceQL({ from: q.from, to: q.to, service: q.service, operation: q.operation, tags: q.filters, status: extra === 'error' ? 'error' : undefined })
  const by = (q: MetricQuery) => (q.groupBy ? ` by (.${q.groupBy.replace(/^\./, '')})` : '')

  const source = {
    ...unavailableSource('tempo', label),
    id: 'tempo',
    label,
    capabilities: {
      traces: true,
      topology: false,
      metrics: true,
      exemplars: true,
      changes: false,
      alerts: false,
      logs: false,
      metricNames: ['request_rate', 'error_rate', 'latency_p50', 'latency_p95', 'latency_p99'] as MetricName[],
    },
    tagNames,
    tagValues: values,

    async getServices(q: { from: number; to: number }, signal?: AbortSignal): Promise<ServiceSummary[]> {
      // names only: operations are asked for one chosen service at a time (getOperations)
      const names = await values('resource.service.name', q, signal)
      return names.map((name) => ({ name, layer: '', framework: '', dcs: [], clusters: [], operations: [] }))
    },

    async getOperations(service: string, q: { from: number; to: number }, signal?: AbortSignal) {
      const ops = await values('name', { ...q, traceql: `{ resource.service.name = "${service.replace(/"/g, '\\"')}" }` }, signal)
      return ops.map((o) => ({ name: o, kind: 'server' as const }))
    },

    async searchTraces(q: Parameters<DataSource['searchTraces']>[0], signal?: AbortSignal) {
      if (q.span && (q.minDuration !== undefined || q.maxDuration !== undefined || q.status || q.tags?.length))
        throw new CapabilityError('traces', 'A span-level search of Tempo cannot also ask for whole-trace conditions.')
      const limit = q.limit ?? 20
      const body = await backendJson(
        conn,
        { path: '/api/search', query: { q: toTraceQL(q), start: sec(q.from), end: Math.ceil(q.to / 1000), limit, spss: 3 }, signal },
        TempoSearchSchema,
      )
      const traces = searchToSummaries(body, q)
      const m = body.metrics
      const incomplete = m?.totalJobs !== undefined && m.completedJobs !== undefined && m.completedJobs < m.totalJobs
      return {
    requests: conn.watch,
        traces,
        truncated: (body.traces?.length ?? 0) >= limit,
        partial: incomplete ? { missingDcs: [], reason: `Tempo searched ${m?.completedJobs} of ${m?.totalJobs} blocks` } : null,
      }
    },

    async getTrace(traceId: string, signal?: AbortSignal, load?: TraceLoadHooks): Promise<Trace> {
      const notFound = `trace ${traceId} (it may have expired or not be flushed yet)`
      // the answer is parsed, checked and converted in a worker as it arrives (src/api/trace-loading/backend)
      const read = (path: string, missing?: string) => backendTrace(conn, { path, signal, notFound: missing, accept: 'application/json' }, 'tempo', load)
      let trace: Trace | null
      try {
        trace = await read(`/api/v2/traces/${encodeURIComponent(traceId)}`)
      } catch (e) {
        // a 404 here is either "no such trace" or "no v2 API" (Tempo before 2.5): the v1 API decides
        if (!(e instanceof Error) || !/has no endpoint/.test(e.message)) throw e
        trace = await read(`/api/traces/${encodeURIComponent(traceId)}`, notFound)
      }
      if (!trace) throw new CapabilityError('traces', `Tempo has no ${notFound}.`)
      return trace
    },

    async queryMetrics(q: MetricQuery, signal?: AbortSignal): Promise<MetricResult> {
      const step = q.step ?? Math.max(1000, Math.ceil((q.to - q.from) / 300 / 1000) * 1000)
      const quantile = LATENCY_Q[q.metric]
      let series: MetricSeries[]
      if (q.metric === 'request_rate') {
        series = tempoSeries(await metrics(`${selection(q)} | rate()${by(q)}`, q, step, signal), q.from, q.to, step)
      } else if (q.metric === 'error_rate') {
        const [all, failed] = await Promise.all([
          metrics(`${selection(q)} | rate()${by(q)}`, q, step, signal),
          metrics(`${selection(q, 'error')} | rate()${by(q)}`, q, step, signal),
        ])
        const failedByKey = new Map(tempoSeries(failed, q.from, q.to, step).map((s) => [JSON.stringify(s.labels), s]))
        series = tempoSeries(all, q.from, q.to, step).map((s) => {
          const f = failedByKey.get(JSON.stringify(s.labels))
          return { labels: s.labels, points: s.points.map(([t, v], i): [number, number | null] => [t, v ? (f?.points[i][1] ?? 0) / v : v === 0 ? 0 : null]) }
        })
      } else if (quantile !== undefined) {
        series = tempoSeries(await metrics(`${selection(q)} | quantile_over_time(duration, ${quantile})${by(q)}`, q, step, signal), q.from, q.to, step, 1e6)
      } else {
        throw new CapabilityError('metrics', `This series is not available with ${label}: TraceQL metrics give call rates, errors and latencies only.`)
      }
      // quantile_over_time: over Tempo's stored (sampled) spans, from its coarse histogram
      return { metric: q.metric, step, series, partial: null, ...(quantile !== undefined ? { percentileBasis: 'tempo' as const } : {}) }
    },

    async getMetricLabels(q: { service: string; from: number; to: number }, signal?: AbortSignal) {
      const names = (await tagNames(q, signal)).filter((n) => n.startsWith('span.') && !n.includes('id'))
      const picked = names.slice(0, 12)
      const vals = await mapLimit(picked, 4, (n) => values(n, { ...q, traceql: `{ resource.service.name = "${q.service.replace(/"/g, '\\"')}" }` }, signal).catch(() => []))
      return Object.fromEntries(picked.map((n, i) => [n.replace(/^span\./, ''), vals[i].slice(0, 50)]).filter(([, v]) => v.length > 0))
    },

    async getExemplars(q: Parameters<DataSource['getExemplars']>[0], signal?: AbortSignal) {
      const step = Math.max(1000, Math.ceil((q.to - q.from) / 60 / 1000) * 1000)
      const mq: MetricQuery = { ...q, metric: 'latency_p99' }
      const [all, failed] = await Promise.all([
        metrics(`${selection(mq)} | quantile_over_time(duration, 0.99)`, mq, step, signal),
        metrics(`${selection(mq, 'error')} | quantile_over_time(duration, 0.99)`, mq, step, signal),
      ])
      const errors = tempoExemplars(failed, q.service, q.operation, true)
      const errorIds = new Set(errors.map((e) => e.traceId))
      const ok = tempoExemplars(all, q.service, q.operation, false).filter((e) => !errorIds.has(e.traceId))
      return { exemplars: [...errors, ...ok].sort((a, b) => b.time - a.time), partial: null }
    },
  }
  return source satisfies DataSource
}
