import { Link } from 'react-router'
import type { FlameGraph } from '../../../../../domain/trace/flame'
import type { TraceTree } from '../../../../../domain/trace/tree'
import { formatDuration, formatInteger } from '../../../../../lib/format'

/** Spans listed for a frame; the rest are counted, never dropped silently. */
export const FRAME_SPANS_SHOWN = 100

/** The spans of frame `f`, failed first, then the slowest. */
export function frameSpans(flame: FlameGraph, tree: TraceTree, f: number): number[] {
  const out = Array.from(flame.spanList.subarray(flame.spanStart[f], flame.spanStart[f + 1]))
  return out.sort((a, b) => Number(tree.nodes[b].isError) - Number(tree.nodes[a].isError) || tree.nodes[b].duration - tree.nodes[a].duration)
}

export interface FrameSpansProps {
  flame: FlameGraph
  tree: TraceTree
  frame: number
  selectedKey: string | null
  onSelect: (key: string) => void
  ganttHref: (key: string) => string
}

/** The spans behind the zoomed frame: each selectable (span detail) and one click from the Gantt. */
export function FrameSpans({ flame, tree, frame, selectedKey, onSelect, ganttHref }: FrameSpansProps) {
  const all = frameSpans(flame, tree, frame)
  if (all.length === 0) return null
  const shown = all.slice(0, FRAME_SPANS_SHOWN)
  return (
    <section className="flame-spans" aria-label="Spans of this frame">
      <h3>
        {formatInteger(all.length)} span{all.length === 1 ? '' : 's'} in this frame
        {all.length > shown.length ? <span className="muted"> — the first {shown.length} shown, failed first, then the slowest</span> : null}
      </h3>
      <ul>
        {shown.map((i) => {
          const n = tree.nodes[i]
          return (
            <li key={n.key} className={n.key === selectedKey ? 'is-selected' : undefined}>
              <button type="button" className="btn btn-ghost flame-span-pick" aria-pressed={n.key === selectedKey} onClick={() => onSelect(n.key)}>
                {n.isError ? <span className="tp-err-mark" aria-label="Failed">!</span> : null}
                <span className="tabular">{formatDuration(n.duration)}</span>
                <code className="muted">{n.span?.spanId}</code>
              </button>
              <Link to={ganttHref(n.key)}>Gantt at this span</Link>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
