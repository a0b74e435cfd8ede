import type { CapabilityGaps, DataSource, SourceCapabilities } from './data-source'
import { unavailable, unavailableSource } from './composite-unavailable'

export interface CompositeParts {
  /** traces, services and logs */
  traces: DataSource
  /** metrics, exemplars and alerts; null when no metrics store is configured */
  metrics: DataSource | null
  /** the topology; by default the metrics source when it has one, else the trace source */
  topology?: DataSource | null
}

/** "Jaeger traces · Prometheus metrics": the shell's indicator names both. */
export function compositeLabel(parts: CompositeParts): string {
  const names = [parts.traces.label]
  if (parts.metrics && parts.metrics.label !== parts.traces.label) names.push(parts.metrics.label)
  else if (!parts.metrics) names.push('no metrics')
  return names.join(' · ')
}


const pickTopology = (p: CompositeParts): DataSource | null => {
  if (p.topology !== undefined) return p.topology
  if (p.metrics?.capabilities.topology) return p.metrics
  return p.traces.capabilities.topology ? p.traces : null
}

/**
 * One DataSource from a trace source and a metrics source. Each call goes to the part that can answer;
 * what neither can answer is declared in the capabilities and rejected with a plain message.
 */
export function createCompositeSource(parts: CompositeParts): DataSource {
  const label = compositeLabel(parts)
  const t = parts.traces
  const m = parts.metrics ?? unavailableSource('none', label)
  const topo = pickTopology(parts)
  const either = (k: 'changes' | 'alerts' | 'logs'): DataSource | null =>
    m.capabilities[k] ? m : t.capabilities[k] ? t : null
  const changes = either('changes')
  const alerts = either('alerts')
  const logs = t.capabilities.logs ? t : m.capabilities.logs ? m : null
  const capabilities: SourceCapabilities = {
    traces: t.capabilities.traces,
    topology: topo !== null && topo.capabilities.topology,
    metrics: m.capabilities.metrics,
    exemplars: m.capabilities.exemplars,
    changes: changes !== null,
    alerts: alerts !== null,
    logs: logs !== null,
    ...(m.capabilities.metricNames ? { metricNames: m.capabilities.metricNames } : {}),
    ...(t.capabilities.traceRetentionDays !== undefined ? { traceRetentionDays: t.capabilities.traceRetentionDays } : {}),
    ...(m.capabilities.windowPercentiles ? { windowPercentiles: true } : {}),
    ...(topo?.capabilities.topologyGroupBy ? { topologyGroupBy: topo.capabilities.topologyGroupBy } : {}),
  }
  return {
    id: `${t.id}+${parts.metrics?.id ?? 'none'}`,
    requests: t.requests ?? parts.metrics?.requests,
    label,
    capabilities,
    getServices: (q, s) => t.getServices(q, s),
    searchTraces: (q, s) => t.searchTraces(q, s),
    getTrace: (id, s, load) => t.getTrace(id, s, load),
    getTopology: (q, s) => (topo ? topo.getTopology(q, s) : Promise.reject(unavailable('topology', label))),
    queryMetrics: (q, s) => m.queryMetrics(q, s),
    getMetricLabels: (q, s) => m.getMetricLabels(q, s),
    getExemplars: (q, s) => m.getExemplars(q, s),
    getChanges: (q, s) => (changes ? changes.getChanges(q, s) : Promise.reject(unavailable('changes', label))),
    getAlerts: (q, s) => (alerts ? alerts.getAlerts(q, s) : Promise.reject(unavailable('alerts', label))),
    getLogs: (q, s) => (logs ? logs.getLogs(q, s) : Promise.reject(unavailable('logs', label))),
    ...(m.getMetricServices ? { getMetricServices: m.getMetricServices.bind(m) } : {}),
    ...(t.getOperations ? { getOperations: t.getOperations.bind(t) } : {}),
    // error volumes are aggregated where the traces are
    ...(t.getErrorVolumes ? { getErrorVolumes: t.getErrorVolumes.bind(t) } : {}),
    // example traces come from where the traces are
    ...(t.getSampleTraces ? { getSampleTraces: t.getSampleTraces.bind(t) } : {}),
    checkCapabilities: async (s): Promise<CapabilityGaps> => {
      const backends = [...new Set([t, parts.metrics, topo])].filter((p): p is DataSource => p !== null)
      const gaps = await Promise.all(backends.map((p) => p.checkCapabilities?.(s) ?? Promise.resolve({})))
      return Object.assign({}, ...gaps) as CapabilityGaps
    },
  }
}
