import type { Alert, MetricResult, ServiceSummary, SpanKind, Topology } from '../../domain/model'
import { backendJson } from '../backend-http'
import type { BackendConn } from '../backend-http'
import { CapabilityError, unavailableSource } from './composite-unavailable'
import type { CapabilityGaps, DataSource } from './data-source'
import { ApiError } from '../errors'
import { exemplarsToDomain, matrixToSeries, serviceGraphToTopology, warningsToPartial } from './prometheus-map'
import type { ServiceGraphAnswers } from './prometheus-map'
import {
  callerOf,
  defaultStepMs,
  DISCOVERY_MATCH,
  familyLabels,
  pickFamily,
  rateWindowSeconds,
  redMatchers,
  redQuery,
  selector,
  SERVICE_GRAPH,
  servicesQuery,
  serviceGraphQueries,
  SPAN_METRICS_NAMES,
} from './prometheus-promql'
import type { SpanMetricsFamily } from './prometheus-promql'
import {
  PromAlertsResponseSchema,
  PromExemplarsResponseSchema,
  PromFlagsResponseSchema,
  PromInstantResponseSchema,
  PromRangeResponseSchema,
  PromStringListResponseSchema,
} from './prometheus-wire'
import { askedOnce } from '../asked-once'

export interface PrometheusDiscovery {
  family: SpanMetricsFamily | null
  serviceGraph: boolean
}

const sec = (ms: number) => ms / 1000

const NOT_IN_SPAN_METRICS: Partial<Record<string, string>> = { send_size: 'Send size', recv_size: 'Receive size', mq_lag: 'MQ lag' }

/**
 * Metrics, exemplars, topology and alerts from a Prometheus-compatible store holding OpenTelemetry
 * span metrics and service-graph metrics. Which metric family exists is discovered on first use.
 */
export function createPrometheusSource(
  conn: BackendConn,
): DataSource & {
  discover(signal?: AbortSignal): Promise<PrometheusDiscovery>
  checkCapabilities(signal?: AbortSignal): Promise<CapabilityGaps>
  getMetricServices(q: { from: number; to: number }, signal?: AbortSignal): Promise<ServiceSummary[]>
} {
  const label = `${conn.name} metrics`

  const get = <S extends Parameters<typeof backendJson>[2]>(path: string, query: Record<string, string | number | string[]>, schema: S, signal?: AbortSignal) =>
    backendJson(conn, { path, query, signal }, schema)

  async function discoverNow(): Promise<PrometheusDiscovery> {
    const names = (await get('/api/v1/label/__name__/values', { 'match[]': [DISCOVERY_MATCH] }, PromStringListResponseSchema)).data
    const base = pickFamily(names)
    let family: SpanMetricsFamily | null = null
    if (base) {
      const labels = (await get('/api/v1/labels', { 'match[]': [base.calls] }, PromStringListResponseSchema)).data
      family = { ...base, ...familyLabels(labels) }
    }
    return { family, serviceGraph: names.includes(SERVICE_GRAPH.requests) }
  }

  // asked once, under no caller's signal (askedOnce: one caller going away must not cancel it for all)
  const discover = askedOnce(() => discoverNow())

  async function spanFamily(signal?: AbortSignal): Promise<SpanMetricsFamily> {
    const d = await discover(signal)
    if (!d.family)
      throw new CapabilityError(
        'metrics',
        `${conn.name} holds no span metrics (looked for traces_spanmetrics_*, traces_span_metrics_*, calls_total with latency_bucket or duration_*_bucket). Check that the OpenTelemetry spanmetrics connector or Tempo's metrics-generator writes to this store.`,
      )
    return d.family
  }

  /**
   * Is exemplar storage on? Prometheus answers /api/v1/query_exemplars with an empty success when it is
   * off, so its flags are read (`enable-feature` lists `exemplar-storage`). Null when the store has no
   * flags endpoint (Thanos, Mimir, …): then nothing is claimed either way. Asked once, under no
   * caller's signal (askedOnce).
   */
  const exemplarsStored = askedOnce(
    (): Promise<boolean | null> =>
      get('/api/v1/status/flags', {}, PromFlagsResponseSchema).then(
        (body) => (body.data['enable-feature'] ?? '').split(',').some((f) => f.trim() === 'exemplar-storage'),
        (e: unknown) => {
          if (e instanceof ApiError && (e.kind === 'malformed' || (e.kind === 'http' && (e.status === 404 || e.status === 405 || e.status === 403)))) return null
          throw e
        },
      ),
  )
  const NO_EXEMPLARS = `${conn.name} keeps no exemplars: it runs without exemplar storage (start it with --enable-feature=exemplar-storage), so metric points cannot link to traces.`

  const instant = async (query: string, time: number, signal?: AbortSignal) =>
    (await get('/api/v1/query', { query, time: sec(time) }, PromInstantResponseSchema, signal)).data

  return {
    requests: conn.watch,
    ...unavailableSource('prometheus', label),
    id: 'prometheus',
    label,
    capabilities: {
      traces: false,
      topology: true,
      metrics: true,
      exemplars: true,
      changes: false,
      alerts: true,
      logs: false,
      metricNames: SPAN_METRICS_NAMES,
      topologyGroupBy: ['service'],
    },
    discover,

    async queryMetrics(q, signal): Promise<MetricResult> {
      const f = await spanFamily(signal)
      if (callerOf(q) !== undefined && q.operation)
        throw new CapabilityError('metrics', `The calls from ${callerOf(q) ?? ''} to ${q.service} are measured by the service graph, which has no operations: clear the operation to see them.`)
      const step = q.step ?? defaultStepMs(q.from, q.to)
      const query = redQuery(f, q.metric, q, rateWindowSeconds(step))
      if (!query) throw new CapabilityError('metrics', `${NOT_IN_SPAN_METRICS[q.metric] ?? q.metric} is not available with ${label}: span metrics carry call counts and latencies only.`)
      const startSec = Math.floor(sec(q.from) / sec(step)) * sec(step)
      const endSec = sec(q.to)
      const body = await get('/api/v1/query_range', { query, start: startSec, end: endSec, step: sec(step) }, PromRangeResponseSchema, signal)
      const series = matrixToSeries(body.data, startSec, endSec, sec(step))
      // histogram_quantile over classic buckets: only as precise as the bucket bounds
      return { metric: q.metric, step, series, partial: warningsToPartial(body.warnings), ...(q.metric.startsWith('latency_') ? { percentileBasis: 'buckets' as const } : {}) }
    },

    async getMetricServices(q, signal): Promise<ServiceSummary[]> {
      const f = await spanFamily(signal)
      const rows = await instant(servicesQuery(f, Math.max(60, Math.round(sec(q.to - q.from)))), q.to, signal)
      const byService = new Map<string, Map<string, SpanKind>>()
      for (const r of rows.result) {
        const name = r.metric[f.service]
        if (!name) continue
        const ops = byService.get(name) ?? new Map<string, SpanKind>()
        byService.set(name, ops)
        const op = r.metric[f.operation]
        if (op) ops.set(op, f.kind && r.metric[f.kind] === 'SPAN_KIND_CONSUMER' ? 'consumer' : 'server')
      }
      return [...byService.keys()].sort().map((name) => ({
        name,
        layer: '',
        framework: '',
        dcs: [],
        clusters: [],
        operations: [...(byService.get(name) ?? new Map<string, SpanKind>())].sort(([a], [b]) => a.localeCompare(b)).map(([op, kind]) => ({ name: op, kind })),
      }))
    },

    async getMetricLabels(q, signal) {
      const f = await spanFamily(signal)
      const match = selector(f.calls, [[f.service, '=', q.service]])
      const range = { start: sec(q.from), end: sec(q.to) }
      const names = (await get('/api/v1/labels', { 'match[]': [match], ...range }, PromStringListResponseSchema, signal)).data
      const wanted = names.filter((n) => n !== '__name__' && n !== f.service && n !== 'le' && n !== 'job' && n !== 'instance')
      const values = await Promise.all(
        wanted.map((n) => get(`/api/v1/label/${encodeURIComponent(n)}/values`, { 'match[]': [match], ...range }, PromStringListResponseSchema, signal)),
      )
      return Object.fromEntries(wanted.map((n, i) => [n, values[i].data]))
    },

    async checkCapabilities(signal): Promise<CapabilityGaps> {
      return (await exemplarsStored(signal)) === false ? { exemplars: NO_EXEMPLARS } : {}
    },

    async getExemplars(q, signal) {
      if ((await exemplarsStored(signal)) === false) throw new CapabilityError('exemplars', NO_EXEMPLARS)
      const f = await spanFamily(signal)
      const caller = callerOf(q)
      if (caller !== undefined)
        return { exemplars: [], partial: { missingDcs: [], reason: `Exemplars are kept per service and operation, not per caller: none can be shown for the calls from ${caller} alone.` } }
      const query = selector(f.bucket, redMatchers(f, q))
      const body = await get('/api/v1/query_exemplars', { query, start: sec(q.from), end: sec(q.to) }, PromExemplarsResponseSchema, signal)
      return { exemplars: exemplarsToDomain(body.data, f), partial: warningsToPartial(body.warnings) }
    },

    async getTopology(q, signal): Promise<Topology> {
      const d = await discover(signal)
      if (!d.serviceGraph)
        throw new CapabilityError(
          'topology',
          `${conn.name} holds no service-graph metrics (traces_service_graph_request_total). Enable the servicegraph connector of the OpenTelemetry Collector or Tempo's metrics-generator.`,
        )
      const windowSec = Math.max(60, Math.round(sec(q.to - q.from)))
      const queries = serviceGraphQueries(windowSec)
      const keys = Object.keys(queries) as (keyof ServiceGraphAnswers)[]
      const answers = await Promise.all(keys.map((k) => instant(queries[k], q.to, signal)))
      const a = Object.fromEntries(keys.map((k, i) => [k, answers[i]])) as unknown as ServiceGraphAnswers
      return serviceGraphToTopology(a, q.from, q.to)
    },

    async getAlerts(q, signal): Promise<Alert[]> {
      const body = await get('/api/v1/alerts', {}, PromAlertsResponseSchema, signal)
      return body.data.alerts
        .filter((a) => a.state === 'firing')
        .map((a, i): Alert => ({
          id: `${a.labels.alertname ?? 'alert'}-${i}`,
          service: a.labels.service ?? a.labels.service_name ?? a.labels.job ?? '',
          severity: a.labels.severity === 'critical' ? 'critical' : 'warning',
          startsAt: a.activeAt ? Date.parse(a.activeAt) : q.from,
          endsAt: null,
          summary: a.annotations.summary ?? a.annotations.description ?? a.labels.alertname ?? '',
          metric: a.labels.alertname ?? '',
        }))
        .filter((a) => !q.service || a.service === q.service)
    },
  }
}
