/**
 * Rows of the drill-down trace list: why each trace matches the selection, and an even sample
 * across the window for selections that have no stronger condition. Pure.
 */
import type { TraceSummary } from '../model'
import type { DrillQuery } from './selection'

export interface DrillRow {
  summary: TraceSummary
  /** µs since epoch */
  startTime: number
  status: 'error' | 'ok'
  entry: string
  /** plain words: why this trace is in the list */
  why: string[]
}

export interface WhyFormatters {
  duration: (us: number) => string
}

export function drillRows(traces: readonly TraceSummary[], drill: DrillQuery, fmt: WhyFormatters): DrillRow[] {
  const { query } = drill
  return traces.map((t) => {
    const why: string[] = []
    if (query.status === 'error') {
      const failing = t.services.filter((s) => s.errorCount > 0).map((s) => s.name)
      why.push(failing.length ? `failed in ${failing.slice(0, 3).join(', ')}${failing.length > 3 ? ` +${failing.length - 3}` : ''}` : 'failed')
    }
    if (drill.threshold !== null) why.push(`${fmt.duration(t.duration)} ≥ ${fmt.duration(drill.threshold)}`)
    const through = query.operation ? `${query.service} ${query.operation}` : query.service
    why.push(`calls ${through}`)
    if (query.tags?.length) why.push(query.tags.map((x) => `${x.key}=${x.value}`).join(', '))
    return {
      summary: t,
      startTime: t.startTime,
      status: t.errorCount > 0 ? 'error' : 'ok',
      entry: `${t.rootService} ${t.rootOperation}`,
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
