import { useEffect, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { FlameGraph, FlameLayout } from '../../domain/trace/flame'
import { frameKind, frameLabel, frameService } from '../../domain/trace/flame'
import { serviceColor } from '../../lib/service-color'
import { exposeFlame } from '../../lib/test-hooks'
import { useTokens, type TokenSpec } from '../theme'

export const FLAME_ROW_PX = 20

const focusVisible = (el: Element): boolean => {
  try {
    return el.matches(':focus-visible')
  } catch {
    return true
  }
}

export interface FlameCanvasProps {
  flame: FlameGraph
  layout: FlameLayout
  /** the frame zoomed into: it fills the width, its ancestors span it */
  zoom: number
  selected: number
  /** search hits per frame (null: no search, nothing dimmed) */
  matches: Uint8Array | null
  /** emphasise frames with spans on the critical path */
  showCritical: boolean
  onHover: (frame: number, x: number, y: number) => void
  onClick: (frame: number) => void
  ariaLabel: string
  /** the keyboard cursor's frame (outlined while the canvas has focus; its facts shown as on hover) */
  cursor?: number
  onKeyDown?: (e: KeyboardEvent<HTMLCanvasElement>) => void
  /** the services' colours on this page (the Gantt's); the stable hash colour when not given */
  colorOf?: (service: string) => string
  onFocus?: () => void
}

const PALETTE = {
  crit: ['--crit', '#c21f2c'],
  critical: ['--critical-path', '#d97706'],
  accent: ['--accent', '#1f5fd1'],
  fg: ['--fg', '#1b1f27'],
  muted: ['--fg-muted', '#505867'],
  missing: ['--bg-sunken', '#eceef2'],
  bg: ['--bg-raised', '#ffffff'],
} as const satisfies TokenSpec

/** Frames on screen at the current size and zoom: where each is drawn, for hit testing. */
interface Drawn {
  frames: Int32Array
  x: Float64Array
  w: Float64Array
  count: number
}

/**
 * The one owner of the flame graph's canvas: draws the frames of a laid-out flame graph (icicle,
 * root on top), only those at least half a pixel wide inside the zoomed range, and maps pointer
 * positions back to frames. Colours: the service's colour; failed spans outlined in the error
 * colour with a "!" before the name; the critical path underlined; search misses dimmed.
 */
export function FlameCanvas(p: FlameCanvasProps) {
  const wrap = useRef<HTMLDivElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const drawn = useRef<Drawn | null>(null)
  const [width, setWidth] = useState(0)
  const pal = useTokens(PALETTE)
  const [focused, setFocused] = useState(false)
  const { flame, layout, zoom, selected, matches, showCritical } = p
  const cursor = focused ? (p.cursor ?? -1) : -1

  useEffect(() => {
    const el = wrap.current
    if (!el) return
    const ro = new ResizeObserver(() => setWidth(el.clientWidth))
    ro.observe(el)
    setWidth(el.clientWidth)
    return () => ro.disconnect()
  }, [])

  useEffect(() => {
    const c = canvas.current
    if (!c || width <= 0) return
    const t0 = performance.now()
    const dpr = window.devicePixelRatio || 1
    const height = (flame.maxDepth + 1) * FLAME_ROW_PX
    c.width = Math.round(width * dpr)
    c.height = Math.round(height * dpr)
    c.style.height = `${height}px`
    const ctx = c.getContext('2d')
    if (!ctx) return
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, width, height)
    ctx.font = '11px system-ui, sans-serif'
    ctx.textBaseline = 'middle'
    const z0 = layout.x[zoom]
    const zw = layout.width[zoom] || 1
    const scale = width / zw
    const frames = new Int32Array(flame.frameCount)
    const xs = new Float64Array(flame.frameCount)
    const ws = new Float64Array(flame.frameCount)
    let count = 0
    const colourOf = new Map<number, string>()
    const charW = ctx.measureText('abcdefghij').width / 10
    for (let f = 0; f < flame.frameCount; f++) {
      const fw = layout.width[f]
      if (fw <= 0) continue
      let x = (layout.x[f] - z0) * scale
      let w = fw * scale
      if (x + w <= 0 || x >= width || w < 0.5) continue
      if (x < 0) {
        w += x
        x = 0
      }
      if (x + w > width) w = width - x
      const y = flame.depth[f] * FLAME_ROW_PX
      const kind = frameKind(flame.kind[f])
      const svc = flame.service[f]
      let fill: string
      if (kind === 'span' && svc >= 0) {
        fill = colourOf.get(svc) ?? (p.colorOf ?? serviceColor)(frameService(flame, f) ?? '')
        colourOf.set(svc, fill)
      } else fill = kind === 'all' ? pal.muted : pal.missing
      ctx.globalAlpha = matches && !matches[f] ? 0.25 : 1
      ctx.fillStyle = fill
      ctx.fillRect(x, y + 1, Math.max(0.5, w - (w > 3 ? 1 : 0)), FLAME_ROW_PX - 2)
      if (kind === 'not-captured' || kind === 'missing-parent') {
        ctx.strokeStyle = pal.muted
        ctx.setLineDash([3, 3])
        ctx.strokeRect(x + 0.5, y + 1.5, Math.max(0, w - 1), FLAME_ROW_PX - 3)
        ctx.setLineDash([])
      }
      const failed = flame.errors[f] > 0
      if (failed && w >= 2) {
        ctx.strokeStyle = pal.crit
        ctx.lineWidth = 2
        ctx.strokeRect(x + 1, y + 2, Math.max(0, w - 2), FLAME_ROW_PX - 4)
        ctx.lineWidth = 1
      }
      if (showCritical && flame.critical[f] > 0) {
        ctx.fillStyle = pal.critical
        ctx.fillRect(x, y + FLAME_ROW_PX - 4, Math.max(0.5, w - 1), 3)
      }
      if (w > 24) {
        const text = `${failed ? '! ' : ''}${frameLabel(flame, f)}`
        const max = Math.floor((w - 8) / charW)
        if (max >= 3) {
          ctx.fillStyle = kind === 'span' ? '#ffffff' : pal.fg
          ctx.fillText(text.length > max ? `${text.slice(0, max - 1)}…` : text, x + 4, y + FLAME_ROW_PX / 2)
        }
      }
      frames[count] = f
      xs[count] = x
      ws[count] = w
      count++
    }
    ctx.globalAlpha = 1
    if (selected >= 0 && layout.width[selected] > 0) {
      const x = Math.max(0, (layout.x[selected] - z0) * scale)
      const w = Math.min(width, (layout.x[selected] + layout.width[selected] - z0) * scale) - x
      ctx.strokeStyle = pal.accent
      ctx.lineWidth = 3
      ctx.strokeRect(x + 1.5, flame.depth[selected] * FLAME_ROW_PX + 1.5, Math.max(0, w - 3), FLAME_ROW_PX - 3)
      ctx.lineWidth = 1
    }
    if (cursor >= 0 && layout.width[cursor] > 0) {
      const x = Math.max(0, (layout.x[cursor] - z0) * scale)
      const w = Math.min(width, (layout.x[cursor] + layout.width[cursor] - z0) * scale) - x
      ctx.strokeStyle = pal.fg
      ctx.lineWidth = 2
      ctx.setLineDash([4, 3])
      ctx.strokeRect(x + 1, flame.depth[cursor] * FLAME_ROW_PX + 1, Math.max(2, w - 2), FLAME_ROW_PX - 2)
      ctx.setLineDash([])
      ctx.lineWidth = 1
    }
    drawn.current = { frames, x: xs, w: ws, count }
    exposeFlame(() => Array.from(frames.subarray(0, count), (f, k) => ({ label: frameLabel(flame, f), x: xs[k], y: flame.depth[f] * FLAME_ROW_PX, w: ws[k], errors: flame.errors[f] })))
    performance.measure('tracelens:flame-paint', { start: t0, end: performance.now() })
  }, [flame, layout, zoom, selected, matches, showCritical, width, pal, cursor, p.colorOf])

  // the cursor's facts show where a pointer would show them
  const { onHover } = p
  useEffect(() => {
    const c = canvas.current
    if (!c || cursor < 0 || width <= 0) return
    const zw = layout.width[zoom] || 1
    const x = Math.max(0, (layout.x[cursor] - layout.x[zoom]) * (width / zw))
    const r = c.getBoundingClientRect()
    onHover(cursor, r.left + Math.min(x + 12, width - 40), r.top + (flame.depth[cursor] + 1) * FLAME_ROW_PX)
  }, [cursor, layout, zoom, width, flame, onHover])

  const hit = (clientX: number, clientY: number): number => {
    const c = canvas.current
    const d = drawn.current
    if (!c || !d) return -1
    const r = c.getBoundingClientRect()
    const x = clientX - r.left
    const depth = Math.floor((clientY - r.top) / FLAME_ROW_PX)
    for (let k = 0; k < d.count; k++) {
      const f = d.frames[k]
      if (flame.depth[f] === depth && x >= d.x[k] && x < d.x[k] + Math.max(1, d.w[k])) return f
    }
    return -1
  }

  return (
    <div ref={wrap} className="flame-canvas">
      <canvas
        ref={canvas}
        role="img"
        aria-label={p.ariaLabel}
        aria-roledescription="flame graph"
        tabIndex={0}
        onKeyDown={(e) => {
          setFocused(true)
          p.onKeyDown?.(e)
        }}
        onFocus={(e) => {
          // a click gives focus too: the keyboard cursor shows only for keyboard focus
          setFocused(focusVisible(e.currentTarget))
          p.onFocus?.()
        }}
        onBlur={() => {
          setFocused(false)
          p.onHover(-1, 0, 0)
        }}
        data-testid="flame-canvas"
        style={{ width: '100%', display: 'block', cursor: 'pointer' }}
        onMouseMove={(e) => p.onHover(hit(e.clientX, e.clientY), e.clientX, e.clientY)}
        onMouseLeave={() => p.onHover(-1, 0, 0)}
        onClick={(e) => {
          const f = hit(e.clientX, e.clientY)
          if (f >= 0) p.onClick(f)
        }}
      />
    </div>
  )
}
