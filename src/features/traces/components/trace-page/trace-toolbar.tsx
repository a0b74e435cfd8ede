import { useDisclosure } from '../../../../ui/use-disclosure'
import { useEffect, useState } from 'react'
import type { ReactNode, RefObject } from 'react'
import type { TraceTree } from '../../../../domain/trace/tree'
import { ServiceFilter } from './service-filter'
import type { TraceUrlPatch, TraceUrlState } from '../../hooks/use-trace-url'

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
  /** drawn first in the row (the view switch) */
  lead?: ReactNode
  /** more actions for the menu (e.g. comparing with a typical trace) */
  extraActions?: ReactNode
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
      {p.lead}
      <div className="tp-group tp-search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search spans (service, operation, tags, key=value)"
          placeholder="Search spans   ( / )"
          title="Search spans: text, or key=value for a tag"
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
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Previous match" title="Previous match (shift+Enter)" disabled={p.matchCount === 0} onClick={() => p.onStepMatch(-1)}>
          ↑
        </button>
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Next match" title="Next match (Enter)" disabled={p.matchCount === 0} onClick={() => p.onStepMatch(1)}>
          ↓
        </button>
      </div>
      <div className="tp-group">
        <button type="button" className="btn" aria-pressed={url.errorsOnly} onClick={() => update({ errorsOnly: !url.errorsOnly })}>
          Errors only
        </button>
        <ServiceFilter services={tree.services} selected={url.services} onChange={(services) => update({ services })} />
        <button type="button" className="btn" title="Next error (e); previous: shift+E" disabled={tree.errorCount === 0} onClick={() => p.onNextError(1)}>
          Next error
        </button>
        <button type="button" className="btn" aria-pressed={url.critical} title="Mark the critical path: the spans the request's duration waited on" onClick={() => update({ critical: !url.critical })}>
          Critical path
        </button>
      </div>
      <div className="tp-group tp-toolbar-end">
        <button type="button" className="btn" disabled={!p.zoomed} onClick={p.onResetZoom}>
          Reset zoom
        </button>
        <MoreMenu>
          <label className="tp-check">
            <input type="checkbox" checked={url.hideUnmatched} onChange={(e) => update({ hideUnmatched: e.target.checked })} />
            Hide others (show only the spans that match the search)
          </label>
          <label className="tp-check">
            <input type="checkbox" checked={url.criticalOnly} onChange={(e) => update({ criticalOnly: e.target.checked })} />
            Critical path only
          </label>
          {tree.skewAdjustedCount > 0 ? (
            <label className="tp-check">
              <input type="checkbox" checked={url.raw} onChange={(e) => update({ raw: e.target.checked })} />
              Raw timing (no skew correction)
            </label>
          ) : null}
          <label className="tp-check">
            <input type="checkbox" checked={url.stats} onChange={(e) => update({ stats: e.target.checked })} />
            Statistics (time by service or operation)
          </label>
          <div className="tp-menu-row">
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
          {p.extraActions}
        </MoreMenu>
      </div>
    </div>
  )
}

/** The toolbar's secondary actions, behind one button (Escape or a click outside closes it). */
function MoreMenu({ children }: { children: ReactNode }) {
  const { open, setOpen, id, rootRef, buttonRef, onKeyDown } = useDisclosure()
  return (
    <div
      className="tp-more"
      ref={rootRef}
      onKeyDown={onKeyDown}
    >
      <button ref={buttonRef} type="button" className="btn" aria-expanded={open} aria-controls={`${id}-more`} onClick={() => setOpen((o) => !o)}>
        More <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div className="popover tp-more-popover" id={`${id}-more`} role="group" aria-label="More trace view controls">
          {children}
        </div>
      ) : null}
    </div>
  )
}
