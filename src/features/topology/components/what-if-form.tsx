import { useState } from 'react'

export interface WhatIfFormProps {
  entries: string[]
  value: { entry: string; factor: number } | null
  overPeak: number
  onChange: (v: { entry: string; factor: number } | null) => void
}

/** "entry X × N": expected rps downstream along call ratios. */
export function WhatIfForm({ entries, value, overPeak, onChange }: WhatIfFormProps) {
  const [entry, setEntry] = useState(value?.entry ?? entries[0] ?? '')
  const [factor, setFactor] = useState(String(value?.factor ?? 2))
  const chosen = entries.includes(entry) ? entry : (entries[0] ?? '')
  return (
    <form
      className="topo-whatif"
      aria-label="Capacity what-if"
      onSubmit={(e) => {
        e.preventDefault()
        const f = Number(factor)
        if (chosen && Number.isFinite(f) && f > 0) onChange({ entry: chosen, factor: f })
      }}
    >
      <span className="topo-label">What-if</span>
      <select aria-label="Entry service" value={chosen} onChange={(e) => setEntry(e.target.value)}>
        {entries.map((s) => (
          <option key={s} value={s}>{s}</option>
        ))}
      </select>
      <span aria-hidden="true">×</span>
      <input type="number" aria-label="Traffic factor" min="0.1" max="100" step="0.1" value={factor} onChange={(e) => setFactor(e.target.value)} className="topo-factor" />
      <button type="submit" className="btn" disabled={!chosen}>Apply</button>
      {value ? (
        <>
          <span className={overPeak > 0 ? 'badge badge-error' : 'badge badge-ok'} role="status">
            {overPeak > 0 ? `${overPeak} above peak` : 'all within peak'}
          </span>
          <button type="button" className="btn btn-ghost" onClick={() => onChange(null)}>Clear</button>
        </>
      ) : null}
    </form>
  )
}
