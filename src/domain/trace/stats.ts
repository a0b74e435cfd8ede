/** Trace statistics: count, errors, total and self time per service and per operation. */
import type { SelfTimes } from './timing'
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
  /** µs of self time known for sure (exact when `unaccounted` is 0) */
  self: number
  /**
   * µs of the group's spans not covered by captured children while calls were not captured
   * (PostTrace): own work or lost calls, so the self time lies in [self, self + unaccounted]
   */
  unaccounted: number
  /** spans of the group whose self time is not exact */
  unknownSelf: number
  /** µs */
  max: number
}

export type StatGroup = 'service' | 'operation'
export type StatSortKey = 'name' | 'count' | 'errors' | 'total' | 'self' | 'unaccounted' | 'max'

export function traceStatistics(tree: TraceTree, self: SelfTimes, group: StatGroup): StatRow[] {
  const rows = new Map<string, StatRow>()
  for (const n of tree.nodes) {
    const span = n.span
    if (!span) continue
    const key = group === 'service' ? span.service : `${span.service}\u0000${span.name}`
    let row = rows.get(key)
    if (!row) {
      row = { key, service: span.service, operation: group === 'service' ? null : span.name, count: 0, errors: 0, total: 0, self: 0, unaccounted: 0, unknownSelf: 0, max: 0 }
      rows.set(key, row)
    }
    row.count++
    if (n.isError) row.errors++
    row.total += n.duration
    row.self += self.known[n.index]
    row.unaccounted += self.unaccounted[n.index]
    if (self.unaccounted[n.index] > 0) row.unknownSelf++
    if (n.duration > row.max) row.max = n.duration
  }
  return [...rows.values()]
}

/** Time of the whole trace not accounted for: µs before the trigger not covered by captured calls, and in how many spans. */
export function unaccountedTime(self: SelfTimes): { time: number; spans: number } {
  let time = 0
  let spans = 0
  for (const u of self.unaccounted) {
    if (u <= 0) continue
    time += u
    spans++
  }
  return { time, spans }
}

export function sortStatistics(rows: StatRow[], key: StatSortKey, descending: boolean): StatRow[] {
  const dir = descending ? -1 : 1
  const name = (r: StatRow) => `${r.service} ${r.operation ?? ''}`
  return [...rows].sort((a, b) => {
    const d = key === 'name' ? name(a).localeCompare(name(b)) : a[key] - b[key]
    return d !== 0 ? d * dir : name(a).localeCompare(name(b))
  })
}
