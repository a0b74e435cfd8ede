import { useCallback, useRef, useState } from 'react'
import type { PointerEvent as ReactPointerEvent, KeyboardEvent as ReactKeyboardEvent } from 'react'

const read = (key: string): number | null => {
  try {
    const v = Number(localStorage.getItem(key))
    return Number.isFinite(v) && v > 0 ? v : null
  } catch {
    return null
  }
}

/**
 * A size in pixels the user chose, remembered in localStorage under `key` (null until chosen: the
 * layout's own default applies).
 */
export function useStoredSize(key: string): [number | null, (px: number) => void] {
  const [size, setSize] = useState<number | null>(() => read(key))
  const set = useCallback(
    (px: number) => {
      const v = Math.round(px)
      setSize(v)
      try {
        localStorage.setItem(key, String(v))
      } catch {
        // private mode: the size lasts for this page only
      }
    },
    [key],
  )
  return [size, set]
}

export interface ResizeHandleProps {
  /** what is resized, for assistive technology ("Name column width") */
  label: string
  /** the current size in px (measured by the caller when none was chosen yet) */
  current: () => number
  min: number
  max: () => number
  onResize: (px: number) => void
  /** the edge the handle sits on: dragging right grows a box whose right edge it is, shrinks one whose left edge it is */
  edge: 'right' | 'left'
  className?: string
}

const STEP = 16

/**
 * A vertical splitter: drag it, or focus it and use ←/→ (Shift for larger steps), Home/End for the
 * smallest and largest size. role=separator with its value, as the ARIA window-splitter pattern.
 */
export function ResizeHandle({ label, current, min, max, onResize, edge, className }: ResizeHandleProps) {
  const drag = useRef<{ x: number; size: number } | null>(null)
  const [value, setValue] = useState<number | null>(null)
  const clamp = (px: number) => Math.max(min, Math.min(max(), px))
  const apply = (px: number) => {
    const v = clamp(px)
    setValue(Math.round(v))
    onResize(v)
  }
  const sign = edge === 'right' ? 1 : -1
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    e.preventDefault()
    e.currentTarget.setPointerCapture(e.pointerId)
    drag.current = { x: e.clientX, size: current() }
  }
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current
    if (!d) return
    apply(d.size + sign * (e.clientX - d.x))
  }
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!drag.current) return
    drag.current = null
    e.currentTarget.releasePointerCapture(e.pointerId)
  }
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? STEP * 4 : STEP
    let next: number | null = null
    if (e.key === 'ArrowRight') next = current() + sign * step
    else if (e.key === 'ArrowLeft') next = current() - sign * step
    else if (e.key === 'Home') next = min
    else if (e.key === 'End') next = max()
    if (next === null) return
    e.preventDefault()
    e.stopPropagation()
    apply(next)
  }
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={Math.round(max())}
      aria-valuenow={value ?? undefined}
      title={`${label}: drag, or focus and use ← →`}
      tabIndex={0}
      className={`resize-handle resize-handle-${edge}${className ? ` ${className}` : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onFocus={() => setValue(Math.round(current()))}
    />
  )
}
