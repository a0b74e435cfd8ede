import { useId, useState } from 'react'
import { BASELINE_PRESETS, BASELINE_PROBLEM_TEXT, HOUR_MS, baselineName, checkCustomStart, toLocalInput } from '../../../domain/topology/baseline-choice'
import type { BaselineChoice } from '../../../domain/topology/baseline-choice'
import { now } from '../../../lib/clock'

export interface BaselineChooserProps {
  value: BaselineChoice | null
  /** the current window, to size a custom baseline and check it is over */
  window: { from: number; to: number } | null
  onChange: (choice: BaselineChoice | null) => void
}

const OFF = 'off'
const CUSTOM = 'custom'

const optionValue = (v: BaselineChoice | null) => (v === null ? OFF : v.kind === 'at' ? CUSTOM : String(v.hours))

/** "Compare with": off, yesterday, 1 hour or 1 week before, or a custom start in the user's time zone. */
export function BaselineChooser({ value, window, onChange }: BaselineChooserProps) {
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [input, setInput] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const windowMs = window ? window.to - window.from : HOUR_MS
  const selectValue = editing ? CUSTOM : optionValue(value)
  const extraOffset = value?.kind === 'offset' && !BASELINE_PRESETS.some((p) => p.hours === value.hours) ? value : null

  const startEditing = () => {
    setInput(toLocalInput(value?.kind === 'at' ? value.start : (window?.from ?? now()) - 24 * HOUR_MS))
    setProblem(null)
    setEditing(true)
  }
  const apply = () => {
    const checked = checkCustomStart(input, now(), windowMs)
    if (!checked.ok) return setProblem(BASELINE_PROBLEM_TEXT[checked.problem])
    setProblem(null)
    setEditing(false)
    onChange({ kind: 'at', start: checked.start })
  }

  return (
    <div className="topo-baseline">
      <label className="topo-inline">
        <span className="topo-label">Compare with</span>
        <select
          value={selectValue}
          aria-label="Compare with a baseline"
          onChange={(e) => {
            const v = e.target.value
            if (v === CUSTOM) return startEditing()
            setEditing(false)
            setProblem(null)
            onChange(v === OFF ? null : { kind: 'offset', hours: Number(v) })
          }}
        >
          <option value={OFF}>Nothing</option>
          {BASELINE_PRESETS.map((p) => (
            <option key={p.hours} value={String(p.hours)}>{p.label}</option>
          ))}
          {extraOffset ? <option value={String(extraOffset.hours)}>{baselineName(extraOffset)}</option> : null}
          <option value={CUSTOM}>{value?.kind === 'at' ? 'Custom time' : 'Custom time…'}</option>
        </select>
      </label>
      {value?.kind === 'at' && !editing ? (
        <button type="button" className="btn btn-ghost topo-baseline-edit" onClick={startEditing}>Change time</button>
      ) : null}
      {editing ? (
        <form
          className="topo-baseline-form"
          aria-label="Custom baseline"
          onSubmit={(e) => {
            e.preventDefault()
            apply()
          }}
        >
          <label htmlFor={`${id}-start`} className="topo-label">Starting at (your time)</label>
          <input
            id={`${id}-start`}
            type="datetime-local"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
          />
          <button type="submit" className="btn btn-primary">Compare</button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setEditing(false)
              setProblem(null)
            }}
          >
            Cancel
          </button>
          {problem ? <p className="form-error topo-baseline-problem" role="alert" id={`${id}-problem`}>{problem}</p> : null}
        </form>
      ) : null}
    </div>
  )
}
