import { buildUrl } from '../http/url'
import { fetchJson } from '../http/request'
import { RequestWatch } from '../http/watch'
import { parseJsonText } from '../http/parse'
import { ApiError } from '../errors'
import { ServicesResponseSchema } from '../schemas/service'
import { TraceSearchResponseSchema } from '../schemas/trace'
import { TraceResponseFastSchema } from '../schemas/trace-fast'
import { TRACE_STREAM_TYPE } from '../schemas/trace-stream'
import { readBackendTrace } from '../trace-loading/backend/read-backend-trace'
import { TopologyResponseFastSchema } from '../schemas/topology-fast'
import { ExemplarsResponseSchema, MetricLabelsResponseSchema, MetricResponseSchema } from '../schemas/metrics'
import { AlertsResponseSchema, ChangesResponseSchema, LogsResponseSchema, SamplesResponseSchema } from '../schemas/events'
import { ErrorVolumesResponseSchema } from '../schemas/errors'
import { tagParam } from './data-source'
import type { DataSource } from './data-source'

/**
 * The console API (/api/v1), documented in docs/api.md. The synthetic world serves it through MSW;
 * a deployment may also serve it for real.
 */
/** The console API's path under a deployment's base URL. */
export const CONSOLE_API_PATH = '/api/v1'

export function createConsoleApiSource(opts: { baseUrl?: string; label?: string; id?: string; watch?: RequestWatch } = {}): DataSource {
  const base = (opts.baseUrl ?? '').replace(/\/$/, '') + CONSOLE_API_PATH
  const source = opts.label === undefined ? 'synthetic backend' : opts.label
  const watch = opts.watch ?? new RequestWatch()
  const req = { source, watch }
  return {
    requests: watch,
    id: opts.id ?? 'synthetic',
    label: opts.label ?? 'Synthetic data',
    // the platform the world models keeps traces 15 days (shared/domain.md, "Platform figures")
    capabilities: { traces: true, topology: true, metrics: true, exemplars: true, changes: true, alerts: true, logs: true, traceRetentionDays: 15, windowPercentiles: true },

    async getServices(q, signal) {
      const url = buildUrl(`${base}/services`, { from: q.from, to: q.to })
      return (await fetchJson(url, ServicesResponseSchema, { ...req, signal })).services
    },
    async searchTraces(q, signal) {
      const url = buildUrl(`${base}/traces`, {
        from: q.from,
        to: q.to,
        service: q.service,
        operation: q.operation,
        tag: tagParam(q.tags),
        minDuration: q.minDuration,
        maxDuration: q.maxDuration,
        status: q.status,
        sampling: q.sampling,
        dc: q.dc,
        limit: q.limit,
        match: q.span ? 'span' : undefined,
        spanMinDuration: q.span?.minDuration,
        spanStatus: q.span?.status,
        spanTag: tagParam(q.span?.tags),
      })
      return fetchJson(url, TraceSearchResponseSchema, { ...req, signal })
    },
    async getTrace(traceId, signal, load) {
      // asked for as a stream and read in a worker: a big trace is parsed line by line while it
      // arrives, off the page's thread, and its tree built there (a server that answers plain
      // JSON instead is read whole on the page)
      const url = `${base}/traces/${encodeURIComponent(traceId)}`
      const trace = await readBackendTrace(url, {
        ...req,
        signal,
        format: 'console-stream',
        accept: TRACE_STREAM_TYPE,
        whole: (text) => parseJsonText(text, TraceResponseFastSchema, { source, url }).trace,
        onProgress: load?.onProgress,
        onTree: load?.onTree,
        onHandOver: load?.onHandOver,
        startWorker: load?.startWorker,
        releaseWorker: load?.releaseWorker,
        underWay: load?.stream?.underWay,
        readAfter: load?.stream?.readAfter,
      })
      if (!trace) throw new ApiError({ kind: 'malformed', source, url, message: `The ${source} sent an answer without the trace.` })
      return trace
    },
    async getTopology(q, signal) {
      const url = buildUrl(`${base}/topology`, {
        from: q.from,
        to: q.to,
        focus: q.focus,
        up: q.up,
        down: q.down,
        groupBy: q.groupBy,
      })
      return fetchJson(url, TopologyResponseFastSchema, { ...req, signal })
    },
    async queryMetrics(q, signal) {
      const url = buildUrl(`${base}/metrics/query_range`, {
        metric: q.metric,
        service: q.service,
        operation: q.operation,
        filter: tagParam(q.filters),
        groupBy: q.groupBy,
        from: q.from,
        to: q.to,
        step: q.wholeWindow ? 'window' : q.step,
      })
      return fetchJson(url, MetricResponseSchema, { ...req, signal })
    },
    async getMetricLabels(q, signal) {
      const url = buildUrl(`${base}/metrics/labels`, { service: q.service, from: q.from, to: q.to })
      return (await fetchJson(url, MetricLabelsResponseSchema, { ...req, signal })).labels
    },
    async getExemplars(q, signal) {
      const url = buildUrl(`${base}/exemplars`, {
        service: q.service,
        operation: q.operation,
        filter: tagParam(q.filters),
        from: q.from,
        to: q.to,
      })
      return fetchJson(url, ExemplarsResponseSchema, { ...req, signal })
    },
    async getChanges(q, signal) {
      const url = buildUrl(`${base}/changes`, { from: q.from, to: q.to, service: q.service })
      return (await fetchJson(url, ChangesResponseSchema, { ...req, signal })).changes
    },
    async getAlerts(q, signal) {
      const url = buildUrl(`${base}/alerts`, { from: q.from, to: q.to, service: q.service })
      return (await fetchJson(url, AlertsResponseSchema, { ...req, signal })).alerts
    },
    async getErrorVolumes(q, signal) {
      const url = buildUrl(`${base}/errors/volumes`, { from: q.from, to: q.to, service: q.service, dc: q.dc })
      return fetchJson(url, ErrorVolumesResponseSchema, { ...req, signal })
    },
    async getLogs(q, signal) {
      const url = buildUrl(`${base}/logs`, { traceId: q.traceId, spanId: q.spanId })
      return (await fetchJson(url, LogsResponseSchema, { ...req, signal })).logs
    },
    async getSampleTraces(signal) {
      return (await fetchJson(`${base}/samples`, SamplesResponseSchema, { ...req, signal })).samples
    },
  }
}
