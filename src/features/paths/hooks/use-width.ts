import { useCallback, useEffect, useState } from 'react'

/** The width of an element (px), followed as it resizes; `fallback` until it is laid out (and where nothing is, as in tests). */
export function useWidth(fallback = 1200): [number, (el: HTMLDivElement | null) => void] {
  const [el, setEl] = useState<HTMLDivElement | null>(null)
  const [width, setWidth] = useState(fallback)
  const ref = useCallback((node: HTMLDivElement | null) => setEl(node), [])
  useEffect(() => {
    if (!el || typeof ResizeObserver === 'undefined') return
    const measure = () => setWidth(el.clientWidth || fallback)
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [el, fallback])
  return [width, ref]
}
