import type { Health, Partiality, TopologyEdge, TopologyNode } from '../model'
import { ownP99 } from './latency-basis'

/** Thresholds shared by the overlays, the legend and "problems only". Pure. */
export const LATENCY_THRESHOLDS_US = { warning: 250_000, critical: 1_000_000 } as const
export const ERROR_THRESHOLDS = { warning: 0.01, critical: 0.05 } as const

export type Level = 'ok' | 'warning' | 'critical'

export function latencyLevel(p99Us: number): Level {
  if (p99Us >= LATENCY_THRESHOLDS_US.critical) return 'critical'
  if (p99Us >= LATENCY_THRESHOLDS_US.warning) return 'warning'
  return 'ok'
}

export function errorLevel(errorRate: number): Level {
  if (errorRate >= ERROR_THRESHOLDS.critical) return 'critical'
  if (errorRate >= ERROR_THRESHOLDS.warning) return 'warning'
  return 'ok'
}

/**
 * Health as shown: the source's verdict, except that a node of a data centre that did not answer
 * (or a service running only in such DCs) is unknown rather than healthy: there is no data to judge.
 * A service that also runs in DCs that answered keeps the verdict from those.
 * A node that says when it was silent (`silent`) was judged by its source on the minutes it had
 * data: a DC silent for 5 minutes of a 30-minute window does not make the other 25 unknown.
 */
export function effectiveHealth(
  node: Pick<TopologyNode, 'health' | 'dc' | 'service' | 'silent'>,
  partial: Partiality | null,
  serviceDcs?: ReadonlyMap<string, readonly string[]>,
): Health {
  const missing = partial?.missingDcs ?? []
  if (missing.length === 0 || node.silent !== null || node.health === 'critical' || node.health === 'warning') return node.health
  if (node.dc !== null) return missing.includes(node.dc) ? 'unknown' : node.health
  const dcs = serviceDcs?.get(node.service)
  if (dcs && dcs.length > 0 && dcs.every((dc) => missing.includes(dc))) return 'unknown'
  return node.health
}

/** Shape and glyph per health, so health never relies on colour alone. */
export const HEALTH_MARK: Record<Health, { shape: string; glyph: string; label: string }> = {
  ok: { shape: 'ellipse', glyph: '', label: 'Healthy' },
  warning: { shape: 'diamond', glyph: '▲', label: 'Warning' },
  critical: { shape: 'octagon', glyph: '✖', label: 'Critical' },
  unknown: { shape: 'round-rectangle', glyph: '?', label: 'Unknown (no data)' },
}

export function isProblemNode(node: Pick<TopologyNode, 'alerts'>, health: Health): boolean {
  return health !== 'ok' || node.alerts > 0
}

export function isProblemEdge(edge: Pick<TopologyEdge, 'errorRate' | 'p50' | 'p99' | 'latencyBasis'>): boolean {
  const p99 = ownP99(edge)
  return errorLevel(edge.errorRate) !== 'ok' || (p99 !== null && latencyLevel(p99) !== 'ok')
}
