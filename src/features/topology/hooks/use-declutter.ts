import { useEffect } from 'react'
import type { RefObject } from 'react'
import type { Health } from '../../../domain/model'
import { declutterEdgeLabels, declutterLabels, edgeLabelsHit, labelRect } from '../../../domain/topology/declutter'
import type { EdgeLabelBox, LabelBox, Rect } from '../../../domain/topology/declutter'
import type { GraphHandle } from '../../../ui/graph/graph-view'

const HEALTH_RANK: Record<Health, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 }
/** where along a call its label may go (0: source, 1: target), preferred first */
const PLACES = [0.5, 0.35, 0.65, 0.25, 0.75]
/** priorities from which a node's name (critical or warning), or a call's label (critical), is placed before the other names */
const CRITICAL_NODE = 2e10
const CRITICAL_CALL = 3e9
const TONE_RANK: Record<string, number> = { 'tone-critical': 3, 'tone-warning': 2, 'tone-ok': 1 }

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
export function useDeclutter(graph: RefObject<GraphHandle | null>, opts: { field: 'label' | 'name' | null; rank: ReadonlyMap<string, { health: Health; alerts: number; rps: number; pinned?: boolean }>; selected: string | null; edges?: { critical: boolean; others: boolean } | null; deps: readonly unknown[] }): void {
  const { field, rank, selected } = opts
  const edgeCritical = opts.edges?.critical ?? false
  const edgeOthers = opts.edges?.others ?? false
  useEffect(() => {
    const cy = graph.current?.instance()
    if (!cy) return
    let frame = 0
    const run = () => {
      frame = 0
      if (cy.destroyed()) return
      const nodes = cy.nodes(':childless').filter((n) => !n.hasClass('box'))
      const edges = cy.edges()
      if (field === null) {
        cy.batch(() => {
          nodes.forEach((n) => void (n.data('declutter') ? n.data('declutter', 0) : null))
          edges.forEach((e) => void (e.data('declutter') ? e.data('declutter', 0) : null))
        })
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
      const shapes = boxes.map((b) => ({ x1: b.x - b.half, y1: b.y - b.half, x2: b.x + b.half, y2: b.y + b.half }))
      const calls: EdgeLabelBox[] = []
      edges.forEach((e) => {
        const text = String(e.data('label') ?? '')
        const tone = Object.entries(TONE_RANK).find(([cls]) => e.hasClass(cls))?.[1] ?? 0
        if (!text || !(tone === 3 ? edgeCritical : edgeOthers) || e.source().same(e.target())) return
        const size = parseFloat(e.style('font-size'))
        const from = e.sourceEndpoint()
        const to = e.targetEndpoint()
        const mid = e.midpoint()
        const along = (t: number) => (t < 0.5 ? { x: from.x + (mid.x - from.x) * t * 2, y: from.y + (mid.y - from.y) * t * 2 } : { x: mid.x + (to.x - mid.x) * (t - 0.5) * 2, y: mid.y + (to.y - mid.y) * (t - 0.5) * 2 })
        const family = e.style('font-family')
        // its background padding and a little air
        const sized = (t: string) => ({ width: textWidth(t, size, family) + 4 + size * 0.4, height: t.split('\n').length * size * 1.2 + 4 })
        const short = String(e.data('short') ?? '')
        const texts = short && short !== text ? [text, short] : [text]
        const at = texts.flatMap((t) => PLACES.map((p) => ({ ...along(p), ...sized(t) })))
        calls.push({
          id: e.id(),
          at,
          angle: Math.atan2(to.y - from.y, to.x - from.x),
          priority: (e.selected() ? 1e12 : 0) + tone * 1e9 + Math.min(parseFloat(String(e.data('width'))) || 0, 1e6),
        })
      })
      // the order of placing: the selected node's and the critical and warning ones' names, then the critical calls'
      // labels (the failing path), then the other names, then the other calls' labels
      const placedOf = (chosen: ReadonlyMap<string, number>, only: (b: LabelBox) => boolean) => {
        const out: Rect[] = []
        for (const b of boxes) {
          const v = chosen.get(b.id) ?? 0
          if (only(b) && v < b.variants.length) out.push(labelRect(b, v))
        }
        return out
      }
      const first = declutterLabels(boxes)
      const critical = calls.filter((c) => c.priority >= CRITICAL_CALL)
      const keptCritical = declutterEdgeLabels(critical, placedOf(first, (b) => b.priority >= CRITICAL_NODE), shapes)
      const chosen = critical.length > 0 ? declutterLabels(boxes, edgeLabelsHit(critical, keptCritical)) : first
      // the critical calls keep their places; the others fit around them and every name
      const fixedCritical = critical.flatMap((c) => {
        const i = keptCritical.get(c.id)
        return i === undefined ? [] : [{ ...c, at: [c.at[i]], priority: c.priority + 1e13 }]
      })
      const others = declutterEdgeLabels([...fixedCritical, ...calls.filter((c) => c.priority < CRITICAL_CALL)], placedOf(chosen, () => true), shapes)
      const keptCalls = new Map([...keptCritical, ...[...others].filter(([id]) => !keptCritical.has(id))])
      // 0: as the stylesheet draws it, 1: the name alone, 2: nothing, 3: the name over the node
      const code = (v: number, pinned: boolean) => (v === fields.length && pinned ? 3 : v >= fields.length ? 2 : fields[v] === 'name' && field === 'label' ? 1 : 0)
      cy.batch(() => {
        nodes.forEach((n) => {
          const want = code(chosen.get(n.id()) ?? 0, rank.get(n.id())?.pinned === true)
          if ((n.data('declutter') ?? 0) !== want) n.data('declutter', want)
        })
        for (const c of calls) {
          const e = cy.getElementById(c.id)
          const at = keptCalls.get(c.id)
          // 0: the whole label, 1: the short one, 2: none
          const want = at === undefined ? 2 : at < PLACES.length ? 0 : 1
          if ((e.data('declutter') ?? 0) !== want) e.data('declutter', want)
          // moved along the call from its midpoint (text-margin, graph units)
          const shift = at !== undefined && at % PLACES.length > 0 ? { x: c.at[at].x - c.at[0].x, y: c.at[at].y - c.at[0].y } : null
          if (shift) e.data({ lmx: shift.x, lmy: shift.y })
          else if (e.data('lmx') !== undefined) e.removeData('lmx lmy')
        }
        const labelled = new Set(calls.map((c) => c.id))
        edges.forEach((e) => {
          if (!labelled.has(e.id()) && (e.data('declutter') || e.data('lmx') !== undefined)) {
            e.data('declutter', 0)
            e.removeData('lmx lmy')
          }
        })
      })
    }
    const later = () => {
      if (!frame) frame = requestAnimationFrame(run)
    }
    run()
    cy.on('position', 'node', later)
    cy.on('select unselect', 'edge', later)
    return () => {
      cy.off('position', 'node', later)
      cy.off('select unselect', 'edge', later)
      cancelAnimationFrame(frame)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed on the caller's deps (zoom step, elements, stylesheet)
  }, [graph, field, rank, selected, edgeCritical, edgeOthers, ...opts.deps])
}
