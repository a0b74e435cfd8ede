import type { DataSource, SourceCapabilities } from './data-source'

/** The yes/no capabilities (not the optional lists). */
export type Capability = 'traces' | 'topology' | 'metrics' | 'exemplars' | 'changes' | 'alerts' | 'logs'

/** Thrown when a view asks a source for something it cannot provide; the message says so plainly. */
export class CapabilityError extends Error {
  readonly capability: Capability
  constructor(capability: Capability, message: string) {
    super(message)
    this.name = 'CapabilityError'
    this.capability = capability
  }
}

export function isCapabilityError(e: unknown): e is CapabilityError {
  return e instanceof CapabilityError
}

const WHAT: Record<Capability, string> = {
  traces: 'Traces are',
  topology: 'A service topology is',
  metrics: 'Metrics are',
  exemplars: 'Exemplars are',
  changes: 'Change events (deploys, config pushes) are',
  alerts: 'Alerts are',
  logs: 'Log lines are',
}

export const unavailable = (capability: Capability, label: string): CapabilityError =>
  new CapabilityError(capability, `${WHAT[capability]} not available with this data source (${label}).`)

export const NO_CAPABILITIES: SourceCapabilities = {
  traces: false,
  topology: false,
  metrics: false,
  exemplars: false,
  changes: false,
  alerts: false,
  logs: false,
}

/** A DataSource whose every method says "not available"; adapters spread it and override what they serve. */
export function unavailableSource(id: string, label: string): DataSource {
  const no = (c: Capability) => () => Promise.reject(unavailable(c, label))
  return {
    id,
    label,
    capabilities: NO_CAPABILITIES,
    getServices: no('traces'),
    searchTraces: no('traces'),
    getTrace: no('traces'),
    getTopology: no('topology'),
    queryMetrics: no('metrics'),
    getMetricLabels: no('metrics'),
    getExemplars: no('exemplars'),
    getChanges: no('changes'),
    getAlerts: no('alerts'),
    getLogs: no('logs'),
  }
}
