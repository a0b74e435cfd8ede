import { useRef, useState } from 'react'
import type { PointerEvent } from 'react'
import { axisTicks, clampZoom } from '../../../../domain/trace/detail'
import type { Zoom } from '../../../../domain/trace/detail'
import { formatDuration } from '../../../../lib/format'
import type { TimeScale } from '../../lib/trace-page/bar-geometry'

export interface TimelineRulerProps {
  scale: TimeScale
  zoom: Zoom
  /** absent: a ruler to read only (while the trace is still arriving) */
  onZoom?: (z: Zoom) => void
}

/** Ticks as offsets from the trace start, for the view range; shared by the ruler and the grid lines. */
export function rulerTicks(scale: TimeScale): { pct: number; label: string }[] {
  const from = scale.viewStart - scale.traceStart
  return axisTicks(from, from + scale.viewDuration, 6).map((t) => ({
    pct: scale.toPct(scale.traceStart + t),
    label: formatDuration(t),
  }))
}

/** The time axis; dragging a range on it zooms to that range. */
export function TimelineRuler({ scale, zoom, onZoom }: TimelineRulerProps) {
  const ref = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null)
  const frac = (e: PointerEvent) => {
    const r = ref.current?.getBoundingClientRect()
    if (!r || r.width === 0) return 0
    return Math.max(0, Math.min(1, (e.clientX - r.left) / r.width))
  }
  const ticks = rulerTicks(scale).map((t) => (
    <span key={t.label} className="tp-tick" style={{ left: `${t.pct}%` }}>
      <span className="tp-tick-label">{t.label}</span>
    </span>
  ))
  if (!onZoom) {
    return (
      <div className="tp-ruler tp-ruler-static">
        {ticks}
      </div>
    )
  }
  return (
    <div
      ref={ref}
      className="tp-ruler"
      data-testid="ruler"
      title="Drag across the time axis to zoom"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId)
        const f = frac(e)
        setDrag({ a: f, b: f })
      }}
      onPointerMove={(e) => drag && setDrag({ a: drag.a, b: frac(e) })}
      onPointerUp={() => {
        if (drag && Math.abs(drag.b - drag.a) > 0.01) {
          const w = zoom.to - zoom.from
          onZoom(clampZoom({ from: zoom.from + Math.min(drag.a, drag.b) * w, to: zoom.from + Math.max(drag.a, drag.b) * w }))
        }
        setDrag(null)
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {ticks}
      {drag ? (
        <span
          className="tp-ruler-sel"
          style={{ left: `${Math.min(drag.a, drag.b) * 100}%`, width: `${Math.abs(drag.b - drag.a) * 100}%` }}
        />
      ) : null}
    </div>
  )
}

/** Vertical grid lines at the ruler's ticks, drawn once under the rows. */
export function GridLines({ scale }: { scale: TimeScale }) {
  return (
    <div className="tp-gridlines" aria-hidden="true">
      <div className="tp-gridlines-name" />
      <div className="tp-gridlines-time">
        {rulerTicks(scale).map((t) => (
          <span key={t.label} style={{ left: `${t.pct}%` }} />
        ))}
      </div>
    </div>
  )
}
