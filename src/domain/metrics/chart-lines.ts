/** Series shaping: metric results into the lines a chart draws. Pure. */
import type { MetricName, MetricResult } from '../model'
import { isLatencyMetric, METRIC_INFO, percentileLabel } from './metric-info'
import { ownValue } from '../../lib/records'

export interface ChartLine {
  /** stable id: metric|group value */
  id: string
  name: string
  metric: MetricName
  /** the series' labels (the group-by value) */
  labels: Record<string, string>
  color: string
  points: [number, number | null][]
  /** emphasis of the line: 2 = main, 1 = secondary */
  weight: 1 | 2
  /** stroke pattern: solid, or dash and gap lengths in px, so grouped lines differ by more than hue */
  dash: LineDash
}

export type LineDash = 'solid' | readonly number[]

/** Patterns given in turn to the group-by values (sorted), so neighbours in a legend never share one. */
export const GROUP_DASHES: readonly LineDash[] = ['solid', [8, 4], [2, 3], [10, 3, 2, 3]]

export interface LineColors {
  /** colour of the only line when not grouped */
  main: string
  /** secondary percentile lines (p95, p50) */
  secondary: string[]
  /** colours of the group-by values shown together (told apart by distance, see service-palette) */
  groups: (values: readonly string[]) => ReadonlyMap<string, string>
}

const DAY_MS = 24 * 3600 * 1000

/** Lines of one chart from one or more metric results (several for the latency percentiles). */
export function linesFor(results: readonly MetricResult[], groupBy: string | undefined, colors: LineColors): ChartLine[] {
  const out: ChartLine[] = []
  const several = results.length > 1
  const values = groupBy ? [...new Set(results.flatMap((r) => r.series.map((s) => ownValue(s.labels, groupBy) ?? '(none)')))].sort() : []
  const groupColors = groupBy ? colors.groups(values) : new Map<string, string>()
  results.forEach((r, ri) => {
    for (const s of r.series) {
      const groupValue = groupBy ? (ownValue(s.labels, groupBy) ?? '(none)') : ''
      const metricName = isLatencyMetric(r.metric) ? percentileLabel(r.metric) : METRIC_INFO[r.metric].title
      const name = groupBy ? (several ? `${groupValue} ${metricName}` : groupValue) : metricName
      const main = !several || ri === results.length - 1
      const color = groupBy ? (groupColors.get(groupValue) ?? colors.main) : main ? colors.main : (colors.secondary[ri % colors.secondary.length] ?? colors.main)
      const dash = groupBy ? GROUP_DASHES[values.indexOf(groupValue) % GROUP_DASHES.length] : 'solid'
      out.push({ id: `${r.metric}|${groupValue}`, name, metric: r.metric, labels: groupBy ? { [groupBy]: groupValue } : {}, color, points: s.points, weight: main ? 2 : 1, dash })
    }
  })
  return out
}

/** Yesterday's points moved forward by a day, to overlay on today's window. */
export function shiftByDay(result: MetricResult): MetricResult {
  return { ...result, series: result.series.map((s) => ({ ...s, points: s.points.map(([t, v]) => [t + DAY_MS, v] as [number, number | null]) })) }
}

/** True when a result carries at least one value (send/recv size and MQ lag exist only for some spans). */
export const hasValues = (r: MetricResult | undefined): boolean => !!r && r.series.some((s) => s.points.some(([, v]) => v !== null))

/** The line nearest to `value` at time `t` (a click on the chart area picks the closest series). */
export function nearestLine(lines: readonly ChartLine[], t: number, value: number): ChartLine | undefined {
  let best: ChartLine | undefined
  let bestDist = Infinity
  for (const l of lines) {
    let point: number | null = null
    let dt = Infinity
    for (const [pt, pv] of l.points) {
      const d = Math.abs(pt - t)
      if (d < dt && pv !== null) {
        dt = d
        point = pv
      }
    }
    if (point === null) continue
    const dist = Math.abs(point - value)
    if (dist < bestDist) {
      bestDist = dist
      best = l
    }
  }
  return best
}

/** The time of the point of `line` nearest to `t` (a click snaps to a point). */
export function snapToPoint(line: ChartLine, t: number): number | null {
  let best: number | null = null
  for (const [pt, v] of line.points) if (v !== null && (best === null || Math.abs(pt - t) < Math.abs(best - t))) best = pt
  return best
}

/** The highest point of a line: the spike a keyboard user can select without pointing. */
export function peakPoint(line: ChartLine): [number, number] | null {
  let best: [number, number] | null = null
  for (const [t, v] of line.points) if (v !== null && (best === null || v > best[1])) best = [t, v]
  return best
}
