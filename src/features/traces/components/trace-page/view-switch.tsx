import type { TraceView } from '../../hooks/use-view-url'

const LABELS: Record<TraceView, { label: string; title: string }> = {
  gantt: { label: 'Timeline', title: 'What happened when: every span on a time axis (Gantt)' },
  flame: { label: 'Flame graph', title: 'Where the time went: spans aggregated by path, width by time' },
  graph: { label: 'Service graph', title: 'Which services called which in this trace, how often and for how long' },
}

/**
 * Switches the trace page between its views; the choice is in the URL (`view=`). `onIntent`: a view
 * is about to be chosen (pointer over its tab, or the tab focused), so its code can start loading.
 */
export function ViewSwitch({ view, views, onChange, onIntent }: { view: TraceView; views: readonly TraceView[]; onChange: (v: TraceView) => void; onIntent?: (v: TraceView) => void }) {
  return (
    <div className="tp-views" role="tablist" aria-label="Trace views">
      {views.map((v) => (
        <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'tp-view is-active' : 'tp-view'} title={LABELS[v].title} onClick={() => onChange(v)} onPointerEnter={() => onIntent?.(v)} onFocus={() => onIntent?.(v)}>
          {LABELS[v].label}
        </button>
      ))}
    </div>
  )
}
