/**
 * What an ECharts Sankey event (tooltip, click) points at: a node by its name, or a link by its two
 * ends, with the value ECharts gives it (a node's: the larger of what flows in and out).
 */
export type SankeyTarget =
  | { kind: 'node'; name: string; value: number }
  | { kind: 'edge'; source: string; target: string; value: number }

/** The Sankey element an event's parameter names; null when it names none. */
export function sankeyTarget(p: unknown): SankeyTarget | null {
  const { dataType, data, value } = (p ?? {}) as { dataType?: string; data?: { name?: string; source?: string; target?: string }; value?: number }
  if (!data) return null
  return dataType === 'edge'
    ? { kind: 'edge', source: data.source ?? '', target: data.target ?? '', value: value ?? 0 }
    : { kind: 'node', name: data.name ?? '', value: value ?? 0 }
}
