import type { SourceConfig } from '../../../api/config'
import type { CapabilityGaps, DataSource } from '../../../api/sources/data-source'

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

/**
 * The source's capabilities as two lists a person can read. `gaps` are what the backend turned out to
 * lack when asked (e.g. exemplar storage off): those are missing, with the reason.
 */
export function capabilityRows(source: DataSource, gaps: CapabilityGaps = {}): { available: string[]; missing: { label: string; reason?: string }[] } {
  const available: string[] = []
  const missing: { label: string; reason?: string }[] = []
  for (const [key, label] of CAPS) {
    const reason = key === 'metrics' || key === 'exemplars' || key === 'topology' ? gaps[key] : undefined
    if (source.capabilities[key] && !reason) available.push(label)
    else missing.push({ label, reason })
  }
  return { available, missing }
}
