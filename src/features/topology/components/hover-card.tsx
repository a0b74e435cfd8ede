import { useEffect, useState } from 'react'
import type { RefObject } from 'react'
import type { GraphHandle } from '../../../ui/graph/graph-view'

interface Card {
  text: string
  x: number
  y: number
}

/**
 * The name and figures of the node under the pointer, whatever the zoom: labels left out when
 * zoomed out (too small, or overlapping a more important one) are read here.
 */
export function HoverCard({ graph }: { graph: RefObject<GraphHandle | null> }) {
  const [card, setCard] = useState<Card | null>(null)
  useEffect(() => {
    const cy = graph.current?.instance()
    if (!cy) return
    const show = (e: { target: { hasClass: (c: string) => boolean; data: (k: string) => unknown; renderedPosition: () => { x: number; y: number }; renderedOuterHeight: () => number } }) => {
      const n = e.target
      if (n.hasClass('box')) return
      const p = n.renderedPosition()
      setCard({ text: String(n.data('label') ?? ''), x: p.x, y: p.y + n.renderedOuterHeight() / 2 + 6 })
    }
    const hide = () => setCard(null)
    cy.on('mouseover', 'node', show)
    cy.on('mouseout', 'node', hide)
    cy.on('viewport', hide)
    return () => {
      cy.off('mouseover', 'node', show)
      cy.off('mouseout', 'node', hide)
      cy.off('viewport', hide)
    }
  }, [graph])
  if (!card || !card.text) return null
  return (
    <div className="topo-hover-card" role="tooltip" data-testid="topo-hover-card" style={{ left: card.x, top: card.y }}>
      {card.text.split('\n').map((line, i) => (
        <div key={i} className={i === 0 ? 'topo-hover-name' : undefined}>{line}</div>
      ))}
    </div>
  )
}
