import type { TraceSummary } from '../model'

export interface TypicalPick {
  /** the trace picked: the candidate whose duration is nearest the candidates' median */
  pick: TraceSummary
  /** how many candidates it was picked from */
  candidates: number
  /** µs: the candidates' median duration (the mean of the two middle ones for an even count) */
  median: number
}

/**
 * "A typical trace" of an entry operation, to compare a trace with: among the traces whose root is
 * the same service and operation, that succeeded (no failed span) and whose root was captured,
 * the one whose duration is nearest the median of theirs (ties: the earlier start, then the id).
 * `exclude` (the trace being compared) is never picked. Null when no trace qualifies.
 */
export function pickTypical(traces: readonly TraceSummary[], entry: { service: string; operation: string }, exclude: string): TypicalPick | null {
  const seen = new Set<string>()
  const ok = traces.filter((t) => {
    if (t.traceId === exclude || seen.has(t.traceId)) return false
    seen.add(t.traceId)
    return t.rootService === entry.service && t.rootOperation === entry.operation && t.errorCount === 0 && t.rootCaptured !== false
  })
  if (ok.length === 0) return null
  const sorted = ok.map((t) => t.duration).sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  let pick = ok[0]
  for (const t of ok) {
    const d = Math.abs(t.duration - median) - Math.abs(pick.duration - median)
    if (d < 0 || (d === 0 && (t.startTime < pick.startTime || (t.startTime === pick.startTime && t.traceId < pick.traceId)))) pick = t
  }
  return { pick, candidates: ok.length, median }
}
