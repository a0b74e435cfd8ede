import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import type { Core, EdgeSingular, EventObject, NodeSingular } from 'cytoscape'
import { areaBudget, budgetScale, dotSpan, isRedDot, pathLength, phaseOf, pointOnPath, redShare, spacedRate, spawnRate, travelSeconds } from '../../domain/topology/traffic-dots'
import type { GraphHandle } from './graph-view'
import { exposeTraffic, hooksEnabled, withdrawTraffic } from '../../lib/test-hooks'
import type { TrafficStats } from '../../lib/test-hooks'

export interface TrafficOverlayProps {
  graph: RefObject<GraphHandle | null>
  /** requests/s and error rate per edge id; edges not in it (ghosts of a baseline) get no dots */
  traffic: ReadonlyMap<string, { rps: number; errorRate: number }>
  colors: { dot: string; error: string; outline: string }
}

/** at most this many dots in flight over the edges on screen */
export const DOT_BUDGET = 1500
const STATS_EVERY_MS = 250
const OVERLAY_STYLE = { position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none', zIndex: 1 } as const
/** edges whose shape is read again per frame, in turn */
const REFRESH_PER_FRAME = 24
/** screen area per dot in flight: a dense graph drawn small gets fewer dots */
const PX2_PER_DOT = 300
/** dots on one edge stay at least this far apart on screen */
const MIN_GAP_PX = 12

interface Geometry {
  id: string
  /** model coordinates: source endpoint, control points, target endpoint */
  pts: Float64Array
  minX: number
  minY: number
  maxX: number
  maxY: number
  /** model px */
  length: number
  travel: number
  phase: number
}

function edgeGeometry(e: EdgeSingular): Geometry | null {
  const s = e.sourceEndpoint()
  const t = e.targetEndpoint()
  if (!s || !t || !Number.isFinite(s.x) || !Number.isFinite(t.x)) return null
  // straight and haystack edges have no control points (Cytoscape returns undefined for them)
  const cps = (e.controlPoints() as ReturnType<EdgeSingular['controlPoints']> | undefined) ?? []
  const pts = new Float64Array(2 * (cps.length + 2))
  pts[0] = s.x
  pts[1] = s.y
  cps.forEach((c, i) => {
    pts[2 * i + 2] = c.x
    pts[2 * i + 3] = c.y
  })
  pts[pts.length - 2] = t.x
  pts[pts.length - 1] = t.y
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let i = 0; i < pts.length; i += 2) {
    minX = Math.min(minX, pts[i])
    maxX = Math.max(maxX, pts[i])
    minY = Math.min(minY, pts[i + 1])
    maxY = Math.max(maxY, pts[i + 1])
  }
  const length = pathLength(pts)
  return { id: e.id(), pts, minX, minY, maxX, maxY, length, travel: travelSeconds(length), phase: phaseOf(e.id()) }
}

/**
 * Dots moving along each call from caller to callee on a canvas over the graph: as many as the
 * call's requests/s suggests (log scale, within a budget for the edges on screen), a share of them
 * red (and square) as its error rate. Follows pan, zoom and dragged nodes. Mount it only when the
 * animation should run: the caller decides about reduced motion; a hidden tab stops the frames.
 */
export function TrafficOverlay({ graph, traffic, colors }: TrafficOverlayProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const trafficRef = useRef(traffic)
  const colorsRef = useRef(colors)
  useEffect(() => {
    trafficRef.current = traffic
    colorsRef.current = colors
  })

  useEffect(() => {
    const canvas = canvasRef.current
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx) return
    let frame = 0
    let cy: Core | null = null
    // edge shapes in model coordinates, read once and then kept up to date: at once for added,
    // removed, restyled edges and the edges of a dragged node; a few per frame otherwise (node sizes
    // follow health), so no frame reads them all
    const geometry = new Map<string, Geometry>()
    let full = true
    let cursor = 0
    const pending = new Set<string>()
    const onEdge = (e: EventObject) => {
      pending.add((e.target as EdgeSingular).id())
    }
    const onNode = (e: EventObject) => {
      ;(e.target as NodeSingular).connectedEdges().forEach((edge) => {
        pending.add(edge.id())
      })
    }
    const readEdge = (edge: EdgeSingular) => {
      const g = edge.removed() || edge.hasClass('vanishing') ? null : edgeGeometry(edge)
      if (g) geometry.set(g.id, g)
      else geometry.delete(edge.id())
    }
    const stats: TrafficStats = { frames: 0, meanFrameMs: 0, maxFrameMs: 0, recentFrameMs: 0, lastFrames: [], geometryMs: 0, dots: 0, redDots: 0, edges: 0, perEdge: {} }
    const expose = hooksEnabled()
    let statsAt = 0
    let total = 0
    let recent = 0
    let recentFrames = 0
    const ring = new Float64Array(240)
    const p = { x: 0, y: 0 }
    const span = { first: 0, last: -1 }

    const listen = (target: Core, on: boolean) => {
      const method = on ? 'on' : 'off'
      target[method]('add remove class', 'edge', onEdge)
      target[method]('position', 'node', onNode)
    }
    const attach = (next: Core) => {
      if (cy) listen(cy, false)
      cy = next
      listen(cy, true)
      full = true
    }

    const draw = (now: number) => {
      frame = requestAnimationFrame(draw)
      const next = graph.current?.instance() ?? null
      if (!next) return
      if (next !== cy) attach(next)
      const c = cy as Core
      const t0 = performance.now()
      if (full) {
        geometry.clear()
        c.edges().forEach(readEdge)
        full = false
        pending.clear()
        stats.geometryMs = performance.now() - t0
      } else {
        for (const id of pending) {
          const edge = c.getElementById(id)
          if (edge.nonempty() && edge.isEdge()) readEdge(edge)
          else geometry.delete(id)
        }
        pending.clear()
        const edges = c.edges()
        for (let i = 0; i < REFRESH_PER_FRAME && i < edges.length; i++) readEdge(edges[(cursor + i) % edges.length])
        cursor = edges.length > 0 ? (cursor + REFRESH_PER_FRAME) % edges.length : 0
      }
      const w = c.width()
      const h = c.height()
      const dpr = window.devicePixelRatio || 1
      if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
        canvas.width = Math.round(w * dpr)
        canvas.height = Math.round(h * dpr)
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      ctx.clearRect(0, 0, w, h)
      const zoom = c.zoom()
      const pan = c.pan()
      // the viewport in model coordinates: edges entirely outside it get no dots
      const vx0 = -pan.x / zoom
      const vy0 = -pan.y / zoom
      const vx1 = (w - pan.x) / zoom
      const vy1 = (h - pan.y) / zoom
      const shown: { g: Geometry; rate: number; errorRate: number }[] = []
      let load = 0
      // the part of the screen the drawn edges cover (model coordinates, clipped to the viewport)
      let ax0 = Infinity
      let ay0 = Infinity
      let ax1 = -Infinity
      let ay1 = -Infinity
      for (const g of geometry.values()) {
        if (g.maxX < vx0 || g.minX > vx1 || g.maxY < vy0 || g.minY > vy1) continue
        ax0 = Math.min(ax0, g.minX)
        ay0 = Math.min(ay0, g.minY)
        ax1 = Math.max(ax1, g.maxX)
        ay1 = Math.max(ay1, g.maxY)
        const tr = trafficRef.current.get(g.id)
        const rate = tr ? spacedRate(spawnRate(tr.rps), g.length * zoom, g.travel, MIN_GAP_PX) : 0
        if (rate <= 0 || !tr) continue
        shown.push({ g, rate, errorRate: tr.errorRate })
        load += rate * g.travel
      }
      const area = shown.length > 0 ? (Math.min(ax1, vx1) - Math.max(ax0, vx0)) * (Math.min(ay1, vy1) - Math.max(ay0, vy0)) * zoom * zoom : 0
      const scale = budgetScale(load, areaBudget(area, DOT_BUDGET, PX2_PER_DOT))
      const time = now / 1000
      const r = Math.min(3.5, Math.max(1.5, 2.4 * Math.sqrt(zoom)))
      // error dots are bigger squares: they must read on a red edge and without colour
      const sq = Math.min(10, Math.max(5, r * 2.8))
      const countNow = now - statsAt >= STATS_EVERY_MS
      const perEdge: TrafficStats['perEdge'] = {}
      let dots = 0
      let reds = 0
      const { dot, error, outline } = colorsRef.current
      const redPts: number[] = []
      ctx.beginPath()
      for (const { g, rate, errorRate } of shown) {
        const rt = rate * scale
        const share = redShare(errorRate, rt * g.travel)
        let edgeReds = 0
        dotSpan(time, rt, g.travel, g.phase, span)
        for (let k = span.first; k <= span.last; k++) {
          pointOnPath(g.pts, (time - (g.phase + k) / rt) / g.travel, p)
          const x = p.x * zoom + pan.x
          const y = p.y * zoom + pan.y
          if (isRedDot(k, share)) {
            redPts.push(x, y)
            edgeReds++
          } else {
            ctx.moveTo(x + r, y)
            ctx.arc(x, y, r, 0, Math.PI * 2)
          }
        }
        const n = Math.max(0, span.last - span.first + 1)
        dots += n
        reds += edgeReds
        if (countNow && expose && n > 0) perEdge[g.id] = { dots: n, red: edgeReds }
      }
      ctx.fillStyle = dot
      ctx.fill()
      if (redPts.length > 0) {
        ctx.beginPath()
        for (let i = 0; i < redPts.length; i += 2) ctx.rect(redPts[i] - sq / 2, redPts[i + 1] - sq / 2, sq, sq)
        ctx.fillStyle = error
        ctx.fill()
        ctx.lineWidth = 2
        ctx.strokeStyle = outline
        ctx.stroke()
      }
      const ms = performance.now() - t0
      total += ms
      ring[stats.frames % ring.length] = ms
      recent += ms
      recentFrames++
      stats.frames++
      stats.maxFrameMs = Math.max(stats.maxFrameMs, ms)
      if (countNow) {
        statsAt = now
        canvas.dataset.dots = String(dots)
        canvas.dataset.redDots = String(reds)
        if (expose) {
          stats.dots = dots
          stats.redDots = reds
          stats.edges = shown.length
          stats.perEdge = perEdge
          stats.meanFrameMs = total / stats.frames
          stats.recentFrameMs = recent / recentFrames
          const n = Math.min(stats.frames, ring.length)
          stats.lastFrames = Array.from({ length: n }, (_, i) => ring[(stats.frames - n + i) % ring.length])
          exposeTraffic(stats)
        }
        recent = 0
        recentFrames = 0
      }
    }

    const start = () => {
      if (!frame) frame = requestAnimationFrame(draw)
      canvas.dataset.state = 'running'
    }
    const stop = () => {
      if (frame) cancelAnimationFrame(frame)
      frame = 0
      canvas.dataset.state = 'paused-hidden'
    }
    const onVisibility = () => (document.hidden ? stop() : start())
    document.addEventListener('visibilitychange', onVisibility)
    onVisibility()
    return () => {
      stop()
      document.removeEventListener('visibilitychange', onVisibility)
      if (cy) listen(cy, false)
      withdrawTraffic(stats)
    }
  }, [graph])

  return <canvas ref={canvasRef} data-testid="traffic-overlay" aria-hidden="true" style={OVERLAY_STYLE} />
}
