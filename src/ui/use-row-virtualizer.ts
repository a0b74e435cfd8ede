import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual'
import type { Key, RefObject } from 'react'

export interface RowVirtualizerOptions {
  count: number
  /** the scrolling box holding the rows */
  scrollRef: RefObject<HTMLElement | null>
  /** px: a row's height, or its estimate where rows are measured */
  rowHeight: number
  /** rows differ in height (a cell wraps): measure each row drawn; a host without layout measures 0 and keeps `rowHeight` */
  measured?: boolean
  /** rows drawn beyond each edge of the view */
  overscan: number
  /** the box assumed before it is measured, so rows render on the first frame */
  initialRect: { width: number; height: number }
  getItemKey?: (index: number) => Key
}

export interface RowWindow {
  /** the rows to draw: in view and `overscan` around them */
  items: VirtualItem[]
  /** px: height of all rows */
  totalSize: number
  /** px left above the first row drawn and below the last (spacer rows of a table) */
  above: number
  below: number
  /** ref callback for a drawn row (with `data-index`) when rows are measured */
  measureElement: (el: Element | null) => void
  scrollToIndex: (index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }) => void
}

/**
 * Virtualised rows of a scrolling box: only the rows in view (and a few around them) go into the
 * DOM. The virtualiser is read afresh on every render and callers get plain values, so nothing
 * downstream holds on to the library's instance.
 */
export function useRowVirtualizer(o: RowVirtualizerOptions): RowWindow {
  const { rowHeight, measured = false } = o
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual keeps one instance whose answers change; it is read on every render here and only plain values leave this hook
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count: o.count,
    getScrollElement: () => o.scrollRef.current,
    estimateSize: () => rowHeight,
    ...(measured ? { measureElement: (el: Element) => el.getBoundingClientRect().height || rowHeight } : {}),
    overscan: o.overscan,
    initialRect: o.initialRect,
    ...(o.getItemKey ? { getItemKey: o.getItemKey } : {}),
  })
  const items = virtualizer.getVirtualItems()
  const totalSize = virtualizer.getTotalSize()
  const first = items[0]
  const last = items[items.length - 1]
  return {
    items,
    totalSize,
    above: first ? first.start : 0,
    below: last ? totalSize - last.end : 0,
    measureElement: virtualizer.measureElement,
    scrollToIndex: virtualizer.scrollToIndex,
  }
}
