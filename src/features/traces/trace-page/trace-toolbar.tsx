import { useEffect, useState } from 'react'
import type { RefObject } from 'react'
import type { TraceTree } from '../../../domain/trace/tree'
import { ServiceFilter } from './service-filter'
import type { TraceUrlPatch, TraceUrlState } from './use-trace-url'

export interface TraceToolbarProps {
  /** what the controls need to know of the trace */
  tree: Pick<TraceTree, 'services' | 'maxDepth' | 'errorCount' | 'skewAdjustedCount'>
  /** shown in place but out of use, while the trace is still arriving */
  pending?: boolean
  url: TraceUrlState
  update: (patch: TraceUrlPatch) => void
  matchCount: number
  matchPosition: number
  searchRef: RefObject<HTMLInputElement | null>
  onStepMatch: (dir: 1 | -1) => void
  onCollapseAll: () => void
  onExpandAll: () => void
  onExpandToDepth: (depth: number) => void
  onNextError: (dir: 1 | -1) => void
  zoomed: boolean
  onResetZoom: () => void
}

export function TraceToolbar({ searchRef, ...p }: TraceToolbarProps) {
  const { url, update, tree } = p
  const [text, setText] = useState(url.query)
  // The URL (and the 100k-span search behind it) follows typing after a short pause.
  useEffect(() => {
    if (text === url.query) return
    const t = setTimeout(() => update({ query: text }), 180)
    return () => clearTimeout(t)
  }, [text, url.query, update])
  const depths = Math.min(10, tree.maxDepth + 1)
  return (
    <div className={p.pending ? 'tp-toolbar is-pending' : 'tp-toolbar'} role="toolbar" aria-label="Trace view controls" inert={p.pending}>
      <div className="tp-group tp-search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search spans (service, operation, tags, key=value)"
          placeholder="Search spans: text or key=value   ( / )"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              update({ query: text })
              p.onStepMatch(e.shiftKey ? -1 : 1)
            }
          }}
        />
        <span className="tp-match-count tabular" aria-live="polite">
          {url.query.trim() ? (p.matchCount === 0 ? 'no match' : `${p.matchPosition > 0 ? `${p.matchPosition} of ` : ''}${p.matchCount} match${p.matchCount > 1 ? 'es' : ''}`) : ''}
        </span>
        <button type="button" className="btn btn-ghost" aria-label="Previous match" disabled={p.matchCount === 0} onClick={() => p.onStepMatch(-1)}>
          ↑
        </button>
        <button type="button" className="btn btn-ghost" aria-label="Next match" disabled={p.matchCount === 0} onClick={() => p.onStepMatch(1)}>
          ↓
        </button>
        <label className="tp-check">
          <input type="checkbox" checked={url.hideUnmatched} onChange={(e) => update({ hideUnmatched: e.target.checked })} />
          Hide others
        </label>
      </div>
      <div className="tp-group">
        <button type="button" className="btn" aria-pressed={url.errorsOnly} onClick={() => update({ errorsOnly: !url.errorsOnly })}>
          Errors only
        </button>
        <ServiceFilter services={tree.services} selected={url.services} onChange={(services) => update({ services })} />
        <button type="button" className="btn" title="Next error (e); previous: shift+E" disabled={tree.errorCount === 0} onClick={() => p.onNextError(1)}>
          Next error
        </button>
      </div>
      <div className="tp-group">
        <button type="button" className="btn" onClick={p.onCollapseAll}>
          Collapse all
        </button>
        <button type="button" className="btn" onClick={p.onExpandAll}>
          Expand all
        </button>
        <select aria-label="Expand to depth" value="" onChange={(e) => e.target.value && p.onExpandToDepth(Number(e.target.value))}>
          <option value="">Expand to depth…</option>
          {Array.from({ length: depths }, (_, i) => (
            <option key={i} value={i + 1}>
              {i + 1} level{i ? 's' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="tp-group">
        <button type="button" className="btn" aria-pressed={url.critical} onClick={() => update({ critical: !url.critical })}>
          Critical path
        </button>
        <button type="button" className="btn" aria-pressed={url.criticalOnly} onClick={() => update({ criticalOnly: !url.criticalOnly })}>
          Critical path only
        </button>
        {tree.skewAdjustedCount > 0 ? (
          <label className="tp-check">
            <input type="checkbox" checked={url.raw} onChange={(e) => update({ raw: e.target.checked })} />
            Raw timing (no skew correction)
          </label>
        ) : null}
        <button type="button" className="btn" aria-pressed={url.stats} onClick={() => update({ stats: !url.stats })}>
          Statistics
        </button>
        <button type="button" className="btn" disabled={!p.zoomed} onClick={p.onResetZoom}>
          Reset zoom
        </button>
      </div>
    </div>
  )
}
