import { useState } from 'react'
import type { WhatIfResult } from '../../../domain/topology/what-if'
import { formatCount, formatWindow, isolateText } from '../../../lib/format'
import type { MeasuredWhatIf } from '../hooks/use-measured-what-if'

/** An entry the what-if can scale: the graph's node id (kept in the URL) and the name a person reads. */
export interface WhatIfEntry {
  id: string
  label: string
}

export interface WhatIfFormProps {
  entries: WhatIfEntry[]
  value: { entry: string; factor: number } | null
  result: WhatIfResult | null
  /** the per-operation graph the what-if propagates on is still loading */
  opsPending: boolean
  /** the call ratios measured from the entry's traces */
  measured?: MeasuredWhatIf
  onChange: (v: { entry: string; factor: number } | null) => void
}

/** What the what-if rests on: the graph it propagated on, and where each capacity came from. */
function basis(r: WhatIfResult, m: MeasuredWhatIf | undefined): string {
  const parts = [
    r.level === 'measured' && m
      ? `call ratios measured from ${formatCount(m.analysed)} sampled traces (of ${formatCount(m.listed)} listed) of the entry's ${m.operations} operation${m.operations === 1 ? '' : 's'}${m.window ? ` over ${formatWindow(m.window.from, m.window.to)}` : ''}, times each operation's current rate${m.failed > 0 ? `; ${m.failed} operation${m.failed === 1 ? '' : 's'} could not be measured and add nothing` : ''}`
      : r.level === 'operation'
        ? `no traces to measure call ratios from${m && m.failed > 0 ? ' (they could not be loaded)' : ''}: propagated along the per-operation graph's ratios (edge rate / caller rate, mixing every entry)`
        : 'propagated on the graph shown (the source has no per-operation graph): approximate',
  ]
  const { declared, peak } = r.sources
  if (declared > 0 && peak === 0) parts.push('capacity declared by the data source')
  else if (declared === 0 && peak > 0) parts.push('no declared capacity: compared with the highest rate observed (over 1 d for the synthetic source; the window’s own rate where the source reports no peak, as Jaeger and Prometheus)')
  else if (declared > 0) parts.push(`capacity declared for ${declared}, observed peak for ${peak}`)
  if (!r.converged) parts.push('the calls loop back on themselves at least once per call: no steady state, numbers are a lower bound')
  return parts.join(' · ')
}

/** "entry X × N": expected rps downstream along the operations' call ratios, checked against capacity. */
export function WhatIfForm({ entries, value, result, opsPending, measured, onChange }: WhatIfFormProps) {
  const [entry, setEntry] = useState(value?.entry ?? entries[0]?.id ?? '')
  const [factor, setFactor] = useState(String(value?.factor ?? 2))
  const chosen = entries.some((e) => e.id === entry) ? entry : (entries[0]?.id ?? '')
  const over = result?.over.length ?? 0
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
      {entries.length === 0 ? (
        // nothing to scale: the reason instead of an empty list and a button that does nothing
        <span className="muted" data-testid="whatif-no-entry">
          No entry drawn (a node no other calls): open a group or widen the focus to choose one
        </span>
      ) : (
        <>
          <select aria-label="Entry service" value={chosen} onChange={(e) => setEntry(e.target.value)}>
            {entries.map((e) => (
              <option key={e.id} value={e.id}>{isolateText(e.label)}</option>
            ))}
          </select>
          <span aria-hidden="true">×</span>
          <input type="number" aria-label="Traffic factor" min="0.1" max="100" step="0.1" value={factor} onChange={(e) => setFactor(e.target.value)} className="topo-factor" />
          <button type="submit" className="btn" disabled={!chosen}>Apply</button>
        </>
      )}
      {value ? (
        <>
          {opsPending ? (
            <span className="muted" role="status">Loading the per-operation graph…</span>
          ) : measured?.pending ? (
            <span className="muted" role="status">Measuring call ratios from the entry&apos;s sampled traces…</span>
          ) : result ? (
            <>
              <span className={over > 0 ? 'badge topo-badge-over' : 'badge badge-ok'} role="status">
                {over > 0 ? `${over} over capacity` : 'all within capacity'}
              </span>
              <span className="muted topo-whatif-basis" data-testid="whatif-basis">{basis(result, measured)}</span>
            </>
          ) : null}
          <button type="button" className="btn btn-ghost" onClick={() => onChange(null)}>Clear</button>
        </>
      ) : null}
    </form>
  )
}
