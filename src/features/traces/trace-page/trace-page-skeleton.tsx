import './trace-page.css'

/** The page's shape while the trace loads, so nothing jumps when it arrives. */
export function TracePageSkeleton() {
  return (
    <div className="tp-page" aria-busy="true">
      <div className="tp-header">
        <div className="tp-skel tp-skel-title" />
        <div className="tp-skel tp-skel-facts" />
      </div>
      <div className="tp-toolbar">
        <div className="tp-skel tp-skel-toolbar" />
      </div>
      <div className="tp-body">
        <div className="tp-gantt" role="status" aria-live="polite">
          <span className="sr-only">Loading the trace…</span>
          {Array.from({ length: 14 }, (_, i) => (
            <div key={i} className="tp-skel-row">
              <span className="tp-skel" style={{ marginLeft: (i % 5) * 14, width: `${18 + ((i * 7) % 10)}%` }} />
              <span className="tp-skel" style={{ marginLeft: `${(i * 3) % 40}%`, width: `${10 + ((i * 11) % 40)}%` }} />
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
