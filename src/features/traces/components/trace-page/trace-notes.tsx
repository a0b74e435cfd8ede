import { useState } from 'react'
import type { Trace } from '../../../../domain/model'
import type { TraceTree } from '../../../../domain/trace/tree'
import { PostTraceNote, postTraceSummary } from './posttrace-note'

const OPEN_KEY = 'tracelens.trace.notes-open'

const readOpen = () => {
  try {
    return localStorage.getItem(OPEN_KEY) === '1'
  } catch {
    return false
  }
}

/** The source's own PostTrace warning says what the PostTrace note says in full: shown once. */
const repeatsPostTrace = (w: string) => /^PostTrace capture\b/i.test(w)

/**
 * One banner for what to know about this trace's data: the PostTrace capture and the trace's
 * warnings (clock skew, orphans, duplicate ids…). Collapsed, it is one line that names the first
 * thing to know and how many there are; open (remembered across traces), it says everything.
 */
export function TraceNotes({ trace, tree }: { trace: Trace; tree: TraceTree }) {
  const [open, setOpen] = useState(readOpen)
  const posttrace = trace.sampling.mode === 'posttrace'
  const warnings = posttrace ? tree.warnings.filter((w) => !repeatsPostTrace(w)) : tree.warnings
  const count = warnings.length + (posttrace ? 1 : 0)
  if (count === 0) return null
  const first = posttrace ? postTraceSummary(trace, tree) : warnings[0]
  const toggle = (next: boolean) => {
    setOpen(next)
    try {
      localStorage.setItem(OPEN_KEY, next ? '1' : '0')
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  return (
    <details
      className={warnings.length > 0 ? 'banner banner-warning tp-notes' : 'banner banner-info tp-notes'}
      open={open}
      onToggle={(e) => {
        const next = e.currentTarget.open
        if (next !== open) toggle(next)
      }}
      data-testid="trace-warnings"
    >
      <summary className="tp-notes-summary">
        {posttrace ? <span className="badge badge-warn">PostTrace</span> : <strong>About this data:</strong>}
        <span className="tp-notes-first">{first}</span>
        <span className="tp-notes-more muted">
          {count > 1 ? `${count} notes · ` : ''}
          {open ? 'less' : 'details'}
        </span>
      </summary>
      <div className="tp-notes-body">
        {posttrace ? <PostTraceNote trace={trace} tree={tree} /> : null}
        {warnings.length > 0 ? (
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </details>
  )
}
