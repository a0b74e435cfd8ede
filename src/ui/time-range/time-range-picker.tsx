import { useId, useState } from 'react'
import { formatAbsolute } from '../../lib/format'
import { RANGE_LABELS, RELATIVE_RANGES } from '../../lib/time-range'
import type { RelativeRange } from '../../lib/time-range'
import { useTimeWindow } from './use-time-window'

function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000)
  return d.toISOString().slice(0, 16)
}

/** The global time range control: quick relative ranges and an absolute from–to. */
export function TimeRangePicker() {
  const { range, window, setRange } = useTimeWindow()
  const [open, setOpen] = useState(false)
  const [from, setFrom] = useState(() => toLocalInput(window.from))
  const [to, setTo] = useState(() => toLocalInput(window.to))
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  const selectValue = range.kind === 'relative' ? range.range : 'absolute'

  const applyAbsolute = () => {
    const f = new Date(from).getTime()
    const t = new Date(to).getTime()
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
        value={selectValue}
        onChange={(e) => {
          const v = e.target.value
          if (v === 'absolute') {
            setFrom(toLocalInput(window.from))
            setTo(toLocalInput(window.to))
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
        aria-expanded={open}
        aria-controls={`${id}-abs`}
        title="Set an absolute range"
        onClick={() => {
          setFrom(toLocalInput(window.from))
          setTo(toLocalInput(window.to))
          setOpen((o) => !o)
        }}
      >
        {formatAbsolute(window.from).slice(5, 16)} → {formatAbsolute(window.to).slice(11, 16)}
      </button>
      {open ? (
        <div className="popover" id={`${id}-abs`} role="dialog" aria-label="Absolute time range">
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
