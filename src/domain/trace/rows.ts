/**
 * The row model of the virtualized Gantt: which rows are visible, given collapsed nodes and
 * filter matches. One linear pass over the pre-order nodes; a collapsed subtree or a run of
 * filtered-out nodes is skipped in O(1) through `subtreeSize`.
 */
import type { TraceTree } from './tree'

export type GanttRow =
  | { type: 'node'; node: number; depth: number; collapsed: boolean }
  | {
      type: 'hidden'
      /** stable key: the first hidden node's key */
      key: string
      depth: number
      count: number
      errors: number
      /** the first hidden node, to reveal on demand */
      first: number
    }

/** Collapsed state: 1 per node index that is collapsed. */
export type CollapsedState = Uint8Array

export const expandAll = (tree: TraceTree): CollapsedState => new Uint8Array(tree.nodes.length)

export function collapseAll(tree: TraceTree): CollapsedState {
  const c = new Uint8Array(tree.nodes.length)
  for (const n of tree.nodes) if (n.children.length > 0) c[n.index] = 1
  return c
}

/** Shows `depth` levels (1 = roots only): deeper parents are collapsed. */
export function expandToDepth(tree: TraceTree, depth: number): CollapsedState {
  const c = new Uint8Array(tree.nodes.length)
  for (const n of tree.nodes) if (n.children.length > 0 && n.depth >= depth - 1) c[n.index] = 1
  return c
}

export function toggleNode(state: CollapsedState, node: number): CollapsedState {
  const c = state.slice()
  c[node] = c[node] ? 0 : 1
  return c
}

export function setCollapsed(state: CollapsedState, node: number, collapsed: boolean): CollapsedState {
  if ((state[node] === 1) === collapsed) return state
  const c = state.slice()
  c[node] = collapsed ? 1 : 0
  return c
}

/** Expands every ancestor of `node` (leaves the rest as is). */
export function revealNode(tree: TraceTree, state: CollapsedState, node: number): CollapsedState {
  let p = tree.nodes[node]?.parent ?? -1
  let c: CollapsedState | null = null
  while (p !== -1) {
    if (state[p]) {
      c ??= state.slice()
      c[p] = 0
    }
    p = tree.nodes[p].parent
  }
  return c ?? state
}

/** Opening at a span: everything collapsed except the path to it (and its own children). */
export function focusOn(tree: TraceTree, node: number): CollapsedState {
  const c = collapseAll(tree)
  c[node] = 0
  return revealNode(tree, c, node)
}

/**
 * Flags of the nodes to keep under a filter: the matches and their ancestors (for context).
 * Null `matches` = no filter.
 */
export function keepFlags(tree: TraceTree, matches: Uint8Array): Uint8Array {
  const keep = new Uint8Array(tree.nodes.length)
  for (let i = tree.nodes.length - 1; i >= 0; i--) {
    if (matches[i] || keep[i]) {
      keep[i] = 1
      const p = tree.nodes[i].parent
      if (p !== -1) keep[p] = 1
    }
  }
  return keep
}

export function buildRows(tree: TraceTree, collapsed: CollapsedState, keep: Uint8Array | null): GanttRow[] {
  const rows: GanttRow[] = []
  const nodes = tree.nodes
  let hidden: Extract<GanttRow, { type: 'hidden' }> | null = null
  let i = 0
  while (i < nodes.length) {
    const n = nodes[i]
    if (keep && !keep[i]) {
      // pre-order: a node not kept has no kept descendant, so its whole subtree is hidden
      const size = n.subtreeSize
      const errors = n.errorsBelow + (n.isError ? 1 : 0)
      const spans = countSpans(tree, i, size)
      if (hidden && hidden.depth === n.depth) {
        hidden.count += spans
        hidden.errors += errors
      } else {
        if (hidden) rows.push(hidden)
        hidden = { type: 'hidden', key: `~hidden:${n.key}`, depth: n.depth, count: spans, errors, first: i }
      }
      i += size
      continue
    }
    if (hidden) {
      rows.push(hidden)
      hidden = null
    }
    const isCollapsed = collapsed[i] === 1 && n.children.length > 0
    rows.push({ type: 'node', node: i, depth: n.depth, collapsed: isCollapsed })
    i += isCollapsed ? n.subtreeSize : 1
  }
  if (hidden) rows.push(hidden)
  return rows
}

/** Real spans (placeholders excluded) in [start, start + size). */
function countSpans(tree: TraceTree, start: number, size: number): number {
  let c = 0
  for (let k = start; k < start + size; k++) if (tree.nodes[k].span) c++
  return c
}

/** Position of the row showing `node`, or -1. */
export function rowOfNode(rows: GanttRow[], node: number): number {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    if (row.type === 'node' && row.node === node) return r
  }
  return -1
}
