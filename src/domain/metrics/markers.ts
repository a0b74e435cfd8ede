/**
 * Change-event and alert markers on a metric chart: where their labels go so they never run over
 * the axes, and which of them a tooltip at a given time mentions in full. Pure.
 */
import type { Alert, ChangeEvent } from '../model'
import type { TimeWindow } from '../query'

/**
 * Text of a change event's marker on a chart of `service`: its own change reads
 * "deploy: stock-service v2.14.0", another service's says whose it is: "deploy of checkout-bff v1.3.0".
 * Without a chart's service (no context) the first form.
 */
export const changeText = (c: ChangeEvent, service?: string): string =>
  `${c.kind}${service === undefined || c.service === service ? ':' : ' of'} ${c.service}${c.version ? ` ${c.version}` : ''}`

/** Text of an alert's marker. */
export const alertText = (a: Alert): string => `alert: ${a.summary}`

/**
 * Which way a marker's label runs from its line: in the left half of the visible window the text
 * runs to the right of the line, in the right half to the left, so it never covers the y-axis
 * labels or runs past the chart's right edge.
 */
export function labelSide(time: number, visible: TimeWindow): 'left' | 'right' {
  const span = visible.to - visible.from
  if (span <= 0) return 'left'
  return (time - visible.from) / span < 0.5 ? 'left' : 'right'
}

/** Markers that fall inside the visible window (others would draw over the axes). */
export function visibleChanges(changes: readonly ChangeEvent[], visible: TimeWindow): ChangeEvent[] {
  return changes.filter((c) => c.time >= visible.from && c.time <= visible.to)
}

/** An alert's area clipped to the visible window; null when it is not visible at all. */
export function visibleAlertArea(a: Alert, visible: TimeWindow): TimeWindow | null {
  const from = Math.max(a.startsAt, visible.from)
  const to = Math.min(a.endsAt ?? visible.to, visible.to)
  return to > from ? { from, to } : null
}

/**
 * Change events and alerts to name in full in the tooltip of the point at `t` (which stands for
 * [t, t + step)): changes inside that step or the one before, alerts active during it. On a chart
 * of `service`, other services' changes say whose they are (see changeText).
 */
export function markersAt(changes: readonly ChangeEvent[], alerts: readonly Alert[], t: number, step: number, service?: string): string[] {
  const out: string[] = []
  for (const c of changes) if (c.time >= t - step && c.time < t + step) out.push(changeText(c, service))
  for (const a of alerts) if (a.startsAt < t + step && (a.endsAt ?? Infinity) > t) out.push(alertText(a))
  return out
}

export interface LabelCandidate {
  key: string
  time: number
  text: string
  /** higher first (see labelPriority); equal ones: the most recent first */
  priority: number
}

/** Deploys (they cause most incidents) and the series' own changes are labelled before others. */
export const labelPriority = (c: ChangeEvent, service: string): number => (c.kind === 'deploy' ? 2 : 0) + (c.service === service ? 1 : 0)

/** Approximate width in px of a 10 px label (the chart's marker font), capped at `maxPx`. */
export const labelWidth = (text: string, maxPx: number): number => Math.min(maxPx, Math.ceil(text.length * 5.6) + 6)

/**
 * Which marker labels fit side by side on one row above a plot `plotPx` wide: by priority, then
 * the most recent; a label that would overlap one already placed is left
 * out (its line stays and the tooltip names it). Returns the keys of the labels to draw.
 */
export function placeLabels(items: readonly LabelCandidate[], visible: TimeWindow, plotPx: number, maxPx: number, gapPx = 8): Set<string> {
  const span = visible.to - visible.from
  const placed: [number, number][] = []
  const out = new Set<string>()
  if (span <= 0 || plotPx <= 0) return out
  const order = [...items].sort((a, b) => b.priority - a.priority || b.time - a.time)
  for (const it of order) {
    const x = ((it.time - visible.from) / span) * plotPx
    const w = labelWidth(it.text, maxPx)
    const box: [number, number] = labelSide(it.time, visible) === 'left' ? [x, x + w] : [x - w, x]
    if (placed.some(([a, b]) => box[0] < b + gapPx && box[1] > a - gapPx)) continue
    placed.push(box)
    out.add(it.key)
  }
  return out
}

export interface AlertLabelCandidate {
  key: string
  /** the alert's area as drawn (clipped to the visible window) */
  from: number
  to: number
  text: string
}

/** One alert label to draw: on the area of `key`, in a row inside the plot's top or bottom edge. */
export interface AlertLabel {
  key: string
  row: 'top' | 'bottom'
  /** 'left': the text starts at the area's start and runs right; 'right': it ends at the area's end */
  side: 'left' | 'right'
  text: string
  /** the alerts this label stands for (more than one when close alerts are collapsed into "3 alerts") */
  keys: string[]
}

/**
 * Where alert labels go so that no two overlap. Each label's box is measured as drawn (see
 * labelSide: from the area's start running right, or up to its end running left); alerts whose
 * boxes touch, directly or through one another, form a group. A group of one is labelled in the
 * top row; a group of two is staggered, the earlier on top, the later in the bottom row; a group of
 * three or more gets one label, "3 alerts", on its earliest alert (the chart's tooltip names each
 * alert active at the point under the cursor). Groups never share space, and a label is never
 * wider than the box it was measured with, so no two labels drawn overlap.
 */
export function placeAlertLabels(items: readonly AlertLabelCandidate[], visible: TimeWindow, plotPx: number, maxPx: number, gapPx = 8): AlertLabel[] {
  const span = visible.to - visible.from
  if (span <= 0 || plotPx <= 0) return []
  const px = (t: number) => ((t - visible.from) / span) * plotPx
  const boxes = items.map((it) => {
    const side = labelSide(it.from, visible)
    const w = labelWidth(it.text, maxPx)
    const box: [number, number] = side === 'left' ? [px(it.from), px(it.from) + w] : [px(it.to) - w, px(it.to)]
    return { it, side, box }
  })
  boxes.sort((a, b) => a.box[0] - b.box[0] || a.it.from - b.it.from)
  const groups: (typeof boxes)[] = []
  let reach = -Infinity
  for (const b of boxes) {
    const last = groups[groups.length - 1]
    if (last && b.box[0] < reach + gapPx) {
      last.push(b)
      reach = Math.max(reach, b.box[1])
    } else {
      groups.push([b])
      reach = b.box[1]
    }
  }
  const out: AlertLabel[] = []
  for (const g of groups) {
    const keys = g.map((b) => b.it.key)
    if (g.length <= 2) {
      g.forEach((b, i) => out.push({ key: b.it.key, row: i === 0 ? 'top' : 'bottom', side: b.side, text: b.it.text, keys: [b.it.key] }))
      continue
    }
    const first = [...g].sort((a, b) => a.it.from - b.it.from)[0] ?? g[0]
    if (first) out.push({ key: first.it.key, row: 'top', side: first.side, text: `${g.length} alerts`, keys })
  }
  return out
}
