/**
 * Change-event and alert markers on a metric chart: where their labels go so they never run over
 * the axes, and which of them a tooltip at a given time mentions in full. Pure.
 */
import type { Alert, ChangeEvent } from '../model'
import type { Window } from './selection'

/** Text of a change event's marker: "deploy: stock-service v2.14.0". */
export const changeText = (c: ChangeEvent): string => `${c.kind}: ${c.service}${c.version ? ` ${c.version}` : ''}`

/** Text of an alert's marker. */
export const alertText = (a: Alert): string => `alert: ${a.summary}`

/**
 * Which way a marker's label runs from its line: in the left half of the visible window the text
 * runs to the right of the line, in the right half to the left, so it never covers the y-axis
 * labels or runs past the chart's right edge.
 */
export function labelSide(time: number, visible: Window): 'left' | 'right' {
  const span = visible.to - visible.from
  if (span <= 0) return 'left'
  return (time - visible.from) / span < 0.5 ? 'left' : 'right'
}

/** Markers that fall inside the visible window (others would draw over the axes). */
export function visibleChanges(changes: readonly ChangeEvent[], visible: Window): ChangeEvent[] {
  return changes.filter((c) => c.time >= visible.from && c.time <= visible.to)
}

/** An alert's area clipped to the visible window; null when it is not visible at all. */
export function visibleAlertArea(a: Alert, visible: Window): Window | null {
  const from = Math.max(a.startsAt, visible.from)
  const to = Math.min(a.endsAt ?? visible.to, visible.to)
  return to > from ? { from, to } : null
}

/**
 * Change events and alerts to name in full in the tooltip of the point at `t` (which stands for
 * [t, t + step)): changes inside that step or the one before, alerts active during it.
 */
export function markersAt(changes: readonly ChangeEvent[], alerts: readonly Alert[], t: number, step: number): string[] {
  const out: string[] = []
  for (const c of changes) if (c.time >= t - step && c.time < t + step) out.push(changeText(c))
  for (const a of alerts) if (a.startsAt < t + step && (a.endsAt ?? Infinity) > t) out.push(alertText(a))
  return out
}
