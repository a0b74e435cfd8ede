import { useId, useState } from 'react'
import { formatAbsolute, formatClock, formatHourMinute, formatOtherZone, formatWindow, formatZone } from '../../lib/format'
import { fromWallTime } from '../../lib/time-zone'
import type { TimeZoneSetting } from '../../lib/time-zone'
import { RANGE_LABELS, RELATIVE_RANGES, rangeDurationMs } from '../../lib/time-range'
import type { RelativeRange } from '../../lib/time-range'
import { useTimeZone } from '../time-zone/use-time-zone'
import { useLiveNow, useTimeWindow } from './use-time-window'
import { useViewWindowNote } from './view-window'

/** A datetime-local value ("2026-11-23T14:05") of `ms` in the zone. */
function toInput(ms: number, zone: TimeZoneSetting): string {
  return formatAbsolute(ms, zone).slice(0, 16).replace(' ', 'T')
}

/** Reads a datetime-local value as a wall time in the zone; NaN when unreadable. */
function fromInput(v: string, zone: TimeZoneSetting): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v)
  if (!m) return NaN
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0))
  return fromWallTime({ year, month, day, hour, minute, second: second || 0, millis: 0 }, zone)
}

/** Views resolved their relative range this long ago or more: the header offers to move them to now. */
const STALE_MS = 60_000

/** The global time range control: quick relative ranges and an absolute from–to, in the console's zone. */
export function TimeRangePicker() {
  const { range, window, setRange, refresh } = useTimeWindow()
  const zone = useTimeZone()
  const liveNow = useLiveNow()
  const viewNote = useViewWindowNote()
  const [open, setOpen] = useState(false)
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  const selectValue = range.kind === 'relative' ? range.range : 'absolute'
  // a relative range keeps moving with now in the header; the views' window moves on refresh
  const shown = range.kind === 'relative' ? { from: liveNow - rangeDurationMs(range.range), to: liveNow } : window
  const behind = range.kind === 'relative' ? liveNow - window.to : 0

  const openAbsolute = () => {
    setFrom(toInput(shown.from, zone))
    setTo(toInput(shown.to, zone))
    setProblem(null)
  }
  const applyAbsolute = () => {
    const f = fromInput(from, zone)
    const t = fromInput(to, zone)
    if (!Number.isFinite(f) || !Number.isFinite(t)) return setProblem('Enter both a start and an end time.')
    if (t <= f) return setProblem('The end must be after the start.')
    setProblem(null)
    setOpen(false)
    setRange({ kind: 'absolute', from: f, to: t })
  }

  return (
    <div className="time-range">
      <label htmlFor={`${id}-range`} className="sr-only">
        Time range
      </label>
      <select
        id={`${id}-range`}
        data-testid="range-select"
        value={selectValue}
        onChange={(e) => {
          const v = e.target.value
          if (v === 'absolute') {
            openAbsolute()
            setOpen(true)
          } else setRange({ kind: 'relative', range: v as RelativeRange })
        }}
      >
        {RELATIVE_RANGES.map((r) => (
          <option key={r} value={r}>
            {RANGE_LABELS[r]}
          </option>
        ))}
        <option value="absolute">{range.kind === 'absolute' ? 'Absolute range' : 'Absolute range…'}</option>
      </select>
      <button
        type="button"
        className="btn btn-ghost time-range-window"
        data-testid="range-window"
        aria-expanded={open}
        aria-controls={`${id}-abs`}
        title={`${formatOtherZone(shown.from, zone)} → ${formatOtherZone(shown.to, zone)}. Click to set an absolute range.`}
        onClick={() => {
          openAbsolute()
          setOpen((o) => !o)
        }}
      >
        {formatWindow(shown.from, shown.to, zone)}
      </button>
      {behind >= STALE_MS ? (
        <button
          type="button"
          className="btn time-range-stale"
          data-testid="range-refresh"
          onClick={refresh}
          title={`The views show ${formatWindow(window.from, window.to, zone)}, resolved when they opened. Move them to now.`}
        >
          Views end {formatHourMinute(window.to, zone)} · update
        </button>
      ) : null}
      {viewNote ? (
        <span
          className="badge view-window-note"
          data-testid="view-window-note"
          title={`The page shows ${viewNote.label.toLowerCase()}, not the range: ${formatOtherZone(viewNote.from, zone)} → ${formatOtherZone(viewNote.to, zone)}`}
        >
          Showing {viewNote.label.toLowerCase()}: {formatClock(viewNote.from, false, zone)}
          {formatClock(viewNote.to, false, zone) !== formatClock(viewNote.from, false, zone) ? `–${formatClock(viewNote.to, false, zone)}` : ''} {formatZone(viewNote.to, zone)}
        </span>
      ) : null}
      {open ? (
        <div className="popover" id={`${id}-abs`} role="dialog" aria-label="Absolute time range">
          <p className="muted">Times in {formatZone(shown.to, zone)} (the console&rsquo;s time zone)</p>
          <label>
            From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          {problem ? <p className="form-error" role="alert">{problem}</p> : null}
          <div className="popover-actions">
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" onClick={applyAbsolute}>
              Apply
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
