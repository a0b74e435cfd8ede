import { useCallback, useEffect, useMemo, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import type { HopRole } from '../../../../domain/error-chain/types'
import { rowOfNode, setCollapsed } from '../../../../domain/trace/rows'
import type { Zoom } from '../../../../domain/trace/detail'
import type { TimeScale } from '../../lib/trace-page/bar-geometry'
import { useRowVirtualizer } from '../../../../ui/use-row-virtualizer'
import { GanttRowView, rowDomId } from './gantt-row'
import type { GanttModel } from '../../hooks/use-gantt-model'

export const ROW_HEIGHT = 24

export interface GanttProps {
  model: GanttModel
  scale: TimeScale
  zoom: Zoom
  selected: number
  roles: Map<string, HopRole> | null
  chainSpans: Set<string> | null
  onSelect: (node: number) => void
  onNextError: (direction: 1 | -1) => void
  /**
   * The trace is still arriving and these are its first rows: drawn as the whole trace will draw
   * them, but read-only (no focus, selection or toggles), with the spans expected in all and the
   * rows whose children are still on their way.
   */
  arriving?: { total: number; moreBelow: Uint8Array } | null
  /** takes the keyboard focus when the page opens (unless something else has it), without selecting a row */
  autoFocus?: boolean
}

/** The virtualized span tree (role=treegrid): only the rows on screen are in the DOM. */
export function Gantt({ model, scale, selected, roles, chainSpans, onSelect, onNextError, arriving = null, autoFocus = false }: GanttProps) {
  const { tree, rows, collapsed } = model
  const scrollRef = useRef<HTMLDivElement>(null)
  const { items, totalSize, scrollToIndex } = useRowVirtualizer({
    count: rows.length,
    scrollRef,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    // rows render on the first frame, before the scroll box is measured
    initialRect: { width: 1000, height: 720 },
  })

  // focus given on open only puts the keyboard here: the first arrow key selects
  const quietFocus = useRef(false)
  useEffect(() => {
    const el = scrollRef.current
    if (!autoFocus || !el) return
    const active = document.activeElement
    if (active && active !== document.body && active !== document.documentElement) return
    quietFocus.current = true
    el.focus({ preventScroll: true })
    quietFocus.current = false
  }, [autoFocus])

  const selectedRow = useMemo(() => (selected >= 0 ? rowOfNode(rows, selected) : -1), [rows, selected])
  // Bring the selection into view when it changes (no scroll when it is already visible).
  const lastScrolled = useRef<number>(-2)
  useEffect(() => {
    if (selected === lastScrolled.current || selectedRow < 0) return
    lastScrolled.current = selected
    scrollToIndex(selectedRow, { align: 'auto' })
  }, [selected, selectedRow, scrollToIndex])

  const toggle = useCallback(
    (node: number) => model.setCollapsed(setCollapsed(collapsed, node, collapsed[node] !== 1)),
    [model, collapsed],
  )

  const moveToRow = (r: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, r))
    for (let k = clamped, dir = r < selectedRow ? -1 : 1; k >= 0 && k < rows.length; k += dir) {
      const row = rows[k]
      if (row.type === 'node') {
        onSelect(row.node)
        return
      }
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    const node = selected >= 0 ? tree.nodes[selected] : null
    const row = selectedRow >= 0 ? rows[selectedRow] : null
    let handled = true
    switch (e.key) {
      case 'ArrowDown':
        moveToRow(selectedRow + 1)
        break
      case 'ArrowUp':
        moveToRow(selectedRow < 0 ? 0 : selectedRow - 1)
        break
      case 'Home':
        moveToRow(0)
        break
      case 'End':
        moveToRow(rows.length - 1)
        break
      case 'PageDown':
        moveToRow(selectedRow + 20)
        break
      case 'PageUp':
        moveToRow(selectedRow - 20)
        break
      case 'ArrowRight':
        if (node && node.children.length > 0) {
          if (row?.type === 'node' && row.collapsed) toggle(node.index)
          else onSelect(node.children[0])
        }
        break
      case 'ArrowLeft':
        if (node) {
          if (row?.type === 'node' && node.children.length > 0 && !row.collapsed) toggle(node.index)
          else if (node.parent !== -1) onSelect(node.parent)
        }
        break
      case 'Enter':
      case ' ':
        if (node && node.children.length > 0) toggle(node.index)
        break
      case 'e':
        onNextError(1)
        break
      case 'E':
        onNextError(-1)
        break
      default:
        handled = false
    }
    if (handled) e.preventDefault()
  }

  const activeId = selected >= 0 && selectedRow >= 0 ? rowDomId(tree.nodes[selected].key) : undefined
  const use = arriving
    ? ({ 'aria-label': 'First spans of this trace, still arriving', 'aria-rowcount': arriving.total, 'aria-busy': true, 'aria-readonly': true } as const)
    : {
        'aria-label': 'Spans of this trace',
        'aria-rowcount': rows.length,
        'aria-activedescendant': activeId,
        'aria-multiselectable': false,
        tabIndex: 0,
        onKeyDown,
        onFocus: () => {
          if (!quietFocus.current && selected < 0 && rows.length > 0) moveToRow(0)
        },
        'data-testid': 'gantt',
      }
  return (
    <div ref={scrollRef} className="tp-gantt-scroll" role="treegrid" {...use}>
      <div className="tp-gantt-inner" style={{ height: totalSize }}>
        {items.map((v) => {
          const row = rows[v.index]
          const nodeIdx = row.type === 'node' ? row.node : -1
          const key = nodeIdx >= 0 ? tree.nodes[nodeIdx].key : row.type === 'hidden' ? row.key : String(v.index)
          const span = nodeIdx >= 0 ? tree.nodes[nodeIdx].span : null
          return (
            <GanttRowView
              key={key}
              row={row}
              rowIndex={v.index}
              tree={tree}
              scale={scale}
              top={v.start}
              selected={nodeIdx === selected && nodeIdx >= 0}
              matched={nodeIdx >= 0 && model.matchSet !== null && model.matchSet[nodeIdx] === 1}
              onCritical={nodeIdx >= 0 && model.critical !== null && model.critical[nodeIdx] === 1}
              inChain={span !== null && chainSpans !== null && chainSpans.has(span.spanId)}
              role={span && roles ? (roles.get(span.spanId) ?? null) : null}
              onToggle={toggle}
              onSelect={onSelect}
              readOnly={arriving !== null}
              moreBelow={arriving !== null && nodeIdx >= 0 && arriving.moreBelow[nodeIdx] === 1}
            />
          )
        })}
      </div>
    </div>
  )
}
