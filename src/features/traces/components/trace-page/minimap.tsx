import { useEffect, useRef, useState } from 'react'
import type { PointerEvent } from 'react'
import { clampZoom, FULL_ZOOM } from '../../../../domain/trace/detail'
import type { Zoom } from '../../../../domain/trace/detail'
import type { TraceTree } from '../../../../domain/trace/tree'
import { useServiceColor } from '../../../../ui/service-colors'

export interface MinimapProps {
  tree: TraceTree
  zoom: Zoom
  onZoom: (z: Zoom) => void
}

const HEIGHT = 44
/** Spans drawn at most: over a hundred to each of the map's 44 rows of pixels. */
const MAX_DRAWN = 5_000
/** How far (px) the pointer must travel before a press on the minimap becomes a drag. */
const DRAG_PX = 4
type DragMode = { kind: 'move' | 'left' | 'right'; startX: number; start: Zoom } | { kind: 'new'; anchor: number; anchorPx: number }

/**
 * The whole trace at a glance, with a draggable, resizable window that sets the zoom. Dragging
 * anywhere outside the window (or anywhere at all while it spans the whole trace) draws a new
 * window; a click outside the window moves the window there, its width kept.
 */
export function Minimap({ tree, zoom, onZoom }: MinimapProps) {
  const serviceColor = useServiceColor()
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const boxRef = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<DragMode | null>(null)
  const [live, setLive] = useState<Zoom | null>(null)
  const shown = live ?? zoom
  // The window last asked for. The address changes at once and the page re-renders with it later
  // (the Gantt follows), so a key pressed in between builds on this one, not on the window drawn:
  // ArrowRight then PageDown in quick succession moves by both.
  const { from: zoomFrom, to: zoomTo } = zoom
  const asked = useRef<Zoom>(zoom)
  useEffect(() => {
    asked.current = { from: zoomFrom, to: zoomTo }
  }, [zoomFrom, zoomTo])
  const ask = (z: Zoom) => {
    asked.current = z
    onZoom(z)
  }

  // Drawn after paint; one thin line per span, sampled to at most MAX_DRAWN lines so 100k spans stay
  // cheap (20,000 lines took 25–40 ms of one task on a two-core machine).
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    const handle = requestAnimationFrame(() => {
      const width = canvas.clientWidth
      const dpr = window.devicePixelRatio || 1
      canvas.width = Math.max(1, Math.round(width * dpr))
      canvas.height = Math.round(HEIGHT * dpr)
      const ctx = canvas.getContext('2d')
      if (!ctx) return
      ctx.scale(dpr, dpr)
      const n = tree.nodes.length
      const dur = Math.max(1, tree.end - tree.start)
      const rowH = Math.max(0.5, HEIGHT / Math.max(1, n))
      const stride = Math.max(1, Math.floor(n / MAX_DRAWN))
      let last = ''
      for (let i = 0; i < n; i += stride) {
        const node = tree.nodes[i]
        if (!node.span) continue
        const c = serviceColor(node.span.service)
        if (c !== last) {
          ctx.fillStyle = c
          last = c
        }
        const x = ((node.start - tree.start) / dur) * width
        ctx.fillRect(x, (i / n) * HEIGHT, Math.max(1, (node.duration / dur) * width), Math.max(1, rowH))
      }
    })
    return () => cancelAnimationFrame(handle)
  }, [tree, serviceColor])

  const frac = (e: PointerEvent) => {
    const r = boxRef.current?.getBoundingClientRect()
    if (!r || r.width === 0) return 0
    return Math.max(0, Math.min(1, (e.clientX - r.left) / r.width))
  }
  const startNew = (e: PointerEvent<HTMLElement>) => {
    boxRef.current?.setPointerCapture(e.pointerId)
    setDrag({ kind: 'new', anchor: frac(e), anchorPx: e.clientX })
  }
  const begin = (e: PointerEvent<HTMLElement>, kind: 'move' | 'left' | 'right') => {
    e.stopPropagation()
    // the window spans the whole trace: there is nothing to move, so a drag draws a new window
    const at = asked.current
    if (kind === 'move' && at.from <= 0 && at.to >= 1) {
      startNew(e)
      return
    }
    boxRef.current?.setPointerCapture(e.pointerId)
    setDrag({ kind, startX: frac(e), start: at })
  }
  const onMove = (e: PointerEvent) => {
    if (!drag) return
    const f = frac(e)
    if (drag.kind === 'new') {
      // a press that has not travelled yet is still a click, not a one-pixel window
      if (!live && Math.abs(e.clientX - drag.anchorPx) < DRAG_PX) return
      setLive(clampZoom({ from: Math.min(drag.anchor, f), to: Math.max(drag.anchor, f) }))
      return
    }
    const d = f - drag.startX
    const { from, to } = drag.start
    if (drag.kind === 'move') {
      const w = to - from
      const nf = Math.max(0, Math.min(1 - w, from + d))
      setLive({ from: nf, to: nf + w })
    } else if (drag.kind === 'left') setLive(clampZoom({ from: Math.min(from + d, to - 0.001), to }))
    else setLive(clampZoom({ from, to: Math.max(to + d, from + 0.001) }))
  }
  const end = () => {
    const z = asked.current
    if (live) ask(live)
    else if (drag?.kind === 'new' && !(z.from <= 0 && z.to >= 1)) {
      // a click beside the window: the window moves there, centred on the click, width kept
      const w = z.to - z.from
      const from = Math.max(0, Math.min(1 - w, drag.anchor - w / 2))
      ask({ from, to: from + w })
    }
    setLive(null)
    setDrag(null)
  }
  const nudge = (delta: number, resize: boolean) => {
    const at = asked.current
    const z = resize ? clampZoom({ from: at.from, to: at.to + delta }) : clampZoom({ from: at.from + delta, to: at.to + delta })
    if (!resize && (z.from <= 0 || z.to >= 1) && z.to - z.from < at.to - at.from) return
    ask(z)
  }
  const isFull = shown.from <= 0 && shown.to >= 1
  return (
    <div
      ref={boxRef}
      className="tp-minimap"
      data-testid="minimap"
      onPointerDown={startNew}
      onPointerMove={onMove}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <canvas ref={canvasRef} className="tp-minimap-canvas" aria-hidden="true" />
      <div
        className={isFull ? 'tp-mm-window is-full' : 'tp-mm-window'}
        style={{ left: `${shown.from * 100}%`, width: `${(shown.to - shown.from) * 100}%` }}
        role="slider"
        tabIndex={0}
        aria-label="Zoom window over the trace (arrows move, shift+arrows resize, Page Up/Down move by ten steps)"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown.from * 100)}
        aria-valuetext={`${Math.round(shown.from * 100)} % to ${Math.round(shown.to * 100)} % of the trace`}
        onPointerDown={(e) => begin(e, 'move')}
        onKeyDown={(e) => {
          const at = asked.current
          const step = (at.to - at.from) * 0.1
          if (e.key === 'ArrowLeft') nudge(-step, e.shiftKey)
          else if (e.key === 'ArrowRight') nudge(step, e.shiftKey)
          // ten steps, stopping at the trace's edge with the window's width kept
          else if (e.key === 'PageUp') nudge(-Math.min(step * 10, at.from), false)
          else if (e.key === 'PageDown') nudge(Math.min(step * 10, 1 - at.to), false)
          else if (e.key === 'Escape') ask(FULL_ZOOM)
          else return
          e.preventDefault()
        }}
      >
        <span className="tp-mm-handle tp-mm-handle-l" onPointerDown={(e) => begin(e, 'left')} aria-hidden="true" />
        <span className="tp-mm-handle tp-mm-handle-r" onPointerDown={(e) => begin(e, 'right')} aria-hidden="true" />
      </div>
    </div>
  )
}
