import { formatInteger } from '../../../../lib/format'
import type { TraceLoadProgress } from '../../../../api/sources/data-source'
import './trace-page.css'

/**
 * The page's shape while the trace loads, so nothing jumps when it arrives; with the number of
 * spans received so far when the source streams them (a big trace takes seconds).
 */
export function TracePageSkeleton({ progress = null }: { progress?: TraceLoadProgress | null }) {
  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.spans / progress.total) * 100)) : null
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
          {progress && pct !== null ? (
            <div className="tp-load-progress">
              <span>
                Receiving the trace: <span className="num">{formatInteger(progress.spans)}</span> of{' '}
                <span className="num">{formatInteger(progress.total)}</span> spans
              </span>
              <progress max={100} value={pct} aria-label="Spans received">{pct} %</progress>
            </div>
          ) : (
            <span className="sr-only">Loading the trace…</span>
          )}
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
