/** Trace statistics: count, errors, total and self time per service and per operation. */
import type { TraceTree } from './tree'

export interface StatRow {
  key: string
  service: string
  /** null for per-service rows */
  operation: string | null
  count: number
  errors: number
  /** µs */
  total: number
  /** µs */
  self: number
  /** µs */
  max: number
}

export type StatGroup = 'service' | 'operation'
export type StatSortKey = 'name' | 'count' | 'errors' | 'total' | 'self' | 'max'

export function traceStatistics(tree: TraceTree, self: Float64Array, group: StatGroup): StatRow[] {
  const rows = new Map<string, StatRow>()
  for (const n of tree.nodes) {
    const span = n.span
    if (!span) continue
    const key = group === 'service' ? span.service : `${span.service}\u0000${span.name}`
    let row = rows.get(key)
    if (!row) {
      row = { key, service: span.service, operation: group === 'service' ? null : span.name, count: 0, errors: 0, total: 0, self: 0, max: 0 }
      rows.set(key, row)
    }
    row.count++
    if (n.isError) row.errors++
    row.total += n.duration
    row.self += self[n.index]
    if (n.duration > row.max) row.max = n.duration
  }
  return [...rows.values()]
}

export function sortStatistics(rows: StatRow[], key: StatSortKey, descending: boolean): StatRow[] {
  const dir = descending ? -1 : 1
  const name = (r: StatRow) => `${r.service} ${r.operation ?? ''}`
  return [...rows].sort((a, b) => {
    const d = key === 'name' ? name(a).localeCompare(name(b)) : a[key] - b[key]
    return d !== 0 ? d * dir : name(a).localeCompare(name(b))
  })
}
