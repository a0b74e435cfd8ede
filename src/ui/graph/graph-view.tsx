import { useEffect, useImperativeHandle, useRef, useState } from 'react'
import type { Ref } from 'react'
import cytoscape from 'cytoscape'
import type { Core } from 'cytoscape'
import type { GraphElement } from '../../domain/topology/elements'
import type { Point } from '../../domain/topology/merge'
import type { StyleRule } from '../../domain/topology/stylesheet'
import { fitViewport, withLabelRoom } from '../../domain/topology/viewport'
import { applySheet } from './apply-stylesheet'
import { applyUpdate, drawableElements, initialDefinitions, labelsShown, nearView, toDefinition } from './apply-elements'
import { ADD_IN_CHUNKS_ABOVE, addInChunks } from './chunked-draw'
import type { DrawJob } from './chunked-draw'
import { createLayoutClient } from './layout-client'
import type { LayoutClient } from './layout-client'
import { installFastBounds } from './fast-bounds'
import { narrowHitTests } from './hit-test'
import { hasMembers, rendererWith } from './cy-renderer'
import { chooseViewportDrawing, warmLayers } from './warm-layers'
import { fastLayeredPositions, layoutOptions, loadForceLayout } from './layouts'
import type { GraphLayout } from './layouts'
import { exposeGraph, withdrawGraph } from '../../lib/test-hooks'
import type { GraphStats } from '../../lib/test-hooks'

export type GraphSelection = { kind: 'node' | 'edge'; id: string } | null

export interface GraphHandle {
  fit: () => void
  zoomBy: (factor: number) => void
  /** runs the layout again (forgets dragged positions of this view) */
  relayout: () => void
  /** centres a node and selects it */
  reveal: (id: string) => void
  /** the Cytoscape instance, for overlays drawn over the graph (null before mount) */
  instance: () => Core | null
}

export interface GraphViewProps {
  elements: GraphElement[]
  stylesheet: StyleRule[]
  layout: GraphLayout
  /** when this changes the graph is laid out from scratch; otherwise updates keep every position */
  layoutKey: string
  /** sessionStorage key under which positions dragged by the user are remembered */
  storageKey: string
  selected: GraphSelection
  onSelect: (sel: GraphSelection) => void
  ariaLabel: string
  /** big graphs trade detail for speed while panning */
  large?: boolean
  /**
   * Zoom levels under which node and edge labels are not drawn (see the stylesheet's
   * min-zoomed-font-size). Label changes below them wait until the user zooms in, so a live
   * refresh of a big, zoomed-out graph does not re-measure hundreds of labels nobody can see.
   */
  labelMinZoom?: { nodes: number; edges: number }
  /** told the zoom level once per frame while it changes (semantic zoom: the stylesheet follows it) */
  onZoom?: (zoom: number) => void
  /**
   * The stylesheet the caller will give for a zoom level (with `onZoom`): a graph laid out anew
   * takes the one for the zoom it is framed at before its elements are drawn. The caller hears of
   * that zoom only after the first frame; without this, every element would be styled twice, the
   * second time in one long task (about 200 ms for the 265 elements of a big graph's overview).
   */
  stylesheetAt?: (zoom: number) => StyleRule[]
  ref?: Ref<GraphHandle>
}

function readSaved(key: string): Map<string, Point> {
  try {
    const raw = sessionStorage.getItem(key)
    if (!raw) return new Map()
    const obj = JSON.parse(raw) as Record<string, Point>
    return new Map(Object.entries(obj).filter(([, p]) => Number.isFinite(p?.x) && Number.isFinite(p?.y)))
  } catch {
    return new Map()
  }
}

function writeSaved(key: string, positions: Map<string, Point>): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(Object.fromEntries(positions)))
  } catch {
    // storage full or unavailable: positions are simply not remembered
  }
}

/**
 * Framing never zooms in beyond the graph's own size: a few nodes (e.g. closed groups) are not
 * blown up to fill the screen, their labels stay the size they are written at.
 */
const FIT_MAX_ZOOM = 1

/**
 * The elements each graph was last framed for, while that framing stands: the graph is framed
 * again when its container changes size (a window made narrower, a panel beside it), until the
 * user pans, zooms or taps in it (from then on the view is theirs and is never moved for them).
 */
const framedFor = new WeakMap<Core, readonly GraphElement[]>()

/** Frames positions without measuring every element's rendered bounds (cy.fit does, and is slow on big graphs). */
function frame(cy: Core, positions: ReadonlyMap<string, Point>, elements: readonly GraphElement[]): void {
  const vp = fitViewport(withLabelRoom(elements, positions), cy.width(), cy.height(), { minZoom: cy.minZoom(), maxZoom: FIT_MAX_ZOOM })
  if (vp) cy.viewport(vp)
  framedFor.set(cy, elements)
}

/** After the container changed size: the same framing again, from the nodes where they are now, unless the user has moved the view. */
function reframe(cy: Core): void {
  const elements = framedFor.get(cy)
  if (!elements || cy.width() <= 0 || cy.height() <= 0) return
  const positions = new Map<string, Point>()
  cy.nodes().forEach((n) => {
    if (!n.isParent()) positions.set(n.id(), n.position())
  })
  frame(cy, positions, elements)
}

/** Fits the whole drawing (labels and boxes included), at most at FIT_MAX_ZOOM, centred. */
function fitAll(cy: Core): void {
  framedFor.delete(cy)
  cy.fit(undefined, 30)
  if (cy.zoom() > FIT_MAX_ZOOM) cy.zoom({ level: FIT_MAX_ZOOM, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
}

/** The user's dragged positions on top of computed ones. */
function withSaved(positions: Map<string, Point>, storageKey: string): Map<string, Point> {
  for (const [id, p] of readSaved(storageKey)) if (positions.has(id)) positions.set(id, p)
  return positions
}

/** Above this many elements the layered layout, too, is computed in the layout worker. */
const LAYOUT_IN_WORKER_ABOVE = 400

/**
 * Big graphs get their layout from the layout worker: the layered one above
 * LAYOUT_IN_WORKER_ABOVE elements, the force-directed one always (where workers exist).
 */
const layoutInWorker = (layout: GraphLayout, elementCount: number) => typeof Worker !== 'undefined' && (layout === 'force' || elementCount > LAYOUT_IN_WORKER_ABOVE)

/** Lays out the elements already in the graph with the layered placement, and frames them. */
function runLayered(cy: Core, elements: readonly GraphElement[]): void {
  const positions = fastLayeredPositions(elements)
  cy.batch(() => {
    for (const [id, p] of positions) cy.getElementById(id).position(p)
  })
  frame(cy, positions, elements)
}

/** Once fcose is loaded: `before` (e.g. adds the elements, so no unplaced pile is ever drawn), the layout, `after`, framing. */
function runForce(cy: Core, isCurrent: () => boolean, before?: () => void, after?: () => void): void {
  void loadForceLayout().then(() => {
    if (cy.destroyed() || !isCurrent()) return
    before?.()
    cy.layout(layoutOptions(cy.nodes().length)).run()
    after?.()
    fitAll(cy)
  })
}

/**
 * The canvas renderer's economies for a large graph: a pixel ratio of 1, and, while the graph is
 * panned or zoomed before its layers are drawn, one picture of the canvas with the edges hidden
 * (./warm-layers.ts decides at each frame of a gesture). Cytoscape reads these options only when the
 * instance is made: its renderer keeps them as plain fields, set here when a graph becomes large or
 * small. Nothing happens when the renderer does not have them (another renderer, or a headless
 * instance).
 */
function tuneRenderer(cy: Core, large: boolean): void {
  const r = rendererWith(cy, ['forcedPixelRatio'])
  if (!r) return
  const fields = r as { forcedPixelRatio: number | null }
  const ratio = large ? 1 : null
  const changed = fields.forcedPixelRatio !== ratio
  fields.forcedPixelRatio = ratio
  chooseViewportDrawing(cy, large)
  // (the canvases are sized again, with the texture's size, on the resize)
  if (singleTexture(r, large) || changed) cy.resize()
}

/** Renderer fields the viewport texture is sized by (Cytoscape's canvas renderer, `matchCanvasSize`). */
interface TextureFields {
  matchCanvasSize: (container: HTMLElement) => void
  textureMult: number
  canvasWidth: number
  canvasHeight: number
  TEXTURE_BUFFER: number
  data: { bufferCanvases: HTMLCanvasElement[] }
}

/** Each renderer's own `matchCanvasSize`, and whether the single-size texture is on. */
const textureState = new WeakMap<object, { own: (container: HTMLElement) => void; single: boolean }>()

/**
 * At a pixel ratio of 1 Cytoscape draws the texture it pans and zooms with at twice the canvas's
 * size (`textureMult` 2): four times the pixels to fill when a gesture starts and to scale down at
 * every frame of it. A large graph keeps it at the canvas's own size: a quarter of the pixels (the
 * worst frame panning the 1,238-service graph laid out by force fell from 0.3–0.7 s to 0.22–0.27 s,
 * docs/performance-history.md). The graph is drawn at full quality again when the gesture ends.
 * Nothing happens on a renderer without these fields.
 */
function singleTexture(r: object, large: boolean): boolean {
  if (!hasMembers(r, ['matchCanvasSize', 'textureMult', 'data'])) return false
  const t = r as unknown as TextureFields
  const state = textureState.get(r) ?? { own: t.matchCanvasSize, single: false }
  textureState.set(r, state)
  if (state.single === large) return false
  state.single = large
  const own = state.own
  t.matchCanvasSize = !large
    ? own
    : function (this: TextureFields, container: HTMLElement) {
        own.call(this, container)
        const texture = this.data.bufferCanvases[this.TEXTURE_BUFFER]
        if (this.textureMult === 1 || !texture) return
        this.textureMult = 1
        texture.width = this.canvasWidth
        texture.height = this.canvasHeight
      }
  return true
}

/** Labels written per frame when the user zooms in or pans to labels that were waiting. */
const LABELS_PER_FRAME = 400

/**
 * The one Cytoscape owner: creates the instance once, lays a graph out from scratch when its layout
 * key changes (in the layout worker for big graphs, then drawn over frames), applies later answers
 * on top of what is on screen (./apply-elements.ts: existing nodes keep their positions, new ones
 * are placed next to their neighbours, vanished ones fade out), keeps the user's pan and zoom, and
 * remembers dragged positions per view.
 */
export function GraphView({ elements, stylesheet, layout, layoutKey, storageKey, selected, onSelect, ariaLabel, large = false, labelMinZoom, onZoom, stylesheetAt, ref }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const cyRef = useRef<Core | null>(null)
  const laidOutKey = useRef<string | null>(null)
  const onSelectRef = useRef(onSelect)
  const onZoomRef = useRef(onZoom)
  const stylesheetAtRef = useRef(stylesheetAt)
  // the stylesheet the graph has, as JSON: the same rules given again restyle nothing
  const appliedSheet = useRef<string | null>(null)
  const storageKeyRef = useRef(storageKey)
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>())
  const stats = useRef<GraphStats>({ layouts: 0, lastLayoutMs: 0, lastWorkerLayoutMs: 0, lastUpdateMs: 0, drawing: false })
  const layoutClient = useRef<LayoutClient | null>(null)
  const drawJob = useRef<DrawJob | null>(null)
  // a force layout waiting for its code to load applies only if no newer layout started meanwhile
  const layoutRun = useRef(0)
  // bumped when a drawing spread over frames completes, so the latest answer is applied on top
  const [drawnCount, setDrawnCount] = useState(0)
  const elementsRef = useRef(elements)
  const labelZoomRef = useRef(labelMinZoom)
  const largeRef = useRef(large)
  // labels of elements whose label is too small to be drawn right now: applied on zooming in
  const deferredLabels = useRef(new Map<string, string>())
  useEffect(() => {
    onSelectRef.current = onSelect
    onZoomRef.current = onZoom
    stylesheetAtRef.current = stylesheetAt
    storageKeyRef.current = storageKey
    elementsRef.current = elements
    labelZoomRef.current = labelMinZoom
    largeRef.current = large
  })

  useEffect(() => {
    const el = container.current
    if (!el) return
    const cy = cytoscape({
      container: el,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    })
    cyRef.current = cy
    installFastBounds(cy)
    narrowHitTests(cy)
    warmLayers(cy)
    const pending = timers.current
    exposeGraph(cy, stats.current)
    let resized = 0
    const ro = new ResizeObserver(() => {
      cy.resize()
      if (resized || !framedFor.has(cy)) return
      resized = requestAnimationFrame(() => {
        resized = 0
        if (!cy.destroyed()) reframe(cy)
      })
    })
    ro.observe(el)
    // the view is the user's once they move it or touch the graph
    cy.on('dragpan pinchzoom scrollzoom tapstart', () => framedFor.delete(cy))
    cy.on('tap', 'node, edge', (e) => {
      const t = e.target as cytoscape.SingularElementReturnValue
      if (t.isNode() && t.hasClass('box')) return
      onSelectRef.current({ kind: t.isNode() ? 'node' : 'edge', id: t.id() })
    })
    cy.on('tap', (e) => {
      if (e.target === cy) onSelectRef.current(null)
    })
    // Labels that wait (too small to be drawn when they came, or out of view) are written when the
    // view can show them, those on or near the screen only, a few hundred a frame.
    let flush = 0
    const flushLabels = () => {
      flush = 0
      const deferred = deferredLabels.current
      const shown = labelsShown(cy, labelZoomRef.current)
      if (deferred.size === 0 || (!shown.nodes && !shown.edges)) return
      const near = nearView(cy)
      let written = 0
      cy.batch(() => {
        for (const [id, label] of deferred) {
          const ele = cy.getElementById(id)
          if (ele.empty()) {
            deferred.delete(id)
            continue
          }
          const show = ele.isEdge() ? shown.edges && (near(ele.source().position()) || near(ele.target().position())) : shown.nodes && near((ele as cytoscape.NodeSingular).position())
          if (!show) continue
          ele.data('label', label)
          deferred.delete(id)
          if (++written >= LABELS_PER_FRAME) break
        }
      })
      if (written >= LABELS_PER_FRAME) flush = requestAnimationFrame(flushLabels)
    }
    // a pan or zoom is drawn from the graph's layers when they are complete, else from a picture:
    // decided when a press may start a pan (its first frame comes before the view moves), and again
    // at each move of the view
    cy.on('tapstart', () => chooseViewportDrawing(cy, largeRef.current))
    cy.on('viewport', () => {
      chooseViewportDrawing(cy, largeRef.current)
      if (deferredLabels.current.size === 0 || flush) return
      flush = requestAnimationFrame(flushLabels)
    })
    let told = 0
    cy.on('zoom', () => {
      if (!onZoomRef.current || told) return
      told = requestAnimationFrame(() => {
        told = 0
        onZoomRef.current?.(cy.zoom())
      })
    })
    cy.on('dragfree', 'node', () => {
      const saved = readSaved(storageKeyRef.current)
      cy.nodes().forEach((n) => {
        if (!n.isParent()) saved.set(n.id(), { ...n.position() })
      })
      writeSaved(storageKeyRef.current, saved)
    })
    const deferred = deferredLabels.current
    return () => {
      layoutClient.current?.dispose()
      layoutClient.current = null
      ro.disconnect()
      cancelAnimationFrame(resized)
      cancelAnimationFrame(flush)
      cancelAnimationFrame(told)
      deferred.clear()
      drawJob.current?.cancel()
      drawJob.current = null
      for (const t of pending.values()) clearTimeout(t)
      pending.clear()
      withdrawGraph(cy)
      cy.destroy()
      cyRef.current = null
      laidOutKey.current = null
    }
    // the instance is created once; `large` only tunes rendering (also later: tuneRenderer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recreating the instance would lose pan, zoom and positions
  }, [])

  // a graph that grows large after the instance was made (the overview, then every service) draws
  // with the same economies as one that opened large
  useEffect(() => {
    const cy = cyRef.current
    if (cy) tuneRenderer(cy, large)
  }, [large])

  useEffect(() => {
    const cy = cyRef.current
    if (cy) applySheet(cy, stylesheet, appliedSheet)
  }, [stylesheet])

  useEffect(() => {
    const cy = cyRef.current
    if (!cy) return
    const t0 = performance.now()
    const valid = drawableElements(elements)
    // (a layout still being computed or drawn for this key is not started again)
    const fullLayout = laidOutKey.current !== layoutKey || (cy.nodes().empty() && !drawJob.current)
    if (fullLayout) {
      drawJob.current?.cancel()
      drawJob.current = null
      stats.current.drawing = false
      for (const t of timers.current.values()) clearTimeout(t)
      timers.current.clear()
      deferredLabels.current.clear()
      cy.batch(() => {
        cy.elements().remove()
      })
      stats.current.layouts += 1
      const run = ++layoutRun.current
      if (valid.length === 0) {
        stats.current.lastLayoutMs = performance.now() - t0
        return
      }
      laidOutKey.current = layoutKey
      // positions and framing are known before anything is drawn; big graphs grow over frames
      const draw = (positions: Map<string, Point>, before: number) => {
        frame(cy, positions, valid)
        const at = stylesheetAtRef.current
        if (at) {
          applySheet(cy, at(cy.zoom()), appliedSheet)
          // told now, also when framing left the zoom as it was (then no zoom event comes)
          onZoomRef.current?.(cy.zoom())
        }
        // labels too small to be drawn at this zoom are not measured now: they wait for the zoom
        const defs = initialDefinitions(cy, valid, positions, labelZoomRef.current, deferredLabels.current)
        if (defs.length > ADD_IN_CHUNKS_ABOVE) {
          stats.current.drawing = true
          drawJob.current = addInChunks(cy, defs, (ms) => {
            drawJob.current = null
            stats.current.drawing = false
            stats.current.lastLayoutMs = before + ms
            setDrawnCount((n) => n + 1)
          })
          return
        }
        const t1 = performance.now()
        cy.batch(() => {
          cy.add(defs)
        })
        stats.current.lastLayoutMs = before + performance.now() - t1
      }
      if (layoutInWorker(layout, valid.length)) {
        // the layout is computed in the worker; the view waits for it like for a drawing in progress
        layoutClient.current ??= createLayoutClient()
        const asked = performance.now()
        const waiting = layoutClient.current.positions(layout, valid)
        const prep = asked - t0
        let cancelled = false
        stats.current.drawing = true
        drawJob.current = { cancel: () => (cancelled = true) }
        const stale = () => cancelled || cy.destroyed() || layoutRun.current !== run
        const finish = (positions: Map<string, Point> | null, before: number) => {
          drawJob.current = null
          stats.current.drawing = false
          if (positions) draw(withSaved(positions, storageKey), before)
          if (!drawJob.current) setDrawnCount((n) => n + 1)
        }
        waiting.then(
          (positions) => {
            if (stale()) return
            stats.current.lastWorkerLayoutMs = performance.now() - asked
            finish(positions, prep + performance.now() - asked - stats.current.lastWorkerLayoutMs)
          },
          () => {
            if (stale()) return
            // no worker after all: on the main thread
            if (layout === 'layered') {
              const t1 = performance.now()
              const positions = fastLayeredPositions(valid)
              finish(positions, prep + performance.now() - t1)
            } else {
              finish(null, prep)
              runForce(cy, () => layoutRun.current === run, () => cy.batch(() => void cy.add(valid.map((e) => toDefinition(e)))))
            }
          },
        )
        stats.current.lastLayoutMs = prep
        return
      }
      if (layout === 'layered') {
        draw(withSaved(fastLayeredPositions(valid), storageKey), performance.now() - t0)
        return
      }
      runForce(
        cy,
        () => layoutRun.current === run,
        () => {
          cy.batch(() => {
            cy.add(valid.map((e) => toDefinition(e)))
          })
        },
        () => {
          const saved = readSaved(storageKey)
          cy.batch(() => {
            for (const [id, p] of saved) {
              const n = cy.getElementById(id)
              if (n.nonempty() && n.isNode() && !n.isParent()) n.position(p)
            }
          })
        },
      )
      stats.current.lastLayoutMs = performance.now() - t0
      return
    }
    // a drawing still growing over frames takes the latest answer when it completes
    if (drawJob.current) return
    applyUpdate(cy, valid, { timers: timers.current, deferred: deferredLabels.current, labelMinZoom: labelZoomRef.current })
    stats.current.lastUpdateMs = performance.now() - t0
  }, [elements, layout, layoutKey, storageKey, drawnCount])

  useEffect(() => {
    const cy = cyRef.current
    if (!cy) return
    cy.batch(() => {
      cy.$(':selected').unselect()
      if (selected) cy.getElementById(selected.id).select()
    })
  }, [selected, elements])

  // a node selected off screen (from the list, the address, a search) is brought into view
  const selectedId = selected?.kind === 'node' ? selected.id : null
  useEffect(() => {
    const cy = cyRef.current
    if (!cy || !selectedId) return
    const n = cy.getElementById(selectedId)
    if (n.empty() || !n.isNode()) return
    const bb = n.renderedBoundingBox({ includeLabels: false })
    const margin = 24
    if (bb.x1 >= margin && bb.y1 >= margin && bb.x2 <= cy.width() - margin && bb.y2 <= cy.height() - margin) return
    cy.animate({ center: { eles: n }, duration: 200 })
  }, [selectedId, drawnCount])

  useImperativeHandle(
    ref,
    () => ({
      fit: () => {
        if (cyRef.current) fitAll(cyRef.current)
      },
      zoomBy: (factor) => {
        const cy = cyRef.current
        if (!cy) return
        framedFor.delete(cy)
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } })
      },
      relayout: () => {
        try {
          sessionStorage.removeItem(storageKeyRef.current)
        } catch {
          // nothing remembered
        }
        laidOutKey.current = null
        const cy = cyRef.current
        if (!cy || cy.nodes().empty()) return
        if (layoutInWorker(layout, cy.elements().length)) {
          const run = ++layoutRun.current
          layoutClient.current ??= createLayoutClient()
          layoutClient.current.positions(layout, elementsRef.current).then(
            (positions) => {
              if (cy.destroyed() || layoutRun.current !== run) return
              cy.batch(() => {
                for (const [id, p] of positions) cy.getElementById(id).position(p)
              })
              frame(cy, positions, elementsRef.current)
            },
            () => {
              if (cy.destroyed() || layoutRun.current !== run) return
              if (layout === 'layered') runLayered(cy, elementsRef.current)
              else runForce(cy, () => layoutRun.current === run)
            },
          )
        } else if (layout === 'layered') runLayered(cy, elementsRef.current)
        else {
          const run = ++layoutRun.current
          runForce(cy, () => layoutRun.current === run)
        }
        laidOutKey.current = layoutKey
      },
      reveal: (id) => {
        const cy = cyRef.current
        const n = cy?.getElementById(id)
        if (!cy || !n || n.empty()) return
        framedFor.delete(cy)
        cy.animate({ center: { eles: n }, duration: 200 })
      },
      instance: () => cyRef.current,
    }),
    [layout, layoutKey],
  )

  return <div ref={container} className="graph-view" role="img" aria-label={ariaLabel} data-testid="topology-graph" style={{ width: '100%', height: '100%' }} />
}
