import { useEffect } from 'react'
import type { RefObject } from 'react'
import type { Health } from '../../../domain/model'
import { declutterLabels } from '../../../domain/topology/declutter'
import type { LabelBox } from '../../../domain/topology/declutter'
import type { GraphHandle } from '../../../ui/graph/graph-view'

const HEALTH_RANK: Record<Health, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 }

let measureCtx: CanvasRenderingContext2D | null = null
/** the widest line of a label as the graph draws it (canvas text, the graph's font) */
function textWidth(text: string, size: number, family: string): number {
  measureCtx ??= document.createElement('canvas').getContext('2d')
  const lines = text.split('\n')
  if (!measureCtx) return Math.max(...lines.map((l) => l.length)) * size * 0.6
  measureCtx.font = `${size}px ${family}`
  return Math.max(...lines.map((l) => measureCtx?.measureText(l).width ?? 0))
}

/**
 * Node labels that would overlap another label or node at the current zoom say the name alone,
 * or nothing (data `declutter` 1 or 2, read by the stylesheet), the more important nodes placed first:
 * the selected one, then by health, alerts and rate. Recomputed when the zoom step, the elements
 * or a position change. `field`: the data the stylesheet draws as the label at this zoom (null:
 * none, or a graph that does not restyle while zooming).
 */
export function useDeclutter(graph: RefObject<GraphHandle | null>, opts: { field: 'label' | 'name' | null; rank: ReadonlyMap<string, { health: Health; alerts: number; rps: number; pinned?: boolean }>; selected: string | null; deps: readonly unknown[] }): void {
  const { field, rank, selected } = opts
  useEffect(() => {
    const cy = graph.current?.instance()
    if (!cy) return
    let frame = 0
    const run = () => {
      frame = 0
      if (cy.destroyed()) return
      const nodes = cy.nodes(':childless').filter((n) => !n.hasClass('box'))
      if (field === null) {
        cy.batch(() => nodes.forEach((n) => void (n.data('declutter') ? n.data('declutter', 0) : null)))
        return
      }
      const boxes: LabelBox[] = []
      const fields = field === 'label' ? (['label', 'name'] as const) : (['name'] as const)
      nodes.forEach((n) => {
        const size = parseFloat(n.style('font-size'))
        const family = n.style('font-family')
        const variants = fields.map((f) => {
          const text = String(n.data(f) ?? '')
          // its background padding, and a little air between neighbouring names
          return { width: textWidth(text, size, family) + 4 + size * 0.4, height: text.split('\n').length * size * 1.2 + 4 }
        })
        const r = rank.get(n.id())
        const p = n.position()
        boxes.push({
          id: n.id(),
          x: p.x,
          y: p.y,
          half: n.outerHeight() / 2,
          // a pinned name may go over its node when there is no room under it
          variants: r?.pinned ? [...variants, { ...variants[variants.length - 1], above: true }] : variants,
          gap: parseFloat(n.style('text-margin-y')) || 0,
          // a pinned label (e.g. each version of a service split by version) comes right after the critical ones
          priority: n.id() === selected ? 1e12 : r ? Math.max(HEALTH_RANK[r.health] * 1e10 + Math.min(r.alerts, 9) * 1e9 + Math.min(r.rps, 1e8), r.pinned ? 2.95e10 + Math.min(r.rps, 1e8) : 0) : 0,
        })
      })
      const chosen = declutterLabels(boxes)
      // 0: as the stylesheet draws it, 1: the name alone, 2: nothing, 3: the name over the node
      const code = (v: number, pinned: boolean) => (v === fields.length && pinned ? 3 : v >= fields.length ? 2 : fields[v] === 'name' && field === 'label' ? 1 : 0)
      cy.batch(() => {
        nodes.forEach((n) => {
          const want = code(chosen.get(n.id()) ?? 0, rank.get(n.id())?.pinned === true)
          if ((n.data('declutter') ?? 0) !== want) n.data('declutter', want)
        })
      })
    }
    const later = () => {
      if (!frame) frame = requestAnimationFrame(run)
    }
    run()
    cy.on('position', 'node', later)
    return () => {
      cy.off('position', 'node', later)
      cancelAnimationFrame(frame)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed on the caller's deps (zoom step, elements, stylesheet)
  }, [graph, field, rank, selected, ...opts.deps])
}
