/**
 * Rows of the drill-down trace list: why each trace matches the selection (the series' span that
 * matched, with its own duration or status), and an even sample across the window for selections
 * that have no stronger condition. Pure.
 */
import type { MatchedSpan, TraceSummary } from '../model'
import type { DrillQuery } from './selection'

export interface DrillRow {
  summary: TraceSummary
  /** µs since epoch */
  startTime: number
  status: 'error' | 'ok'
  entry: string
  /** the span of the series that matched: the trace opens at it; null when the source did not name it */
  spanId: string | null
  /** plain words: why this trace is in the list, naming the matching span */
  why: string[]
}

export interface WhyFormatters {
  duration: (us: number) => string
}

/** The span's name for a reader: "order-service CreateOrder", or "INSERT orders (called by order-service)" for a storage call. */
export function spanLabel(m: Pick<MatchedSpan, 'service' | 'operation'>, seriesService: string): string {
  return m.service === seriesService ? `${m.service} ${m.operation}` : `${m.operation} (called by ${m.service})`
}

export function drillRows(traces: readonly TraceSummary[], drill: DrillQuery, fmt: WhyFormatters): DrillRow[] {
  const { query } = drill
  const { span } = query
  return traces.map((t) => {
    const why: string[] = []
    const m = t.match
    if (m) {
      const name = spanLabel(m, query.service)
      if (span.status === 'error') why.push(`${name} failed`)
      else if (drill.threshold !== null) why.push(`${name} took ${fmt.duration(m.duration)} ≥ ${drill.quantileLabel ?? 'threshold'} ${fmt.duration(drill.threshold)}`)
      else why.push(`${name} took ${fmt.duration(m.duration)}`)
      if (m.count > 1) why.push(`${m.count} such spans in the trace, ${drill.threshold !== null ? 'the slowest' : 'the first'} named`)
    } else {
      why.push('the source did not say which span matched')
    }
    if (span.tags?.length) why.push(span.tags.map((x) => `${x.key}=${x.value}`).join(', '))
    // every service with failed spans, in full: one of them is where the error started
    const failing = t.services.filter((s) => s.errorCount > 0)
    if (failing.length) why.push(`failed spans in ${failing.map((s) => (s.errorCount > 1 ? `${s.name} (${s.errorCount})` : s.name)).join(', ')}`)
    return {
      summary: t,
      startTime: t.startTime,
      status: t.errorCount > 0 ? 'error' : 'ok',
      entry: `${t.rootService} ${t.rootOperation}`,
      spanId: m?.spanId ?? null,
      why,
    }
  })
}

/**
 * Picks up to `n` traces spread evenly over the window by start time (one per slice,
 * the first of each), so a request-rate selection shows the whole window, not its first seconds.
 */
export function spreadSample<T extends { startTime: number }>(items: readonly T[], n: number, window: { from: number; to: number }): T[] {
  if (items.length <= n) return [...items].sort((a, b) => a.startTime - b.startTime)
  const sorted = [...items].sort((a, b) => a.startTime - b.startTime)
  const fromUs = window.from * 1000
  const sliceUs = ((window.to - window.from) * 1000) / n
  const out: T[] = []
  const used = new Set<number>()
  for (let i = 0; i < n; i++) {
    const lo = fromUs + i * sliceUs
    const idx = sorted.findIndex((x, j) => !used.has(j) && x.startTime >= lo)
    if (idx >= 0 && sorted[idx] && sorted[idx].startTime < lo + sliceUs) {
      used.add(idx)
      out.push(sorted[idx])
    }
  }
  // slices without traces leave room: fill with the remaining ones, spread by index
  const rest = sorted.filter((_, j) => !used.has(j))
  const missing = n - out.length
  for (let k = 0; k < missing && rest.length; k++) {
    const pick = rest[Math.floor((k * rest.length) / missing)]
    if (pick && !out.includes(pick)) out.push(pick)
  }
  return out.sort((a, b) => a.startTime - b.startTime)
}
