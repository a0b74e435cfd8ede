import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { RefObject } from 'react'
import { flushSync } from 'react-dom'

export interface RowVirtualizerOptions {
  count: number
  /** the scrolling box holding the rows */
  scrollRef: RefObject<HTMLElement | null>
  /** px: every row's height (rows never wrap) */
  rowHeight: number
  /** rows drawn beyond each edge of the view */
  overscan: number
  /** the box assumed before it is measured (and where nothing is laid out), so rows render on the first frame */
  initialRect: { width: number; height: number }
}

/** A row to draw: its index and where it lies, in px from the top of all rows. */
export interface RowItem {
  index: number
  start: number
}

export interface RowWindow {
  /** the rows to draw: in view and `overscan` around them */
  items: RowItem[]
  /** px: height of all rows */
  totalSize: number
  /** px left above the first row drawn and below the last (spacer rows of a table) */
  above: number
  below: number
  scrollToIndex: (index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }) => void
}

interface View {
  top: number
  height: number
}

/** The rows of the view `view` (and `overscan` around it): indexes [from, to). Pure. */
export function rowRange(count: number, rowHeight: number, overscan: number, view: View): { from: number; to: number } {
  if (count <= 0 || rowHeight <= 0) return { from: 0, to: 0 }
  const first = Math.min(count - 1, Math.max(0, Math.floor(view.top / rowHeight)))
  const last = Math.min(count - 1, Math.max(first, Math.ceil((view.top + view.height) / rowHeight) - 1))
  return { from: Math.max(0, first - overscan), to: Math.min(count, last + 1 + overscan) }
}

/** Where to scroll so row `index` is in view as `align` asks; null when it already is ('auto'). Pure. */
export function scrollTopFor(index: number, rowHeight: number, view: View, align: 'start' | 'center' | 'end' | 'auto'): number | null {
  const start = index * rowHeight
  const end = start + rowHeight
  if (align === 'start') return start
  if (align === 'end') return Math.max(0, end - view.height)
  if (align === 'center') return Math.max(0, start - (view.height - rowHeight) / 2)
  if (start < view.top) return start
  if (end > view.top + view.height) return Math.max(0, end - view.height)
  return null
}

/**
 * Virtualised rows of a scrolling box: only the rows in view (and a few around them) go into the
 * DOM. Every row is `rowHeight` tall, so which rows are in view is arithmetic on the scroll
 * position: nothing is kept per row, and a list of 100,000 rows costs what a list of 100 does when
 * it appears or changes length. The view is read on every scroll (drawn before the next paint, so
 * no blank rows show) and when the box is resized.
 */
export function useRowVirtualizer(o: RowVirtualizerOptions): RowWindow {
  const { count, rowHeight, overscan, scrollRef, initialRect } = o
  const [view, setView] = useState<View>({ top: 0, height: initialRect.height })
  // the view as last read (state follows it; the scroll handler compares with it, not with a render's copy)
  const viewRef = useRef(view)
  const fallbackHeight = initialRect.height

  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    // a host without layout (tests) measures 0: the assumed height stands
    const read = (): View => ({ top: el.scrollTop, height: el.clientHeight || fallbackHeight })
    const apply = (next: View, sync: boolean) => {
      const v = viewRef.current
      if (v.top === next.top && v.height === next.height) return
      viewRef.current = next
      if (sync) flushSync(() => setView(next))
      else setView(next)
    }
    const onScroll = () => apply(read(), true)
    el.addEventListener('scroll', onScroll, { passive: true })
    // The box is read when the observer first reports it, after the browser's own layout of the
    // new rows, not here: reading it now would force that layout inside the task that mounted them
    // (tens of ms for a trace's first rows). Until then the assumed box stands; the observer reports
    // before that frame is painted, and the rows a taller box needs are drawn at once (in that frame).
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => apply(read(), true))
    if (ro) ro.observe(el)
    else apply(read(), false)
    return () => {
      el.removeEventListener('scroll', onScroll)
      ro?.disconnect()
    }
  }, [scrollRef, fallbackHeight])

  const scrollToIndex = useCallback(
    (index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }) => {
      const el = scrollRef.current
      if (!el || index < 0) return
      const top = scrollTopFor(index, rowHeight, viewRef.current, options?.align ?? 'auto')
      if (top !== null) el.scrollTop = top
    },
    [scrollRef, rowHeight],
  )

  const { from, to } = rowRange(count, rowHeight, overscan, view)
  const items: RowItem[] = []
  for (let i = from; i < to; i++) items.push({ index: i, start: i * rowHeight })
  const totalSize = Math.max(0, count) * rowHeight
  return { items, totalSize, above: from * rowHeight, below: totalSize - to * rowHeight, scrollToIndex }
}
