import { buildUrl } from '../http/url'
import { fetchJson } from '../http/request'
import { fetchLines } from '../http/ndjson'
import { RequestWatch } from '../http/watch'
import { formatIssuePath, parseJsonText } from '../http/parse'
import { ApiError } from '../errors'
import { ServicesResponseSchema } from '../schemas/service'
import { TraceSearchResponseSchema } from '../schemas/trace'
import { TraceResponseFastSchema } from '../schemas/trace-fast'
import { TRACE_STREAM_TYPE, TraceStreamError, TraceStreamReader } from '../schemas/trace-stream'
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
      // asked for as a stream: a big trace is parsed line by line while it arrives (a server
      // that answers plain JSON instead is read as before)
      const url = `${base}/traces/${encodeURIComponent(traceId)}`
      const reader = new TraceStreamReader()
      try {
        const answer = await fetchLines(url, TRACE_STREAM_TYPE, (block, first) => {
            reader.lines(block, first)
            const p = reader.progress()
            if (p && load?.onProgress) load.onProgress(p)
          }, { ...req, ...load?.stream, signal })
        if (!answer.streamed) return parseJsonText(answer.text, TraceResponseFastSchema, { source, url }).trace
        return reader.finish()
      } catch (e) {
        if (!(e instanceof TraceStreamError)) throw e
        const path = formatIssuePath(e.path)
        throw new ApiError({ kind: 'malformed', source, url, path, message: `The ${source} sent a trace the console cannot read: ${e.path.length ? `field "${path}", ` : ''}${e.message}.` })
      }
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
