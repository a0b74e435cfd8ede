import { buildUrl, fetchJson } from '../client'
import { ServicesResponseSchema } from '../schemas/service'
import { TraceSearchResponseSchema } from '../schemas/trace'
import { TraceResponseFastSchema } from '../schemas/trace-fast'
import { TopologyResponseFastSchema } from '../schemas/topology-fast'
import { ExemplarsResponseSchema, MetricLabelsResponseSchema, MetricResponseSchema } from '../schemas/metrics'
import { AlertsResponseSchema, ChangesResponseSchema, LogsResponseSchema } from '../schemas/events'
import { tagParam } from './data-source'
import type { DataSource } from './data-source'

/**
 * The console API (/api/v1), documented in docs/api.md. The synthetic world serves it through MSW;
 * a deployment may also serve it for real.
 */
export function createConsoleApiSource(opts: { baseUrl?: string; label?: string; id?: string } = {}): DataSource {
  const base = (opts.baseUrl ?? '').replace(/\/$/, '') + '/api/v1'
  const source = opts.label === undefined ? 'synthetic backend' : opts.label
  const req = { source }
  return {
    id: opts.id ?? 'synthetic',
    label: opts.label ?? 'Synthetic data',
    capabilities: { traces: true, topology: true, metrics: true, exemplars: true, changes: true, alerts: true, logs: true },

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
      })
      return fetchJson(url, TraceSearchResponseSchema, { ...req, signal })
    },
    async getTrace(traceId, signal) {
      const url = `${base}/traces/${encodeURIComponent(traceId)}`
      return (await fetchJson(url, TraceResponseFastSchema, { ...req, signal })).trace
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
        step: q.step,
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
    async getLogs(q, signal) {
      const url = buildUrl(`${base}/logs`, { traceId: q.traceId, spanId: q.spanId })
      return (await fetchJson(url, LogsResponseSchema, { ...req, signal })).logs
    },
  }
}
