import type { RefObject } from 'react'
import type { GraphHandle } from '../../../ui/graph/graph-view'

/** Fit, zoom and re-layout, over the graph's top-right corner. */
export function ZoomControls({ graph }: { graph: RefObject<GraphHandle | null> }) {
  return (
    <span className="topo-zoom" role="group" aria-label="Zoom">
      <button type="button" className="btn" onClick={() => graph.current?.fit()} title="Fit the graph">Fit</button>
      <button type="button" className="btn" onClick={() => graph.current?.zoomBy(1.25)} aria-label="Zoom in">+</button>
      <button type="button" className="btn" onClick={() => graph.current?.zoomBy(0.8)} aria-label="Zoom out">−</button>
      <button type="button" className="btn btn-ghost" onClick={() => graph.current?.relayout()} title="Lay out again and forget dragged positions">Re-layout</button>
    </span>
  )
}
