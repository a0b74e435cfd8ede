import type { SourceConfig } from '../../../api/config'
import type { DataSource } from '../../../api/sources/data-source'

const KIND: Record<string, string> = {
  synthetic: 'Synthetic data',
  jaeger: 'Jaeger',
  tempo: 'Grafana Tempo',
  prometheus: 'Prometheus (or Thanos, Mimir, Cortex)',
  none: 'None',
  console: 'Console API',
}

export const describeSource = (c: SourceConfig): string => KIND[c.kind] ?? c.kind

const CAPS = [
  ['traces', 'Traces'],
  ['metrics', 'Metrics'],
  ['exemplars', 'Exemplars (metric points linked to traces)'],
  ['topology', 'Service topology'],
  ['alerts', 'Alerts'],
  ['changes', 'Change events (deploys)'],
  ['logs', 'Log lines'],
] as const

/** The source's capabilities as two lists a person can read. */
export function capabilityRows(source: DataSource): { available: string[]; missing: string[] } {
  const available: string[] = []
  const missing: string[] = []
  for (const [key, label] of CAPS) (source.capabilities[key] ? available : missing).push(label)
  return { available, missing }
}
